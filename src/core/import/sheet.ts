// One file sheet: which report sheet it holds, its header and table, and what planPaste makes of the table.
// Percentages are not written (planPaste skips them as computed): they are handed back to be checked.
import { TOTAL_ROW } from '../finding';
import { CONTROL_ROW, type CellValue } from '../model';
import { parseCell, parseNumber } from '../parse';
import { planPaste, type PlannedNameMatch } from '../paste';
import type { SheetDef } from '../template';
import { findHeader, HEADER_SCAN_ROWS, sheetByName, sheetByTitle, type FoundHeader } from './headers';
import { blockKey, buildTable, nameColumn } from './table';
import type { ImportContext, ImportSheetPlan, InvalidCell, SheetNote } from './types';
import {
  cellAt,
  columnLetters,
  headerGrid,
  isEmptySheet,
  isFormulaWithoutValue,
  rowAt,
  rowsOf,
  shownText,
  type ImportSheet,
} from './workbook';

/** A percentage read from the file; `ambiguous` when it may be a fraction (0.948 for 94,8 %) or a percent. */
export interface PercentReading {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly value: number;
  readonly ambiguous: boolean;
  /** Another reading of the same text: "1.000%" is 1000 % written vi-VN, or 1 % written en-US. */
  readonly alternative?: number;
}

export interface SheetOutcome {
  readonly plan: ImportSheetPlan;
  readonly writes: readonly { readonly row: string; readonly col: string; readonly value: CellValue }[];
  readonly percents: readonly PercentReading[];
  /** The title rows above the header name the sheet: laid out like the printed form. */
  readonly form: boolean;
  /**
   * The unit names read and what they matched, certain or not, blank rows included: which unit a returned
   * unit form names even when its row is blank (core/submission reads it; the plan only keeps counts).
   */
  readonly matches: readonly PlannedNameMatch[];
}

const MAX_WIDTH = 512;

/** The grid's column order (src/grid/columns.ts columnOrder): the core does not import the grid. */
function columnOrder(sheet: SheetDef): string[] {
  return [
    'stt',
    'name',
    ...(sheet.unitColumns ?? []).map((a) => `unit-${a}`),
    ...sheet.columns.map((c) => c.id),
  ];
}

export function planSheet(file: ImportSheet, ctx: ImportContext): SheetOutcome {
  const name = typeof file.name === 'string' ? file.name : '';
  const rows = rowsOf(file);
  let formulas = 0;
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rowAt(file, r);
    width = Math.max(width, Math.min(row.length, MAX_WIDTH));
    for (const cell of row) if (isFormulaWithoutValue(cell ?? null)) formulas++;
  }
  const notes: SheetNote[] = formulas > 0 ? ['formulas-without-value'] : [];
  const plan: ImportSheetPlan = {
    fileSheet: name,
    sheet: null,
    headerRow: null,
    matchedUnits: 0,
    unmatchedNames: [],
    unknownColumns: [],
    invalid: [],
    formulasWithoutValue: formulas,
    notes,
  };
  const nothing = (extra: Partial<ImportSheetPlan>, note: SheetNote): SheetOutcome => ({
    plan: { ...plan, ...extra, notes: [note, ...notes] },
    writes: [],
    percents: [],
    form: false,
    matches: [],
  });
  if (file.hidden === true) return nothing({}, 'hidden-sheet');
  if (isEmptySheet(file)) return nothing({}, 'empty-sheet');

  const defs = [...ctx.template.sheets.values()];
  const grid = headerGrid(file, HEADER_SCAN_ROWS);
  const titled = sheetByTitle(grid, rows.length, (r) => rowAt(file, r).length, defs);
  let def = sheetByName(name, defs) ?? titled?.sheet ?? null;
  let header: FoundHeader | null = def ? findHeader(grid, rows.length, width, def) : null;
  if (!def)
    for (const candidate of defs) {
      const found = findHeader(grid, rows.length, width, candidate);
      if (found && (!header || found.dataColumns > header.dataColumns)) [def, header] = [candidate, found];
    }
  if (!def || !header) return nothing({ sheet: def?.id ?? null }, 'no-header');
  const sheetId = def.id;
  const located = { sheet: sheetId, headerRow: header.top };

  const units = ctx.unitsOf(sheetId);
  const nameCol = nameColumn(file, header, width, units);
  if (nameCol === null) return nothing(located, 'no-name-column');
  const table = buildTable(file, def, header, nameCol, width);
  if (table.block.length <= 1) return nothing(located, 'no-rows');

  const columns = columnOrder(def);
  const paste = planPaste({
    sheet: def,
    units,
    columns,
    rows: [...units.map((u) => u.id), ...(def.totals ? [TOTAL_ROW, CONTROL_ROW] : [])],
    anchor: { row: 0, col: columns.indexOf('name') },
    block: table.block,
    isEditable: (row, col) => ctx.isEditable(sheetId, row, col),
  });

  // Formula cells without a value are not written: block cell → report cell, as planPaste mapped them. (Every
  // unit planPaste matches is one of `units`, all of which the rows list.)
  const fromFormula = new Set<string>();
  if (table.formulaCells.size > 0) {
    const rowOf = new Map<number, string>();
    for (const m of paste.names?.matches ?? []) if (m.unitId !== null) rowOf.set(m.blockRow, m.unitId);
    const firstControl = [...table.controlRows][0];
    if (def.totals && firstControl !== undefined) rowOf.set(firstControl, CONTROL_ROW);
    const colOf = (c: number) => paste.header?.columns[c]?.col ?? null;
    for (const key of table.formulaCells) {
      const [b = -1, c = -1] = key.split(':').map(Number);
      fromFormula.add(`${rowOf.get(b)}\u0001${colOf(c)}`);
    }
  }

  const invalid: InvalidCell[] = [];
  const percents: PercentReading[] = [];
  const unknownColumns: string[] = [];
  const percentCols = new Map(def.columns.filter((c) => c.kind === 'percent').map((c) => [c.id, c]));
  for (const s of paste.skipped) {
    if (s.reason === 'invalid' && s.row !== null && s.col !== null && s.error)
      invalid.push({ row: s.row, col: s.col, raw: s.raw, error: s.error });
    else if (s.reason === 'unknown-column') {
      const text = header.texts[s.blockCol]?.trim() ?? '';
      unknownColumns.push(text === '' ? `(${columnLetters(s.blockCol)})` : text);
    } else if (s.reason === 'read-only' && s.row !== null && s.col !== null) {
      const colDef = percentCols.get(s.col);
      const fileRow = table.fileRows[s.blockRow];
      if (!colDef || fileRow === undefined) continue;
      if (table.formulaCells.size > 0 && table.formulaCells.has(blockKey(s.blockRow, s.blockCol))) continue;
      const cell = cellAt(file, fileRow, s.blockCol);
      const v = cell?.v;
      const text = shownText(cell).trim();
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) continue;
        const percentSign = text.includes('%');
        percents.push({
          sheet: sheetId,
          row: s.row,
          col: s.col,
          value: percentSign ? v * 100 : v,
          ambiguous: !percentSign,
        });
        continue;
      }
      if (text === '' || text.startsWith('#')) continue; // blank, or an Excel error such as #DIV/0!
      const parsed = parseCell(colDef, text);
      if (!parsed.ok) invalid.push({ row: s.row, col: s.col, raw: s.raw, error: parsed.error });
      else if (typeof parsed.value === 'number') {
        const grouped = parseNumber(text.replace(/%\s*$/, '').trim(), 'count');
        percents.push({
          sheet: sheetId,
          row: s.row,
          col: s.col,
          value: parsed.value,
          ambiguous: !text.includes('%'),
          ...(grouped !== null && grouped !== parsed.value ? { alternative: grouped } : {}),
        });
      }
    }
  }

  const matches = paste.names?.matches ?? [];
  const matched = new Set<string>();
  for (const m of matches) if (m.unitId !== null) matched.add(m.unitId);
  if (matches.some((m) => m.unitId !== null && !m.certain)) notes.push('uncertain-names');
  const settings = ctx.meta.settings[sheetId] ?? def.defaults;
  if (def.hasConvention && settings.convention === 'exclusive' && header.targets.some((t) => t?.inclusive))
    notes.push('convention-mismatch');

  return {
    plan: {
      ...plan,
      ...located,
      matchedUnits: matched.size,
      unmatchedNames: matches.filter((m) => m.unitId === null).map((m) => m.text),
      unknownColumns,
      invalid,
      notes,
    },
    writes:
      fromFormula.size === 0
        ? paste.writes
        : paste.writes.filter((w) => !fromFormula.has(`${w.row}\u0001${w.col}`)),
    percents,
    form: titled !== null && titled.sheet === def && titled.row < header.top,
    matches,
  };
}
