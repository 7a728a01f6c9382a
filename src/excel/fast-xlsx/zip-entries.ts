// The entries of a zip, from its central directory, and their bytes inflated by the platform's own
// DecompressionStream when it has one (a worker in the browser: several times faster than inflating in
// JavaScript), by fflate otherwise. Only what an .xlsx needs: no zip64, no encryption, stored or deflated.
import { inflateSync } from 'fflate';
import { unsupported } from './sheetjs-xml';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let p = bytes.length - 22; p >= 0 && p >= bytes.length - 22 - 0xffff; p--)
    if (view.getUint32(p, true) === EOCD) {
      end = p;
      break;
    }
  if (end < 0) unsupported('no end of central directory');
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  if (count === 0xffff || p === 0xffffffff) unsupported('zip64');
  const names = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) unsupported('central directory');
    const flags = view.getUint16(p + 8, true);
    const nameLength = view.getUint16(p + 28, true);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    const entry = {
      name: (flags & 0x800 ? utf8 : names).decode(nameBytes),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    };
    checkLocalHeader(bytes, view, entry, nameBytes);
    entries.push(entry);
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return entries;
}

/**
 * SheetJS's zip reader (CFB's parse_zip) reads every entry from its local header, and throws on encryption,
 * other compression methods and sizes that differ from the central directory's: such a zip is not reproduced.
 */
function checkLocalHeader(bytes: Uint8Array, view: DataView, entry: ZipEntry, name: Uint8Array): void {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) unsupported('local header');
  const flags = view.getUint16(at + 6, true);
  if (flags & 0x2041 || flags & 8) unsupported('encrypted entry or data descriptor');
  if (view.getUint16(at + 8, true) !== entry.method || (entry.method !== 0 && entry.method !== 8))
    unsupported('compression method');
  if (view.getUint32(at + 18, true) !== entry.compressedSize || view.getUint32(at + 22, true) !== entry.size)
    unsupported('local sizes');
  const nameLength = view.getUint16(at + 26, true);
  if (nameLength !== name.length || at + 30 + nameLength > bytes.length) unsupported('local name');
  for (let i = 0; i < nameLength; i++) if (bytes[at + 30 + i] !== name[i]) unsupported('local name');
}

export async function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) unsupported('local header');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) unsupported('entry past the end of the file');
  let out: Uint8Array;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) out = await inflate(data, entry.size);
  else return unsupported(`compression method ${entry.method}`);
  if (out.length !== entry.size) unsupported('entry size');
  return out;
}

async function inflate(data: Uint8Array, size: number): Promise<Uint8Array> {
  try {
    if (typeof DecompressionStream === 'undefined') return inflateSync(data, { out: new Uint8Array(size) });
    const stream = new Blob([data as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    return unsupported(`inflate: ${e instanceof Error ? e.message : String(e)}`);
  }
}
