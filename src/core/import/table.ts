// The table of one file sheet: where its unit rows start and end, and the block planPaste reads. The header row
// is rewritten with the labels planPaste knows; the "Cộng" row becomes the reported totals ('#control'); the
// column-number row under the header and the footer under the table are left out.
import type { Unit } from '../model';
import { matchUnits, normalizeName } from '../names';
import type { SheetDef } from '../template';
import { FIXED_LABELS, type FoundHeader } from './headers';
import {
  blockText,
  cellAt,
  isEmptyRow,
  isFormulaWithoutValue,
  rowAt,
  rowsOf,
  type ImportCell,
  type ImportSheet,
} from './workbook';

/** The labels planPaste gives the pinned rows: the computed "Cộng" and the reported totals. */
const TOTAL_LABELS = new Set(['cong', 'tong cong', 'total', 'cong toan huyen', 'tong so']);
const CONTROL_LABELS = new Set(['so lieu da bao cao', 'reported totals']);
export const CONTROL_LABEL = 'Số liệu đã báo cáo';
const TOTAL_LABEL = 'Cộng';
/** "(1)", "(3) = (4) + (5) + (6)", "1", "A": the printed forms' column-number row. */
const COLUMN_NUMBER = /^\(?\s*(?:\d{1,2}|[A-Z])\s*\)?(?:\s*=.*)?$/;
const FOOTER =
  /(?:^| )ngay (?:\S+ )?thang (?:\S+ )?nam(?: |$)|^(?:nguoi lap bieu|truong ban|pho truong ban|ghi chu|noi nhan)(?: |$)/;
const NAME_SCAN_ROWS = 300;

export interface Table {
  /** The block for planPaste: the header row, then the data rows. */
  readonly block: readonly (readonly string[])[];
  /** File row of each block row (block row 0 is the header's last row). */
  readonly fileRows: readonly number[];
  readonly nameCol: number;
  /** Block rows that go to the reported totals. */
  readonly controlRows: ReadonlySet<number>;
  /** Block cells that are formulas without a value: never written. */
  readonly formulaCells: ReadonlySet<string>;
}

export const blockKey = (blockRow: number, blockCol: number) => `${blockRow}:${blockCol}`;

function labelOf(text: string): 'total' | 'control' | null {
  const n = normalizeName(text);
  return TOTAL_LABELS.has(n) ? 'total' : CONTROL_LABELS.has(n) ? 'control' : null;
}

/** The unit-name column: by header, else the column whose texts match units with certainty. */
export function nameColumn(
  sheet: ImportSheet,
  header: FoundHeader,
  width: number,
  units: readonly Unit[],
): number | null {
  const byHeader = header.targets.findIndex((t) => t?.col === 'name');
  if (byHeader >= 0) return byHeader;
  let best: { col: number; certain: number } | null = null;
  const last = Math.min(rowsOf(sheet).length, header.bottom + 1 + NAME_SCAN_ROWS);
  for (let c = 0; c < Math.min(width, 30); c++) {
    if (header.targets[c]) continue;
    const texts: string[] = [];
    for (let r = header.bottom + 1; r < last; r++) {
      const t = blockText(cellAt(sheet, r, c)).trim();
      if (t !== '' && labelOf(t) === null && !/^[\d\s.,%()=+-]+$/.test(t)) texts.push(t);
    }
    if (texts.length === 0) continue;
    const certain = matchUnits(texts, units).filter((m) => m.certain).length;
    if (certain >= Math.max(1, texts.length / 2) && certain > (best?.certain ?? 0))
      best = { col: c, certain };
  }
  return best?.col ?? null;
}

export function buildTable(
  sheet: ImportSheet,
  def: SheetDef,
  header: FoundHeader,
  nameCol: number,
  width: number,
): Table {
  const headerRow = header.texts.map((text, c) => {
    const target = c === nameCol ? 'name' : header.targets[c]?.col;
    if (target === undefined) return text;
    return FIXED_LABELS[target] ?? def.columns.find((d) => d.id === target)?.header.vi ?? text;
  });
  const block: string[][] = [headerRow];
  const fileRows = [header.bottom];
  const labels: ('total' | 'control' | null)[] = [null];
  const formulaCells = new Set<string>();
  const rows = rowsOf(sheet);
  let started = false;
  let afterTotal = false;
  for (let r = header.bottom + 1; r < rows.length; r++) {
    const row = rowAt(sheet, r);
    const name = blockText(cellAt(sheet, r, nameCol)).trim();
    if (isEmptyRow(row)) {
      if (started) break;
      continue;
    }
    if (isFooter(row)) break;
    const label = labelOf(name);
    if (afterTotal && label !== 'control') break;
    if (!started && label === null && (name === '' || COLUMN_NUMBER.test(name)) && isColumnNumberRow(row))
      continue;
    started = true;
    if (label === 'total') afterTotal = true;
    const b = block.length;
    // A plain loop: Array.from with a callback is several times slower, and this runs for every file row.
    const cells: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = cellAt(sheet, r, c);
      if (isFormulaWithoutValue(cell)) formulaCells.add(blockKey(b, c));
      cells.push(blockText(cell));
    }
    block.push(cells);
    fileRows.push(r);
    labels.push(label);
  }
  // The "Cộng" row holds the reported totals, unless the file also has a row of them (then it is the sum).
  const hasControl = labels.includes('control');
  const controlRows = new Set<number>();
  labels.forEach((label, b) => {
    const cells = block[b];
    if (label === null || !cells) return;
    const control = label === 'control' || (!hasControl && def.totals);
    if (control) controlRows.add(b);
    cells[nameCol] = control ? CONTROL_LABEL : TOTAL_LABEL;
  });
  return { block, fileRows, nameCol, controlRows, formulaCells };
}

function isFooter(row: readonly (ImportCell | null)[]): boolean {
  return row.some((cell) => {
    const t = cell && typeof cell.v !== 'number' ? blockText(cell) : '';
    // Numbers and number-like text are never a footer: only text cells are normalized.
    return !/^[\d\s.,%()+=-]*$/.test(t) && FOOTER.test(normalizeName(t));
  });
}

function isColumnNumberRow(row: readonly (ImportCell | null)[]): boolean {
  return row.every((cell) => {
    const t = blockText(cell ?? null).trim();
    return t === '' || COLUMN_NUMBER.test(t);
  });
}
