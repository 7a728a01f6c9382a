// A block pasted into the member list (from Excel: rows of members): which cells it writes, which members it
// adds, and what it refuses. With a header row (the list's own headers, or the usual ones of a district's list:
// "Họ và tên", "Năm sinh", "Đơn vị", "Xếp loại"…) columns are placed by header and every row is a new member (a
// list copied with its header is a list to add); without one, cells land from the focused cell on, as in Excel:
// over the rows shown from the focused one down, and rows beyond the end of the list are new members.
import { blockText, rowAt, rowsOf, type ImportWorkbook } from '../import/workbook';
import type { CellValue, Unit } from '../model';
import { normalizeName } from '../names';
import { MEMBER_COLUMNS, parseMemberCell, type MemberColumnId, type MemberParseError } from './members';

export interface MemberPasteWrite {
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

export interface MemberPasteRefusal {
  /** 1-based line of the pasted block (the header, when there is one, is line 1). */
  readonly line: number;
  readonly col: MemberColumnId;
  readonly error: MemberParseError;
}

export interface MemberPastePlan {
  readonly writes: readonly MemberPasteWrite[];
  /** Row ids of members the paste adds, in order. */
  readonly added: readonly string[];
  readonly refused: readonly MemberPasteRefusal[];
  /** Whether the first line was read as a header. */
  readonly header: boolean;
  /** Header texts that name no column of the list (their cells are not pasted). */
  readonly unknownHeaders: readonly string[];
}

export interface MemberPasteTarget {
  /** The list's row ids in the order shown. */
  readonly rows: readonly string[];
  /** Index in `rows` of the focused row (rows.length to append). */
  readonly startRow: number;
  /** The focused column; ignored when the block has a header. */
  readonly startCol: MemberColumnId;
}

/** Header texts staff use for each column, folded like unit names (case, diacritics, spacing). */
const ALIASES: Readonly<Record<MemberColumnId, readonly string[]>> = {
  name: ['ho va ten', 'ho ten', 'ten dang vien', 'full name', 'name'],
  birthYear: ['nam sinh', 'ngay sinh', 'year of birth', 'born'],
  unit: ['to chuc co so dang', 'don vi', 'dang bo co so', 'tccsd', 'base party organization', 'unit'],
  cell: ['chi bo', 'chi bo truc thuoc', 'party cell', 'cell'],
  standing: ['chinh thuc / du bi', 'chinh thuc du bi', 'loai dang vien', 'full / probationary', 'standing'],
  evaluation: ['danh gia (mien / chua danh gia)', 'mien chua danh gia', 'danh gia', 'evaluation'],
  reason: ['ly do mien, chua danh gia', 'ly do', 'reason'],
  sickMonths: ['nghi om (thang)', 'nghi om', 'so thang nghi om', 'sick leave (months)', 'sick leave'],
  rating: ['xep loai', 'ket qua xep loai', 'muc xep loai', 'rating'],
  note: ['ghi chu', 'note', 'notes'],
};

const HEADER_INDEX: ReadonlyMap<string, MemberColumnId> = (() => {
  const index = new Map<string, MemberColumnId>();
  for (const col of MEMBER_COLUMNS) {
    index.set(normalizeName(col.header.vi), col.id);
    index.set(normalizeName(col.header.en), col.id);
    for (const alias of ALIASES[col.id]) index.set(normalizeName(alias), col.id);
  }
  return index;
})();

/** A line is a header when at least two of its cells name a column and none of its cells is a number. */
function headerColumns(line: readonly string[]): (MemberColumnId | null)[] | null {
  const cols = line.map((text) => HEADER_INDEX.get(normalizeName(text)) ?? null);
  const named = cols.filter((c) => c !== null).length;
  const numeric = line.some((text) => /^\s*\d+([.,]\d+)?\s*$/.test(text));
  return named >= 2 && !numeric ? cols : null;
}

export function planMemberPaste(
  block: readonly (readonly string[])[],
  target: MemberPasteTarget,
  units: readonly Unit[],
  newId: () => string,
): MemberPastePlan {
  const first = block[0] ?? [];
  const byHeader = headerColumns(first);
  const start = MEMBER_COLUMNS.findIndex((c) => c.id === target.startCol);
  const columns: (MemberColumnId | null)[] =
    byHeader ?? first.map((_, i) => MEMBER_COLUMNS[Math.max(0, start) + i]?.id ?? null);
  const widest = Math.max(0, ...block.map((line) => line.length));
  // Cells to the right of the listed columns of a header-less block fall off the list's last column.
  while (!byHeader && columns.length < widest)
    columns.push(MEMBER_COLUMNS[start + columns.length]?.id ?? null);
  const lines = byHeader ? block.slice(1) : block;
  const writes: MemberPasteWrite[] = [];
  const added: string[] = [];
  const refused: MemberPasteRefusal[] = [];
  let rowIndex = byHeader ? target.rows.length : Math.max(0, Math.min(target.startRow, target.rows.length));
  lines.forEach((line, i) => {
    // A blank line of the block is a blank member: skipped, not added.
    if (line.every((text) => text.trim() === '') && rowIndex >= target.rows.length) return;
    let row = target.rows[rowIndex];
    if (row === undefined) {
      row = newId();
      added.push(row);
    }
    rowIndex++;
    line.forEach((raw, c) => {
      const col = columns[c];
      if (!col) return;
      const parsed = parseMemberCell(col, raw, units);
      if (parsed.ok) writes.push({ row, col, value: parsed.value });
      else refused.push({ line: i + 1 + (byHeader ? 1 : 0), col, error: parsed.error });
    });
  });
  const unknownHeaders = byHeader
    ? first.filter((text, i) => text.trim() !== '' && byHeader[i] === null)
    : [];
  return { writes, added, refused, header: byHeader !== null, unknownHeaders };
}

/**
 * The member list in a workbook: the first visible sheet with a header row of the list within its first 15
 * rows, as a block whose first line is that header (title rows above it dropped). Null when no sheet has one.
 */
export function memberBlockOf(wb: ImportWorkbook): { sheet: string; block: string[][] } | null {
  const sheets: unknown = wb.sheets;
  if (!Array.isArray(sheets)) return null;
  for (const sheet of wb.sheets) {
    if (sheet.hidden) continue;
    // rowsOf and rowAt read untrusted rows totally: a ragged row or a missing cell reads as blank.
    const rows = rowsOf(sheet).map((_, r) => rowAt(sheet, r).map((c) => blockText(c ?? null)));
    const at = rows.slice(0, 15).findIndex((line) => headerColumns(line) !== null);
    if (at >= 0) return { sheet: sheet.name, block: rows.slice(at) };
  }
  return null;
}
