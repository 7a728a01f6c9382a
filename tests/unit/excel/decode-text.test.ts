// CSV text in the three encodings Vietnamese offices produce decodes to the same string.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/excel/preflight';
import { fixture } from './helpers';

describe('decodeText', () => {
  const utf8 = decodeText(fixture('tan-hong-utf8-bom.csv'));

  it('reads the UTF-8 fixture without its BOM', () => {
    expect(utf8.startsWith('STT;Tên tổ chức cơ sở đảng;')).toBe(true);
    expect(utf8).toContain('\r\n;Cộng;3.328;');
    expect(utf8.normalize('NFC')).toBe(utf8);
  });

  it.each(['tan-hong-utf16le.csv', 'tan-hong-windows-1258.csv'])('%s gives the same text', (name) => {
    expect(decodeText(fixture(name))).toBe(utf8);
  });

  it('reads UTF-16 BE and UTF-8 without a BOM', () => {
    const be = new Uint8Array([
      0xfe,
      0xff,
      ...[...'Hồng'].flatMap((ch) => [ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff]),
    ]);
    expect(decodeText(be)).toBe('Hồng');
    expect(decodeText(new TextEncoder().encode('Đảng bộ'))).toBe('Đảng bộ');
  });

  it('falls back to Windows-1258 only when the bytes are not UTF-8, and recomposes the tones', () => {
    // "Hồng" in Windows-1258: H, ô (F4), combining grave (CC), n, g.
    expect(decodeText(new Uint8Array([0x48, 0xf4, 0xcc, 0x6e, 0x67]))).toBe('Hồng');
    expect(decodeText(new Uint8Array([0x48, 0xf4, 0xcc, 0x6e, 0x67])).length).toBe(4);
  });
});
