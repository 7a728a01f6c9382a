// The entry names of an OLE compound file (the container of .xls files, and of password-protected .xlsx files,
// which Office wraps as an "EncryptedPackage" stream). Only the directory is read, never a stream, so this runs
// on the page before any worker. Layout: [MS-CFB] 2.2 (header), 2.3 (FAT), 2.5 (DIFAT), 2.6 (directory).

export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
/** Sector ids from here up are markers (free, end of chain, FAT, DIFAT), not places in the file. */
const MAX_REG_SECT = 0xfffffffa;
const HEADER_DIFAT_ENTRIES = 109;
const DIR_ENTRY_SIZE = 128;

export type CfbDirectory = { ok: true; names: string[] } | { ok: false; reason: 'truncated' | 'corrupt' };

export function isCfb(bytes: Uint8Array): boolean {
  return CFB_SIGNATURE.every((b, i) => bytes[i] === b);
}

class OutOfBounds extends Error {}

/** The names of every directory entry (storages and streams), or why the directory could not be read. */
export function listCfbEntries(bytes: Uint8Array): CfbDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (offset: number): number => {
    if (offset + 4 > bytes.byteLength) throw new OutOfBounds();
    return view.getUint32(offset, true);
  };
  try {
    if (bytes.byteLength < 512 || !isCfb(bytes)) return { ok: false, reason: 'corrupt' };
    const shift = view.getUint16(0x1e, true);
    if (shift !== 9 && shift !== 12) return { ok: false, reason: 'corrupt' };
    const sectorSize = 1 << shift;
    const sectorOffset = (id: number): number => (id + 1) * sectorSize;
    const maxSectors = Math.ceil(bytes.byteLength / sectorSize);

    // The FAT's own sectors are listed by the DIFAT: 109 in the header, then a chain of DIFAT sectors.
    const fatCount = u32(0x2c);
    if (fatCount > maxSectors) return { ok: false, reason: 'corrupt' };
    const fatSectors: number[] = [];
    for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) fatSectors.push(u32(0x4c + 4 * i));
    const perDifat = sectorSize / 4 - 1;
    let difat = u32(0x44);
    while (fatSectors.length < fatCount && difat !== END_OF_CHAIN && difat !== FREE_SECT) {
      const base = sectorOffset(difat);
      for (let i = 0; i < perDifat; i++) fatSectors.push(u32(base + 4 * i));
      difat = u32(base + 4 * perDifat);
    }
    const perFat = sectorSize / 4;
    // The next sector of a chain, read straight from the FAT sector that holds it.
    const next = (sector: number): number | null => {
      const fatSector = fatSectors[Math.floor(sector / perFat)];
      if (Math.floor(sector / perFat) >= fatCount || fatSector === undefined || fatSector >= MAX_REG_SECT)
        return null;
      return u32(sectorOffset(fatSector) + 4 * (sector % perFat));
    };

    const names: string[] = [];
    let sector = u32(0x30);
    for (let hops = 0; sector !== END_OF_CHAIN; hops++) {
      if (hops > maxSectors) return { ok: false, reason: 'corrupt' };
      const base = sectorOffset(sector);
      if (base + sectorSize > bytes.byteLength) throw new OutOfBounds();
      for (let at = base; at < base + sectorSize; at += DIR_ENTRY_SIZE) {
        const name = readEntryName(bytes, view, at);
        if (name !== null) names.push(name);
      }
      const following = next(sector);
      if (following === null) return { ok: false, reason: 'corrupt' };
      sector = following;
    }
    return { ok: true, names };
  } catch (e) {
    if (e instanceof OutOfBounds) return { ok: false, reason: 'truncated' };
    throw e;
  }
}

/** An entry's name (UTF-16LE, length in bytes including the terminator), or null for an unused entry. */
function readEntryName(bytes: Uint8Array, view: DataView, at: number): string | null {
  const type = bytes[at + 0x42];
  if (type !== 1 && type !== 2 && type !== 5) return null; // storage, stream, root; 0 is unused
  const length = Math.min(view.getUint16(at + 0x40, true), 64);
  const chars: number[] = [];
  for (let i = 0; i + 2 <= length - 2; i += 2) chars.push(view.getUint16(at + i, true));
  return String.fromCharCode(...chars);
}
