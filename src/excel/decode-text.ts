// Decoding a text file (CSV, TSV) whose encoding nobody declared. Vietnamese offices meet three: UTF-8 (with or
// without a BOM), UTF-16 from Excel's "Unicode text", and the Windows code page 1258 of older tools.
// Both Chromium/Firefox and Node (full ICU) ship a windows-1258 TextDecoder: it is in the WHATWG Encoding list.

/** The text of `bytes`: a BOM decides; otherwise strict UTF-8, and Windows-1258 when that fails. */
export function decodeText(bytes: Uint8Array): string {
  const [b0, b1, b2] = bytes;
  // TextDecoder drops the BOM itself (ignoreBOM defaults to false).
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Windows-1258 writes most tone marks as separate combining characters ("ồ" is "ô" + U+0300), so the
    // decoded text is recomposed: "Hồng" must compare equal to the same name read from UTF-8.
    return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
  }
}

/** Whether `bytes` starts with a UTF-16 byte order mark (such text is full of NUL bytes, and still text). */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  const [b0, b1] = bytes;
  return (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff);
}
