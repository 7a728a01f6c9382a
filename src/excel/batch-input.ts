// What the user dropped, expanded into the files to read: units send their filled forms back one by one or in a
// .zip, and the staff drop them all at once. A zip archive of files is opened and its spreadsheets taken out; any
// other input — a workbook (an .xlsx or .ods is a zip too: known by its [Content_Types].xml or mimetype entry, or
// by its name), a CSV, or a PDF dropped by mistake — passes through untouched, for the per-file reader
// (read-file.ts) to accept or refuse with its own message. Pure: bytes in, entries and skips out; never throws.
//
// Inside an archive, the directory's declared sizes are checked before anything is inflated (walkZip, shared
// with preflight), and only the entries kept are ever inflated. An entry keeps its path in the archive as its
// name ("Nop/XaTanHoCo.xlsx"): two folders may each hold a "Bieu04.xlsx", and the path is what tells the user
// which one a message is about; `from` names the archive.
import type { UnzipFileInfo } from 'fflate';
import { DEFAULT_LIMITS } from './plain-workbook';
import { isZip, walkZip, ZIP_EXTENSIONS } from './preflight';

export interface BatchInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface BatchEntry {
  /** The input's name, or the entry's path inside its archive. */
  name: string;
  bytes: Uint8Array;
  /** The archive's name, for an entry taken out of one. */
  from?: string;
}

export const BATCH_SKIP_REASONS = [
  /** An archive entry that is not a spreadsheet by its name (a .pdf, a .docx, a picture). */
  'not-a-spreadsheet',
  /** A .zip inside the archive: not opened, so that one drop cannot unfold without end. */
  'nested-archive',
  /** An entry declaring more than the per-file limit, or an archive whose entries together declare too much. */
  'too-large',
  /** An archive listing more entries than maxEntries. */
  'too-many',
  /** An archive that cannot be opened, or an entry that cannot be inflated (the detail says why). */
  'bad-archive',
  /** A second entry of the same path in one archive. */
  'duplicate-name',
  /** An archive holding no file other than folders and system files. */
  'empty-archive',
] as const;
export type BatchSkipReason = (typeof BATCH_SKIP_REASONS)[number];

/** Something not taken into the batch. `detail` is technical English for logs; the UI words the reason. */
export interface BatchSkip {
  name: string;
  from?: string;
  reason: BatchSkipReason;
  detail: string;
}

export interface BatchLimits {
  /** An entry declaring more bytes is not inflated: the reader would refuse a file this large anyway. */
  maxEntryBytes: number;
  /** What one archive's kept entries may declare together: they are all held in memory at once. */
  maxArchiveBytes: number;
  /** Entries listed in one archive's directory, folders included. */
  maxEntries: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = {
  maxEntryBytes: DEFAULT_LIMITS.maxBytes,
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxEntries: DEFAULT_LIMITS.maxZipEntries,
};

export interface ExpandedBatch {
  entries: BatchEntry[];
  skipped: BatchSkip[];
}

/** The spreadsheet and text files the reader takes. */
const KEPT = /\.(xlsx|xlsm|xls|ods|csv|txt)$/i;
const NESTED = /\.zip$/i;
/** Files the operating system adds to a folder, which the user never chose: left out without a word. */
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini']);

/** Inputs in order; an archive's entries in its directory's order, where the archive was. */
export function expandBatch(inputs: readonly BatchInput[], limits: Partial<BatchLimits> = {}): ExpandedBatch {
  const all: BatchLimits = { ...DEFAULT_BATCH_LIMITS, ...limits };
  const out: ExpandedBatch = { entries: [], skipped: [] };
  for (const input of inputs) expandOne(input, all, out);
  return out;
}

function expandOne(input: BatchInput, limits: BatchLimits, out: ExpandedBatch): void {
  const passThrough = (): void => {
    out.entries.push({ name: input.name, bytes: input.bytes });
  };
  const skipArchive = (reason: BatchSkipReason, detail: string): void => {
    out.skipped.push({ name: input.name, reason, detail });
  };
  // A file named like a workbook is the reader's to judge, even when it is damaged or holds no workbook: it says
  // so in its own words, where opening it here would list every part of a broken .xlsx as a skipped file.
  if (!isZip(input.bytes) || ZIP_EXTENSIONS.test(input.name)) return passThrough();

  const listing = walkZip(input.bytes, limits.maxEntries);
  if (!listing.ok)
    return skipArchive(listing.reason === 'too-many-entries' ? 'too-many' : 'bad-archive', listing.detail);
  // A zip with a package's content types (xlsx, but also docx) or ODF's mimetype is one document, not a folder.
  if (listing.entries.some((e) => e.name === '[Content_Types].xml' || e.name === 'mimetype'))
    return passThrough();

  const names = entryNames(input.bytes, listing.entries);
  const from = input.name;
  const skips: BatchSkip[] = [];
  const kept = new Map<number, string>(); // entry index → display name
  // By display name, and by fflate's name too: fflate keys what it inflates by its own decoding of the name.
  const seen = new Set<string>();
  const seenRaw = new Set<string>();
  let declared = 0;
  listing.entries.forEach((entry, i) => {
    const name = names[i] ?? entry.name;
    if (isIgnored(name)) return;
    const skip = (reason: BatchSkipReason, detail: string): void => {
      skips.push({ name, from, reason, detail });
    };
    if (NESTED.test(name)) return skip('nested-archive', 'an archive inside the archive is not opened');
    if (!KEPT.test(name)) return skip('not-a-spreadsheet', 'not named as a spreadsheet or a text file');
    if (seen.has(name) || seenRaw.has(entry.name))
      return skip('duplicate-name', 'an earlier entry of the archive has the same path');
    seen.add(name);
    seenRaw.add(entry.name);
    if (entry.originalSize > limits.maxEntryBytes)
      return skip('too-large', `declares ${entry.originalSize} bytes, more than ${limits.maxEntryBytes}`);
    if (entry.compression !== 0 && entry.compression !== 8)
      return skip('bad-archive', `compressed with method ${entry.compression}; only deflate can be opened`);
    kept.set(i, name);
    declared += entry.originalSize;
  });
  if (declared > limits.maxArchiveBytes)
    return skipArchive(
      'too-large',
      `the spreadsheets in it declare ${declared} bytes, more than ${limits.maxArchiveBytes}`,
    );

  // fflate calls the filter and then inflates that entry, so when inflating fails the last entry let through is
  // the damaged one.
  let last = '';
  const inflated = walkZip(input.bytes, limits.maxEntries, (entry, i) => {
    const name = kept.get(i);
    if (name !== undefined) last = name;
    return name !== undefined;
  });
  if (!inflated.ok)
    return skipArchive('bad-archive', last === '' ? inflated.detail : `${last}: ${inflated.detail}`);

  const entries: BatchEntry[] = [];
  for (const [i, name] of kept) {
    const entry = listing.entries[i];
    const bytes = entry ? inflated.files[entry.name] : undefined;
    if (!entry || !bytes) continue; // cannot happen: kept indexes come from this listing, and were inflated
    // fflate cuts a stored entry short at the end of the file without a word; the declared size tells.
    if (bytes.byteLength !== entry.originalSize)
      skips.push({
        name,
        from,
        reason: 'bad-archive',
        detail: `holds ${bytes.byteLength} bytes where ${entry.originalSize} are declared`,
      });
    else entries.push({ name, bytes, from });
  }
  if (entries.length === 0 && skips.length === 0)
    return skipArchive('empty-archive', 'no file other than folders and system files');
  out.entries.push(...entries);
  out.skipped.push(...skips);
}

/** Folders, macOS's resource forks (__MACOSX/), hidden files and Office's lock files ("~$Bieu04.xlsx"). */
function isIgnored(name: string): boolean {
  if (name === '' || name.endsWith('/')) return true;
  const parts = name.split('/');
  const file = parts[parts.length - 1] ?? '';
  return (
    parts.some((p) => p === '__MACOSX' || p.startsWith('.')) ||
    file.startsWith('~$') ||
    SYSTEM_FILES.has(file.toLowerCase())
  );
}

// --- Entry names ----------------------------------------------------------------------------------------------
//
// fflate decodes a name flagged UTF-8 (general-purpose bit 11) as UTF-8 and any other as Latin-1, which is right
// for neither of the two kinds of unflagged names met in practice: the zip spec's CP437 (old Windows and DOS
// tools) and unflagged UTF-8 (macOS's Archive Utility, Info-ZIP on Linux). The name's bytes and flag are read
// from the central directory here, where they are, in the order fflate walks it.

/**
 * Display names, by entry index, for the entries fflate listed; fflate's own names where the directory cannot be
 * read here (zip64, or a count that does not match fflate's). Paths use "/" and are in NFC.
 */
function entryNames(bytes: Uint8Array, entries: readonly UnzipFileInfo[]): string[] {
  const raw = rawEntryNames(bytes, entries.length);
  return entries.map((e, i) => {
    const r = raw?.[i];
    const name = r ? decodeName(r.bytes, r.utf8) : e.name;
    // Some Windows tools write "\" between folders, which the zip spec forbids.
    return name.replace(/\\/g, '/').replace(/^\/+/, '').normalize('NFC');
  });
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The name bytes and UTF-8 flag of each central-directory record, or null when they cannot be read plainly. */
function rawEntryNames(bytes: Uint8Array, count: number): { bytes: Uint8Array; utf8: boolean }[] | null {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0 || u16(bytes, eocd + 10) !== count) return null;
  const names: { bytes: Uint8Array; utf8: boolean }[] = [];
  let at = u32(bytes, eocd + 16);
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return null;
    const length = u16(bytes, at + 28);
    names.push({
      bytes: bytes.subarray(at + 46, at + 46 + length),
      utf8: (u16(bytes, at + 8) & 0x800) !== 0,
    });
    at += 46 + length + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return names;
}

const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** CP437's upper half, 0x80–0xFF. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/**
 * A flagged name is UTF-8. An unflagged one is UTF-8 too when its bytes are valid UTF-8 with some non-ASCII in
 * them — CP437 text almost never is (it would need a box-drawing or accented letter followed by exactly the
 * right continuation bytes) — and CP437 otherwise, as the spec says.
 */
function decodeName(bytes: Uint8Array, flagged: boolean): string {
  if (flagged) return utf8.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : (CP437_HIGH[b - 0x80] ?? ''))).join(
      '',
    );
  }
}
