// Patching one worksheet part (xl/worksheets/sheetN.xml). The part is scanned once; <sheetData> becomes a light
// model of rows and cells that remembers each one's source span (sheet-data.ts), and only the rows and cells that
// change are printed again — everything else, inside and outside <sheetData>, is copied from the source text.
// Inserted rows are kept without cell objects (inserted-rows.ts), and the new text is handed back as pieces,
// printed as they are read, so a sheet of 100,000 filled rows never becomes one string.
import { InsertedRows, type BlockValues } from './inserted-rows';
import {
  formatRange,
  formatRef,
  insertionRewriter,
  MAX_ROW,
  parseRange,
  parseRef,
  rewriteFormula,
  rewriteSqref,
  translationRewriter,
  type RangeAddress,
  type RefRewriter,
} from './refs';
import {
  formatNumber,
  isTrue,
  lowerBoundCell,
  lowerBoundRow,
  newCell,
  parseSheetData,
  printRow,
  setValue,
  widenSpans,
  type Cell,
  type FormulaNode,
  type Row,
} from './sheet-data';
import {
  attr,
  escapeText,
  localName,
  prefixOf,
  startTag,
  unescapeXml,
  withAttr,
  XmlScanner,
  type OpenToken,
  type Splice,
  type XmlAttr,
} from './xml';

export interface SheetCellPatch {
  readonly ref: string;
  readonly value: number | string | null;
}

export interface RowInsertion {
  readonly after: number;
  readonly count: number;
  readonly styleFrom: number;
  /**
   * Column letters whose formula in the style row (as it stands once the sheet is patched) is copied into every
   * new row's empty cell of that column, translated as Excel translates a copied formula.
   */
  readonly formulaColumns?: readonly string[];
}

/**
 * A block of consecutive rows filled column by column: values[i × columns.length + j] goes to column columns[j] of
 * row firstRow + i. The same as the cell patches it stands for, listed row by row after the others, without an
 * object per cell.
 */
export interface SheetCellBlock {
  readonly firstRow: number;
  /** Column letters ("B"). */
  readonly columns: readonly string[];
  readonly values: readonly (number | string | null)[];
}

export interface SheetEdit {
  readonly cells: readonly SheetCellPatch[];
  readonly block?: SheetCellBlock | undefined;
  readonly insertRows?: RowInsertion | undefined;
}

export interface SheetPatchResult {
  /** The new part's text in pieces, in order, printed as they are read (it can be read again). */
  readonly text: Iterable<string>;
  /** Relationship ids of the parts anchored to cells (checked by the caller when rows are inserted). */
  readonly anchoredRelIds: readonly {
    readonly kind: 'drawing' | 'legacyDrawing' | 'table';
    readonly id: string;
  }[];
}

interface SharedGroup {
  master: Cell;
  members: Cell[];
}

const FORMULA_TEXT = new Set(['f', 'formula', 'formula1', 'formula2']);

export function patchSheetXml(
  src: string,
  sheetName: string,
  edit: SheetEdit,
  what: string,
): SheetPatchResult {
  const insertion = edit.insertRows;
  const splices: Splice[] = [];
  const anchoredRelIds: { kind: 'drawing' | 'legacyDrawing' | 'table'; id: string }[] = [];
  const insert = insertion && insertion.count > 0 ? insertion : undefined;
  if (insertion) {
    const { after, count, styleFrom } = insertion;
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(count) || count < 0) {
      throw new Error(`${what}: insertRows needs whole numbers after ≥ 0 and count ≥ 0`);
    }
    if (!Number.isInteger(styleFrom) || styleFrom < 1)
      throw new Error(`${what}: insertRows.styleFrom must be a row`);
  }
  const rewriter: RefRewriter | null = insert
    ? insertionRewriter(sheetName, insert.after, insert.count, true)
    : null;

  const scanner = new XmlScanner(src);
  const stack: string[] = [];
  let sheetDataOpen: OpenToken | null = null;
  let sheetDataCloseStart = -1;
  let dimension: OpenToken | null = null;
  let dimensionRange: RangeAddress | null = null;
  let mergeCellsOpen: OpenToken | null = null;
  let mergeCellsCloseStart = -1;
  const styleRowMerges: RangeAddress[] = [];
  let mergePrefix = '';
  let rootPrefix = '';
  const colStyles: { min: number; max: number; style: string }[] = [];
  let rows: Row[] = [];

  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open') {
      const local = localName(tok.name);
      if (stack.length === 0) rootPrefix = prefixOf(tok.name);
      if (local === 'sheetData' && stack.length === 1) {
        sheetDataOpen = tok;
        if (tok.selfClosing) {
          sheetDataCloseStart = tok.end;
          continue;
        }
        const parsed = parseSheetData(src, scanner, tok.name, what);
        rows = parsed.rows;
        sheetDataCloseStart = parsed.closeStart;
        continue;
      }
      if (local === 'col' && stack[stack.length - 1] === 'cols') {
        const style = attr(tok, 'style');
        if (style !== undefined) {
          colStyles.push({ min: Number(attr(tok, 'min')), max: Number(attr(tok, 'max')), style });
        }
      } else if (local === 'dimension') {
        dimension = tok;
        dimensionRange = parseRange(attr(tok, 'ref') ?? '');
      } else if (local === 'mergeCells') {
        mergeCellsOpen = tok;
      } else if (local === 'mergeCell') {
        mergePrefix = prefixOf(tok.name);
        const range = parseRange(attr(tok, 'ref') ?? '');
        if (insert && range && range.top === insert.styleFrom && range.bottom === insert.styleFrom) {
          styleRowMerges.push(range);
        }
      } else if (local === 'drawing' || local === 'legacyDrawing' || local === 'tablePart') {
        const id = tok.attrs.find((a) => localName(a.name) === 'id' && a.name.includes(':'))?.value;
        if (id) anchoredRelIds.push({ kind: local === 'tablePart' ? 'table' : local, id });
      }
      if (rewriter && local !== 'dimension') {
        const newAttrs = rewriteAttrs(tok, local, stack, rewriter, insert);
        if (newAttrs)
          splices.push({
            start: tok.start,
            end: tok.end,
            text: startTag(tok.name, newAttrs, tok.selfClosing),
          });
      }
      if (!tok.selfClosing) stack.push(local);
    } else if (tok.kind === 'close') {
      const local = localName(tok.name);
      if (local === 'mergeCells') mergeCellsCloseStart = tok.start;
      stack.pop();
    } else if (tok.kind === 'text' && rewriter) {
      const parent = stack[stack.length - 1] ?? '';
      if (FORMULA_TEXT.has(parent) || parent === 'sqref') {
        const raw = src.slice(tok.start, tok.end);
        const text = unescapeXml(raw);
        const next = parent === 'sqref' ? rewriteSqref(text, rewriter) : rewriteFormula(text, rewriter);
        if (next !== text) splices.push({ start: tok.start, end: tok.end, text: escapeText(next) });
      }
    }
  }
  if (!sheetDataOpen) throw new Error(`${what}: no <sheetData> (is this a worksheet?)`);

  // Shared-formula groups, by si, in document order.
  const groups = new Map<string, SharedGroup>();
  const arrayRanges: { range: RangeAddress; master: Cell }[] = [];
  for (const row of rows) {
    for (const cell of row.cells) {
      const f = cell.f;
      if (!f) continue;
      const t = attr(f, 't');
      if (t === 'shared') {
        const si = attr(f, 'si') ?? '';
        const group = groups.get(si);
        if (attr(f, 'ref') !== undefined && !group) groups.set(si, { master: cell, members: [] });
        else if (group) group.members.push(cell);
        else {
          // A member before its master: leave the group alone (it is not well formed).
        }
      } else if (t === 'array') {
        const range = parseRange(attr(f, 'ref') ?? '');
        if (range) arrayRanges.push({ range, master: cell });
      }
    }
  }

  const cellTag = (sheetDataOpen ? prefixOf(sheetDataOpen.name) : rootPrefix) + 'c';
  const rowTag = (sheetDataOpen ? prefixOf(sheetDataOpen.name) : rootPrefix) + 'row';
  /** The style of a cell a patch creates: the row's custom format, else its column's. */
  const styleOf = (rowAttrs: readonly XmlAttr[], col: number): string | undefined =>
    isTrue(attr({ attrs: rowAttrs }, 'customFormat'))
      ? attr({ attrs: rowAttrs }, 's')
      : colStyles.find((c) => c.min <= col && col <= c.max)?.style;
  let inserted: InsertedRows | null = null;

  // Row insertion.
  if (insert) {
    const { after, count, styleFrom } = insert;
    const styleRow = rows.find((r) => r.r === styleFrom);
    // Formulas of shared groups first (needs the original positions).
    const groupCells = new Set<Cell>();
    for (const group of groups.values()) {
      groupCells.add(group.master);
      for (const m of group.members) groupCells.add(m);
    }
    for (const row of rows) {
      if (row.r > after) {
        row.r += count;
        row.dirty = true;
        for (const cell of row.cells) {
          cell.row += count;
          cell.dirty = true;
        }
      }
      for (const cell of row.cells) {
        const f = cell.f;
        if (!f || groupCells.has(cell)) continue;
        shiftFormula(f, rewriter);
        if (f.changed) cell.dirty = true;
      }
    }
    for (const group of groups.values()) shiftSharedGroup(group, rewriter ?? ((): boolean => false));
    for (const a of arrayRanges)
      a.range = parseRange(attr(a.master.f ?? { attrs: [] }, 'ref') ?? '') ?? a.range;
    // The new rows, without cells of their own until a patch needs them.
    if (styleRow) {
      inserted = new InsertedRows(styleRow, cellTag, styleOf);
      const at = rows.findIndex((r) => r.r > after);
      const cut = at < 0 ? rows.length : at;
      const newRows: Row[] = [];
      for (let k = 1; k <= count; k++) newRows.push(inserted.create(after + k));
      // Not rows.splice(cut, 0, ...newRows): 100,000 arguments would overflow the stack.
      rows = rows.slice(0, cut).concat(newRows, rows.slice(cut));
    }
    // Merged cells of the style row, copied to every new row.
    if (styleRowMerges.length > 0 && mergeCellsOpen && mergeCellsCloseStart >= 0) {
      let added = '';
      let n = 0;
      for (let k = 1; k <= count; k++) {
        for (const m of styleRowMerges) {
          added += `<${mergePrefix}mergeCell ref="${formatRange({ ...m, top: after + k, bottom: after + k })}"/>`;
          n++;
        }
      }
      splices.push({ start: mergeCellsCloseStart, end: mergeCellsCloseStart, text: added });
      const countAttr = attr(mergeCellsOpen, 'count');
      if (countAttr !== undefined) {
        const attrs = withAttr(mergeCellsOpen.attrs, 'count', String(Number(countAttr) + n));
        const open = mergeCellsOpen;
        const existing = splices.findIndex((s) => s.start === open.start);
        if (existing >= 0) splices.splice(existing, 1);
        splices.push({ start: open.start, end: open.end, text: startTag(open.name, attrs, false) });
      }
    }
  }

  // Cell patches, in the sheet's final coordinates.
  const bounds = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
  const rowIndex = new Map<number, Row>();
  for (const row of rows) rowIndex.set(row.r, row);
  const setCell = (row: number, col: number, value: number | string | null): void => {
    let target = rowIndex.get(row);
    if (!target) {
      target = {
        r: row,
        start: -1,
        end: -1,
        tagName: rowTag,
        attrs: [{ name: 'r', value: String(row) }],
        selfClosing: false,
        cells: [],
        gaps: [''],
        before: '',
        dirty: true,
        lazy: false,
        blockOffset: -1,
      };
      rows.splice(lowerBoundRow(rows, row), 0, target);
      rowIndex.set(row, target);
    }
    if (target.lazy) inserted?.materialize(target);
    const cellAt = lowerBoundCell(target.cells, col);
    let cell = target.cells[cellAt];
    if (!cell || cell.col !== col) {
      cell = newCell(row, col, target.cells[0]?.tagName ?? cellTag, styleOf(target.attrs, col));
      target.cells.splice(cellAt, 0, cell);
      target.gaps.splice(cellAt, 0, '');
      target.dirty = true;
      target.attrs = widenSpans(target.attrs, col);
    }
    const ref = formatRef({ row, col });
    checkArrayFormulas(row, col);
    if (cell.f) {
      const si = attr(cell.f, 'si');
      const group = si !== undefined ? groups.get(si) : undefined;
      if (group && group.master === cell) deShare(group);
      if (group) group.members = group.members.filter((m) => m !== cell);
      cell.f = null;
    }
    setValue(cell, value, `${what} ${ref}`);
    grow(bounds, row, row, col, col);
  };
  for (const patch of edit.cells) {
    const address = parseRef(patch.ref);
    if (!address) throw new Error(`${what}: "${patch.ref}" is not a cell reference`);
    setCell(address.row, address.col, patch.value);
  }
  if (edit.block) applyBlock(edit.block);

  // The style row's formulas copied into the inserted rows.
  if (inserted && insert?.formulaColumns) {
    const cols = insert.formulaColumns.map((letters) => {
      const col = parseRef(`${letters}1`)?.col;
      if (col === undefined)
        throw new Error(`${what}: insertRows.formulaColumns: "${letters}" is not a column`);
      return col;
    });
    inserted.copyFormulas(cols, what);
    for (let r = insert.after + 1; r <= insert.after + insert.count; r++) {
      const row = rowIndex.get(r);
      if (row) inserted.fillFormulas(row);
    }
  }

  // Formula cells lose their cached values.
  for (const row of rows) {
    for (const cell of row.cells) {
      if (cell.f && cell.vSpan) {
        cell.dirty = true;
        cell.attrs = withAttr(cell.attrs, 't', undefined);
      }
      if (cell.dirty) row.dirty = true;
    }
  }

  // <sheetData> printed again, row by row as the text is read.
  const sdName = sheetDataOpen.name;
  const printer = inserted;
  const printRows = function* (): Generator<string> {
    for (const row of rows) {
      if (row.before !== '') yield row.before;
      yield row.lazy && printer ? printer.print(row) : printRow(src, row);
    }
  };
  let body: PieceSplice | null = null;
  if (sheetDataOpen.selfClosing) {
    if (rows.length > 0) {
      body = {
        start: sheetDataOpen.start,
        end: sheetDataOpen.end,
        pieces: function* () {
          yield `<${sdName}>`;
          yield* printRows();
          yield `</${sdName}>`;
        },
      };
    }
  } else {
    const lastEnd = rows.reduce((m, r) => Math.max(m, r.end), sheetDataOpen.end);
    const tail = src.slice(lastEnd, sheetDataCloseStart);
    body = {
      start: sheetDataOpen.end,
      end: sheetDataCloseStart,
      pieces: function* () {
        yield* printRows();
        yield tail;
      },
    };
  }

  // <dimension ref>.
  if (dimension) {
    const original = attr(dimension, 'ref') ?? '';
    let range = dimensionRange;
    if (range && rewriter) range = parseRange(rewriteSqref(original, rewriter));
    if (range && bounds.top <= bounds.bottom) range = union(range, bounds);
    const next = range ? formatRange(range) : original;
    if (next !== original) {
      splices.push({
        start: dimension.start,
        end: dimension.end,
        text: startTag(dimension.name, withAttr(dimension.attrs, 'ref', next), dimension.selfClosing),
      });
    }
  }

  return { text: splicedPieces(src, splices, body), anchoredRelIds };

  /** Throws when a cell lies in a multi-cell array formula (the array's cells cannot be written one by one). */
  function checkArrayFormulas(row: number, col: number): void {
    for (const a of arrayRanges) {
      const r = a.range;
      if (r.top === r.bottom && r.left === r.right) continue;
      if (r.top <= row && row <= r.bottom && r.left <= col && col <= r.right) {
        throw new Error(
          `${what}: cell ${formatRef({ row, col })} is part of the array formula ${formatRange(r)}; it cannot be filled`,
        );
      }
    }
  }

  /**
   * The cell block: each lazy inserted row it covers only records where its values start (inserted-rows.ts prints
   * them); any other row takes its cells one by one. Everything a cell patch would refuse is refused first, in the
   * order the cells come, with the same message.
   */
  function applyBlock(block: SheetCellBlock): void {
    const width = block.columns.length;
    if (width === 0 ? block.values.length > 0 : block.values.length % width !== 0)
      throw new Error(`${what}: a cell block needs ${width} values per row, got ${block.values.length}`);
    const height = width === 0 ? 0 : block.values.length / width;
    const cols = block.columns.map((letters) => parseRef(`${letters}1`)?.col ?? -1);
    for (let i = 0; i < height; i++) {
      const row = block.firstRow + i;
      const rowOk = Number.isInteger(row) && row >= 1 && row <= MAX_ROW;
      for (let j = 0; j < width; j++) {
        const col = cols[j] ?? -1;
        if (!rowOk || col < 0)
          throw new Error(`${what}: "${block.columns[j] ?? ''}${row}" is not a cell reference`);
        if (arrayRanges.length > 0) checkArrayFormulas(row, col);
        const value = block.values[i * width + j];
        if (typeof value === 'number') formatNumber(value, `${what} ${formatRef({ row, col })}`);
        else if (typeof value !== 'string' && value !== null)
          throw new Error(`${what} ${formatRef({ row, col })}: a cell takes a number, a text or null`);
      }
    }
    if (height === 0) return;
    const values: BlockValues = { firstRow: block.firstRow, cols, values: block.values };
    inserted?.setBlock(values);
    for (let i = 0; i < height; i++) {
      const r = block.firstRow + i;
      const row = rowIndex.get(r);
      if (row?.lazy) {
        row.blockOffset = i * width;
        continue;
      }
      for (let j = 0; j < width; j++) setCell(r, cols[j] ?? -1, block.values[i * width + j] ?? null);
    }
    grow(bounds, block.firstRow, block.firstRow + height - 1, Math.min(...cols), Math.max(...cols));
  }

  function deShare(group: SharedGroup): void {
    const master = group.master;
    const f = master.f;
    if (!f) return;
    for (const m of group.members) {
      if (!m.f) continue;
      const text = rewriteFormula(f.text, translationRewriter(m.row - master.row, m.col - master.col));
      m.f = { ...m.f, attrs: stripShared(m.f.attrs), text, changed: true, selfClosing: false };
      m.dirty = true;
    }
    master.f = { ...f, attrs: stripShared(f.attrs), changed: true };
    master.dirty = true;
    group.members = [];
  }
}

function stripShared(attrs: readonly XmlAttr[]): XmlAttr[] {
  return attrs.filter((a) => a.name !== 't' && a.name !== 'si' && a.name !== 'ref');
}

function shiftFormula(f: FormulaNode, rewriter: RefRewriter | null): void {
  if (!rewriter) return;
  const text = rewriteFormula(f.text, rewriter);
  if (text !== f.text) {
    f.text = text;
    f.changed = true;
  }
  const ref = attr(f, 'ref');
  if (ref !== undefined) {
    const next = rewriteSqref(ref, rewriter);
    if (next !== ref) {
      f.attrs = withAttr(f.attrs, 'ref', next);
      f.changed = true;
    }
  }
}

/**
 * A shared formula after row insertion: kept shared when every member still derives its (shifted) formula from
 * the shifted master; otherwise every member gets its own explicit formula.
 */
function shiftSharedGroup(group: SharedGroup, rewriter: RefRewriter): void {
  const master = group.master;
  const f = master.f;
  if (!f) return;
  const origText = f.text;
  const explicit = group.members.map((m) =>
    rewriteFormula(
      rewriteFormula(origText, translationRewriter(m.origRow - master.origRow, m.col - master.col)),
      rewriter,
    ),
  );
  shiftFormula(f, rewriter);
  if (f.changed) master.dirty = true;
  const consistent = group.members.every(
    (m, i) =>
      rewriteFormula(f.text, translationRewriter(m.row - master.row, m.col - master.col)) === explicit[i],
  );
  if (consistent) return;
  group.members.forEach((m, i) => {
    if (!m.f) return;
    m.f = {
      ...m.f,
      attrs: stripShared(m.f.attrs),
      text: explicit[i] ?? '',
      changed: true,
      selfClosing: false,
    };
    m.dirty = true;
  });
  master.f = { ...f, attrs: stripShared(f.attrs), changed: true };
  master.dirty = true;
  group.members = [];
}

function rewriteAttrs(
  tok: OpenToken,
  local: string,
  stack: readonly string[],
  rewriter: RefRewriter,
  insert: RowInsertion | undefined,
): XmlAttr[] | null {
  let attrs: XmlAttr[] | null = null;
  const set = (name: string, value: string): void => {
    attrs = withAttr(attrs ?? tok.attrs, name, value);
  };
  for (const a of tok.attrs) {
    const isRange =
      a.name === 'sqref' ||
      (a.name === 'ref' && (local === 'mergeCell' || local === 'hyperlink' || local === 'autoFilter')) ||
      (a.name === 'activeCell' && local === 'selection') ||
      (a.name === 'topLeftCell' && local === 'pane');
    if (isRange) {
      const next = rewriteSqref(a.value, rewriter);
      if (next !== a.value) set(a.name, next);
    }
  }
  if (insert && local === 'brk' && stack[stack.length - 1] === 'rowBreaks') {
    const id = Number(attr(tok, 'id'));
    if (id > insert.after) set('id', String(id + insert.count));
  }
  return attrs;
}

/** Widens a mutable range to take in the rows top…bottom and the columns left…right. */
function grow(
  range: { top: number; left: number; bottom: number; right: number },
  top: number,
  bottom: number,
  left: number,
  right: number,
): void {
  range.top = Math.min(range.top, top);
  range.bottom = Math.max(range.bottom, bottom);
  range.left = Math.min(range.left, left);
  range.right = Math.max(range.right, right);
}

/** A splice whose new text is produced piece by piece as it is read (<sheetData>'s rows). */
interface PieceSplice {
  readonly start: number;
  readonly end: number;
  readonly pieces: () => Iterable<string>;
}

/** applySplices as pieces: the source between the edits, the edits' texts, and the body's pieces where it goes. */
function splicedPieces(src: string, splices: Splice[], body: PieceSplice | null): Iterable<string> {
  const edits: (Splice | PieceSplice)[] = body ? [...splices, body] : [...splices];
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  for (const e of edits) {
    if (e.start < at) throw new Error('internal: overlapping XML edits');
    at = e.end;
  }
  return {
    *[Symbol.iterator](): Generator<string> {
      let from = 0;
      for (const e of edits) {
        if (e.start > from) yield src.slice(from, e.start);
        if ('pieces' in e) yield* e.pieces();
        else yield e.text;
        from = e.end;
      }
      if (from < src.length) yield src.slice(from);
    },
  };
}

function union(a: RangeAddress | null, b: RangeAddress): RangeAddress {
  if (!a) return b;
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}
