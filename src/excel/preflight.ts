// The checks a file passes on the page before any worker starts: its size, its real format (from its bytes, not
// its name), and for zips the entry sizes they declare, so zip bombs and cut-off downloads are refused without
// inflating anything. Pure: bytes in, verdict out.
import { unzipSync, type UnzipFileInfo, type Unzipped } from 'fflate';
import { isCfb, listCfbEntries } from './cfb-directory';
import { hasUtf16Bom } from './decode-text';
import {
  DEFAULT_LIMITS,
  readError,
  type ReadError,
  type ReadFormat,
  type ReadLimits,
} from './plain-workbook';

export { decodeText } from './decode-text';

export type PreflightResult = { ok: true; format: ReadFormat } | { ok: false; error: ReadError };

/** An entry this large that shrank more than MAX_RATIO times is a bomb: real sheet XML compresses ~10–30×. */
const LARGE_ENTRY = 10 * 1024 * 1024;
const MAX_RATIO = 100;
/** How much of a text file is looked at to tell text from binary. */
const SNIFF_BYTES = 64 * 1024;
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
/** Names a user gives to zip-based spreadsheets: such a file must be a zip, never text. */
export const ZIP_EXTENSIONS = /\.(xlsx|xlsm|xlsb|xltx|xltm|ods|ots)$/i;

/** The verdict on a file's size alone, before its bytes are read. */
export function checkFileSize(size: number, limits: ReadLimits = DEFAULT_LIMITS): ReadError | null {
  if (size === 0) return { code: 'empty', detail: 'the file has no bytes' };
  if (size > limits.maxBytes)
    return { code: 'too-large', detail: `${size} bytes, more than the limit of ${limits.maxBytes}` };
  return null;
}

export function preflight(
  fileName: string,
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
): PreflightResult {
  const sizeError = checkFileSize(bytes.byteLength, limits);
  if (sizeError) return { ok: false, error: sizeError };
  if (isZip(bytes)) return checkZip(bytes, limits);
  if (isCfb(bytes)) return checkCfb(bytes);
  if (isBinary(bytes)) return readError('not-a-spreadsheet', 'binary content that is neither a zip nor OLE');
  if (ZIP_EXTENSIONS.test(fileName))
    return readError('not-a-spreadsheet', `named like a zip-based workbook, but the content is text`);
  if (isBlankText(bytes)) return readError('empty', 'the text file holds only spaces');
  return { ok: true, format: 'csv' };
}

/** A zip by its signature: "PK\3\4" starts a zip with entries; "PK\5\6" is an empty zip (only the end record). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/** A zip's central directory as it declares itself, and the entries `inflate` asked for (by name). */
export type ZipWalk =
  | { ok: true; entries: UnzipFileInfo[]; files: Unzipped }
  | { ok: false; reason: 'too-many-entries' | 'unreadable'; detail: string };

class TooManyEntries extends Error {}
class OverlongDirectory extends Error {}

/**
 * Walks a zip's central directory with fflate's unzipSync, giving `inflate` each entry's declared sizes before
 * anything is inflated; only the entries it accepts are. Shared by preflight (one file) and the batch expansion
 * (src/excel/batch-input.ts), so a zip bomb is measured the same way in both. Never throws:
 * - more than maxEntries entries stops the walk ('too-many-entries'): the count in the end record is not to be
 *   trusted, and a directory of millions of tiny entries costs time even when nothing is inflated;
 * - entries declaring more compressed bytes than the file has ('unreadable'): a cut-off download or a lying
 *   directory — checked as the walk goes, so it is known before the entry that overflows is inflated;
 * - no end record, a bad header, an unknown compression method or broken deflate data ('unreadable').
 */
export function walkZip(
  bytes: Uint8Array,
  maxEntries: number,
  inflate: (entry: UnzipFileInfo, index: number) => boolean = () => false,
): ZipWalk {
  const entries: UnzipFileInfo[] = [];
  let compressed = 0;
  try {
    const files = unzipSync(bytes, {
      filter(file: UnzipFileInfo) {
        // Throwing is the only way to stop fflate's loop.
        if (entries.length >= maxEntries) throw new TooManyEntries();
        compressed += file.size;
        if (compressed > bytes.byteLength) throw new OverlongDirectory();
        entries.push(file);
        return inflate(file, entries.length - 1);
      },
    });
    return { ok: true, entries, files };
  } catch (e) {
    if (e instanceof TooManyEntries)
      return { ok: false, reason: 'too-many-entries', detail: `more than ${maxEntries} entries in the zip` };
    if (e instanceof OverlongDirectory)
      return {
        ok: false,
        reason: 'unreadable',
        detail: `entries declare ${compressed} compressed bytes in a ${bytes.byteLength}-byte file`,
      };
    return { ok: false, reason: 'unreadable', detail: `the zip cannot be opened: ${describe(e)}` };
  }
}

function checkZip(bytes: Uint8Array, limits: ReadLimits): PreflightResult {
  // Nothing is inflated except ODS's tiny `mimetype` entry, which says whether the zip is a spreadsheet at all.
  const walk = walkZip(
    bytes,
    limits.maxZipEntries,
    (file) => file.name === 'mimetype' && file.originalSize <= 200 && file.size <= 200,
  );
  if (!walk.ok)
    return walk.reason === 'too-many-entries'
      ? readError('zip-bomb', walk.detail)
      : readError('truncated', walk.detail);
  const { entries, files } = walk;
  const names = new Set(entries.map((e) => e.name));
  let unzipped = 0;
  let bomb: string | null = null;
  for (const file of entries) {
    unzipped += file.originalSize;
    const ratio = file.originalSize / Math.max(file.size, 1);
    if (bomb === null && file.originalSize >= LARGE_ENTRY && ratio > MAX_RATIO)
      bomb = `${file.name} inflates ${Math.round(ratio)}× to ${file.originalSize} bytes`;
  }
  if (bomb !== null) return readError('zip-bomb', bomb);
  if (unzipped > limits.maxUnzippedBytes)
    return readError('zip-bomb', `entries declare ${unzipped} bytes, more than ${limits.maxUnzippedBytes}`);

  const mimetype = files.mimetype;
  if (mimetype) {
    const type = new TextDecoder().decode(mimetype).trim();
    return type.startsWith(ODS_MIMETYPE)
      ? { ok: true, format: 'ods' }
      : readError('not-a-spreadsheet', `an OpenDocument file of type ${type}`);
  }
  if (names.has('[Content_Types].xml') && [...names].some((n) => n.startsWith('xl/')))
    return { ok: true, format: 'xlsx' };
  return readError('not-a-spreadsheet', 'a zip that holds no workbook');
}

function checkCfb(bytes: Uint8Array): PreflightResult {
  const directory = listCfbEntries(bytes);
  if (!directory.ok)
    return directory.reason === 'truncated'
      ? readError('truncated', 'the OLE file ends before its directory')
      : readError('not-a-spreadsheet', 'an OLE file whose directory cannot be read');
  const names = new Set(directory.names);
  // Office saves a password-protected .xlsx as an OLE file holding the encrypted zip.
  if (names.has('EncryptedPackage')) return readError('password', 'an encrypted Office package');
  // "Workbook" is BIFF8 (Excel 97–2003), "Book" is BIFF5 (Excel 5/95).
  if (names.has('Workbook') || names.has('Book')) return { ok: true, format: 'xls' };
  return readError(
    'not-a-spreadsheet',
    'an OLE file without a workbook stream (a Word or other Office file)',
  );
}

function isBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false;
  const end = Math.min(bytes.byteLength, SNIFF_BYTES);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] ?? 0;
    // Control characters other than tab, LF, VT, FF, CR and DOS's end-of-file mark (SUB) never occur in text.
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) return true;
  }
  return false;
}

function isBlankText(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false; // decoded and checked by the reader
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.subarray(hasUtf8Bom ? 3 : 0).every((b) => b === 0x20 || (b >= 0x09 && b <= 0x0d));
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
