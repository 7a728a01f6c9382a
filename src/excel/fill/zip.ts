// Zip reading and writing that keeps untouched entries as their original bytes: the local header, the compressed
// data and any data descriptor are copied verbatim, and the central-directory record too (only its local-header
// offset is updated). Changed and new entries are deflated with fflate. No zip64, no encryption, no multi-disk.
//
// A changed XML part can be given as the pieces of its text (makeTextEntry): a filled worksheet of 100,000 rows is
// ~80 MB of UTF-8, so it is encoded, checksummed and deflated a batch of pieces at a time and never exists as one
// string or one byte array.
import { Deflate, inflateSync } from 'fflate';

export interface ZipEntry {
  readonly name: string;
  /** The central-directory record as in the file. */
  readonly central: Uint8Array;
  /** Local header + data (+ descriptor), exactly as in the file. */
  readonly local: Uint8Array;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly dataOffset: number; // inside `local`
  readonly modTime: number;
  readonly modDate: number;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  readonly comment: Uint8Array;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}
function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}
function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

const utf8 = new TextDecoder('utf-8');
const cp437ish = new TextDecoder('latin1');

export function readZip(bytes: Uint8Array): ZipArchive {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('Not a zip file (no end of central directory)');
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  const commentLength = u16(bytes, eocd + 20);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw new Error('Zip64 files are not supported');
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0)
    throw new Error('Multi-disk zip files are not supported');
  const raw: { central: Uint8Array; name: string; offset: number }[] = [];
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (u32(bytes, at) !== 0x02014b50) throw new Error('Corrupt zip central directory');
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLen = u16(bytes, at + 32);
    const flags = u16(bytes, at + 8);
    if (flags & 1) throw new Error('Encrypted zip entries are not supported');
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 0x800 ? utf8 : cp437ish).decode(nameBytes);
    const offset = u32(bytes, at + 42);
    if (offset === 0xffffffff || u32(bytes, at + 20) === 0xffffffff)
      throw new Error('Zip64 entries are not supported');
    const end = at + 46 + nameLength + extraLength + commentLen;
    raw.push({ central: bytes.slice(at, end), name, offset });
    at = end;
  }
  const offsets = raw.map((r) => r.offset).sort((a, b) => a - b);
  const entries = raw.map(({ central, name, offset }): ZipEntry => {
    const idx = offsets.indexOf(offset);
    const next = offsets[idx + 1] ?? cdOffset;
    if (u32(bytes, offset) !== 0x04034b50) throw new Error(`Corrupt zip local header for ${name}`);
    const dataOffset = 30 + u16(bytes, offset + 26) + u16(bytes, offset + 28);
    return {
      name,
      central,
      local: bytes.slice(offset, Math.max(next, offset + dataOffset + u32(central, 20))),
      method: u16(central, 10),
      flags: u16(central, 8),
      compressedSize: u32(central, 20),
      uncompressedSize: u32(central, 24),
      dataOffset,
      modTime: u16(central, 12),
      modDate: u16(central, 14),
    };
  });
  return { entries, comment: bytes.slice(eocd + 22, eocd + 22 + commentLength) };
}

export function entryData(entry: ZipEntry): Uint8Array {
  const data = entry.local.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data.slice();
  if (entry.method === 8) {
    if (entry.uncompressedSize === 0) return new Uint8Array(0);
    const out = inflateSync(data, { out: new Uint8Array(entry.uncompressedSize) });
    if (out.length !== entry.uncompressedSize)
      throw new Error(`${entry.name}: size mismatch after inflating`);
    return out;
  }
  throw new Error(`${entry.name}: unsupported zip compression method ${entry.method}`);
}

// Slicing-by-8 CRC-32 tables: table k holds the CRC of a byte followed by k zero bytes, so eight input bytes are
// folded per step instead of one (the checksum of a big worksheet costs a quarter of the byte-wise loop).
const CRC_TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] ?? 0;
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] ?? 0) ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** The running CRC-32 (start with -1, finish with `(crc ^ -1) >>> 0`) over `data`. */
function crc32Update(crc: number, data: Uint8Array): number {
  const t = CRC_TABLES;
  let c = crc;
  let i = 0;
  const end8 = data.length - (data.length % 8);
  for (; i < end8; i += 8) {
    const lo =
      c ^
      ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24));
    c =
      (t[1792 + (lo & 0xff)] ?? 0) ^
      (t[1536 + ((lo >>> 8) & 0xff)] ?? 0) ^
      (t[1280 + ((lo >>> 16) & 0xff)] ?? 0) ^
      (t[1024 + (lo >>> 24)] ?? 0) ^
      (t[768 + (data[i + 4] ?? 0)] ?? 0) ^
      (t[512 + (data[i + 5] ?? 0)] ?? 0) ^
      (t[256 + (data[i + 6] ?? 0)] ?? 0) ^
      (t[data[i + 7] ?? 0] ?? 0);
  }
  for (; i < data.length; i++) c = (t[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return c;
}

export function crc32(data: Uint8Array): number {
  return (crc32Update(-1, data) ^ -1) >>> 0;
}

const encoder = new TextEncoder();

/**
 * Deflates an entry's content as it comes, keeping its CRC-32 and size. Level 1: a filled sheet of 100,000 rows is
 * tens of MB of XML; the higher levels cost seconds for a few percent.
 */
class EntryWriter {
  private readonly chunks: Uint8Array[] = [];
  private compressedSize = 0;
  private crc = -1;
  private size = 0;
  private readonly deflate = new Deflate({ level: 1 }, (chunk) => {
    this.chunks.push(chunk);
    this.compressedSize += chunk.length;
  });

  /** Deflate copies what it keeps of `bytes`, so the caller may reuse the array afterwards. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.crc = crc32Update(this.crc, bytes);
    this.size += bytes.length;
    this.deflate.push(bytes);
  }

  finish(name: string, like: ZipEntry | undefined): ZipEntry {
    this.deflate.push(new Uint8Array(0), true);
    return entryOf(name, like, (this.crc ^ -1) >>> 0, this.size, this.compressedSize, this.chunks);
  }
}

/** UTF-16 code units encoded per step: a batch of small pieces is joined into strings of about this length. */
const TEXT_BATCH = 1 << 16;

/** Encodes text pieces to UTF-8 in batches through one reused buffer, handing each batch to `out`. */
class TextEncoderSink {
  private pending: string[] = [];
  private pendingLength = 0;
  // Three bytes per UTF-16 unit at most (a surrogate pair, two units, is four bytes).
  private readonly buffer = new Uint8Array(3 * TEXT_BATCH);

  constructor(private readonly out: EntryWriter) {}

  add(piece: string): void {
    if (piece.length >= TEXT_BATCH) {
      this.flush();
      this.encode(piece);
      return;
    }
    this.pending.push(piece);
    this.pendingLength += piece.length;
    if (this.pendingLength >= TEXT_BATCH) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    this.encode(text);
  }

  private encode(text: string): void {
    for (let at = 0; at < text.length;) {
      let end = Math.min(text.length, at + TEXT_BATCH);
      // Never split a surrogate pair: a lone half would be encoded as U+FFFD.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      const { written } = encoder.encodeInto(
        at === 0 && end === text.length ? text : text.slice(at, end),
        this.buffer,
      );
      this.out.push(this.buffer.subarray(0, written));
      at = end;
    }
  }
}

/** A new entry (or the new content of an existing one, keeping its name bytes, date and attributes). */
export function makeEntry(name: string, content: Uint8Array, like?: ZipEntry): ZipEntry {
  const writer = new EntryWriter();
  writer.push(content);
  return writer.finish(name, like);
}

/**
 * makeEntry for a text part given as one string or as the pieces of its text, in order (a generator may produce
 * them as they are consumed), encoded as UTF-8.
 */
export function makeTextEntry(name: string, text: string | Iterable<string>, like?: ZipEntry): ZipEntry {
  const writer = new EntryWriter();
  const sink = new TextEncoderSink(writer);
  // A string is itself iterable (by characters): take it whole.
  if (typeof text === 'string') sink.add(text);
  else for (const piece of text) sink.add(piece);
  sink.flush();
  return writer.finish(name, like);
}

function entryOf(
  name: string,
  like: ZipEntry | undefined,
  crc: number,
  size: number,
  compressedSize: number,
  compressed: readonly Uint8Array[],
): ZipEntry {
  const nameBytes = like ? like.central.subarray(46, 46 + u16(like.central, 28)) : encoder.encode(name);
  const utf8Flag = like ? like.flags & 0x800 : nameBytes.some((b) => b > 0x7f) ? 0x800 : 0;
  const modTime = like?.modTime ?? 0;
  const modDate = like?.modDate ?? 0x21; // 1980-01-01
  const local = new Uint8Array(30 + nameBytes.length + compressedSize);
  put32(local, 0, 0x04034b50);
  put16(local, 4, 20);
  put16(local, 6, utf8Flag);
  put16(local, 8, 8);
  put16(local, 10, modTime);
  put16(local, 12, modDate);
  put32(local, 14, crc);
  put32(local, 18, compressedSize);
  put32(local, 22, size);
  put16(local, 26, nameBytes.length);
  put16(local, 28, 0);
  local.set(nameBytes, 30);
  let at = 30 + nameBytes.length;
  for (const chunk of compressed) {
    local.set(chunk, at);
    at += chunk.length;
  }
  const central = new Uint8Array(46 + nameBytes.length);
  put32(central, 0, 0x02014b50);
  put16(central, 4, like ? u16(like.central, 4) : 20);
  put16(central, 6, 20);
  put16(central, 8, utf8Flag);
  put16(central, 10, 8);
  put16(central, 12, modTime);
  put16(central, 14, modDate);
  put32(central, 16, crc);
  put32(central, 20, compressedSize);
  put32(central, 24, size);
  put16(central, 28, nameBytes.length);
  put16(central, 30, 0);
  put16(central, 32, 0);
  put16(central, 34, 0);
  put16(central, 36, like ? u16(like.central, 36) : 0);
  put32(central, 38, like ? u32(like.central, 38) : 0);
  central.set(nameBytes, 46);
  return {
    name,
    central,
    local,
    method: 8,
    flags: utf8Flag,
    compressedSize,
    uncompressedSize: size,
    dataOffset: 30 + nameBytes.length,
    modTime,
    modDate,
  };
}

export function writeZip(archive: ZipArchive): Uint8Array {
  let size = 22 + archive.comment.length;
  for (const e of archive.entries) size += e.local.length + e.central.length;
  const out = new Uint8Array(size);
  let at = 0;
  const offsets: number[] = [];
  for (const e of archive.entries) {
    offsets.push(at);
    out.set(e.local, at);
    at += e.local.length;
  }
  const cdOffset = at;
  archive.entries.forEach((e, i) => {
    out.set(e.central, at);
    put32(out, at + 42, offsets[i] ?? 0);
    at += e.central.length;
  });
  const cdSize = at - cdOffset;
  put32(out, at, 0x06054b50);
  put16(out, at + 4, 0);
  put16(out, at + 6, 0);
  put16(out, at + 8, archive.entries.length);
  put16(out, at + 10, archive.entries.length);
  put32(out, at + 12, cdSize);
  put32(out, at + 16, cdOffset);
  put16(out, at + 20, archive.comment.length);
  out.set(archive.comment, at + 22);
  return out;
}
