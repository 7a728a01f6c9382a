// Patching one worksheet part (xl/worksheets/sheetN.xml). The part is scanned once; <sheetData> becomes a light
// model of rows and cells that remembers each one's source span, and only the rows and cells that change are
// printed again — everything else, inside and outside <sheetData>, is copied from the source text unchanged.
import {
  formatRange,
  formatRef,
  insertionRewriter,
  parseRange,
  parseRef,
  rewriteFormula,
  rewriteSqref,
  translationRewriter,
  type RangeAddress,
  type RefRewriter,
} from './refs';
import {
  applySplices,
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
}

export interface SheetPatchResult {
  readonly xml: string;
  /** Relationship ids of the parts anchored to cells (checked by the caller when rows are inserted). */
  readonly anchoredRelIds: readonly {
    readonly kind: 'drawing' | 'legacyDrawing' | 'table';
    readonly id: string;
  }[];
}

interface FormulaNode {
  start: number;
  end: number;
  tagName: string;
  attrs: XmlAttr[];
  /** Decoded formula text. */
  text: string;
  rawText: string;
  selfClosing: boolean;
  changed: boolean;
}

interface Cell {
  row: number;
  col: number;
  origRow: number;
  start: number; // -1: new
  end: number;
  tagName: string;
  attrs: XmlAttr[];
  innerStart: number;
  innerEnd: number; // innerStart === innerEnd && selfClosing: no inner
  selfClosing: boolean;
  f: FormulaNode | null;
  vSpan: [number, number] | null;
  /** New inner XML when the value was replaced (null: empty cell). */
  newInner: string | null | undefined;
  dirty: boolean;
}

interface Row {
  r: number;
  start: number; // -1: new
  end: number;
  tagName: string;
  attrs: XmlAttr[];
  selfClosing: boolean;
  cells: Cell[];
  /** gaps[i] is the source text before cells[i]; gaps[cells.length] the text before </row>. */
  gaps: string[];
  before: string;
  dirty: boolean;
}

interface SharedGroup {
  master: Cell;
  members: Cell[];
}

const FORMULA_TEXT = new Set(['f', 'formula', 'formula1', 'formula2']);

function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

function formatNumber(n: number, where: string): string {
  if (!Number.isFinite(n)) throw new Error(`${where}: ${String(n)} is not a number Excel can store`);
  return Object.is(n, -0) ? '0' : String(n);
}

export function patchSheetXml(
  src: string,
  sheetName: string,
  patches: readonly SheetCellPatch[],
  insertion: RowInsertion | undefined,
  what: string,
): SheetPatchResult {
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
    // The new rows.
    if (styleRow) {
      const at = rows.findIndex((r) => r.r > after);
      const newRows: Row[] = [];
      for (let k = 1; k <= count; k++) {
        const r = after + k;
        const cells = styleRow.cells
          .filter((c) => attr(c, 's') !== undefined)
          .map((c) => newCell(r, c.col, c.tagName, attr(c, 's')));
        newRows.push({
          r,
          start: -1,
          end: -1,
          tagName: styleRow.tagName,
          attrs: withAttr(styleRow.attrs, 'r', String(r)),
          selfClosing: false,
          cells,
          gaps: cells.map(() => '').concat(''),
          before: styleRow.before,
          dirty: true,
        });
      }
      rows.splice(at < 0 ? rows.length : at, 0, ...newRows);
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
  let bounds: RangeAddress | null = null;
  const rowIndex = new Map<number, Row>();
  for (const row of rows) rowIndex.set(row.r, row);
  const cellTag = (sheetDataOpen ? prefixOf(sheetDataOpen.name) : rootPrefix) + 'c';
  const rowTag = (sheetDataOpen ? prefixOf(sheetDataOpen.name) : rootPrefix) + 'row';
  for (const patch of patches) {
    const address = parseRef(patch.ref);
    if (!address) throw new Error(`${what}: "${patch.ref}" is not a cell reference`);
    let row = rowIndex.get(address.row);
    if (!row) {
      row = {
        r: address.row,
        start: -1,
        end: -1,
        tagName: rowTag,
        attrs: [{ name: 'r', value: String(address.row) }],
        selfClosing: false,
        cells: [],
        gaps: [''],
        before: '',
        dirty: true,
      };
      rows.splice(lowerBoundRow(rows, address.row), 0, row);
      rowIndex.set(address.row, row);
    }
    let cellAt = lowerBoundCell(row.cells, address.col);
    let cell = row.cells[cellAt];
    if (!cell || cell.col !== address.col) {
      let style: string | undefined;
      if (isTrue(attr(row, 'customFormat'))) style = attr(row, 's');
      else style = colStyles.find((c) => c.min <= address.col && address.col <= c.max)?.style;
      cell = newCell(address.row, address.col, row.cells[0]?.tagName ?? cellTag, style);
      row.cells.splice(cellAt, 0, cell);
      row.gaps.splice(cellAt, 0, '');
      row.dirty = true;
      widenSpans(row, address.col);
      cellAt++;
    }
    const ref = formatRef(address);
    for (const a of arrayRanges) {
      const r = a.range;
      if (r.top === r.bottom && r.left === r.right) continue;
      if (
        r.top <= address.row &&
        address.row <= r.bottom &&
        r.left <= address.col &&
        address.col <= r.right
      ) {
        throw new Error(
          `${what}: cell ${ref} is part of the array formula ${formatRange(r)}; it cannot be filled`,
        );
      }
    }
    if (cell.f) {
      const si = attr(cell.f, 'si');
      const group = si !== undefined ? groups.get(si) : undefined;
      if (group && group.master === cell) deShare(group);
      if (group) group.members = group.members.filter((m) => m !== cell);
      cell.f = null;
    }
    setValue(cell, patch.value, `${what} ${ref}`);
    bounds = union(bounds, { top: address.row, bottom: address.row, left: address.col, right: address.col });
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

  // <sheetData> printed again.
  const sdName = sheetDataOpen.name;
  const parts: string[] = [];
  for (const row of rows) parts.push(row.before, printRow(src, row));
  if (sheetDataOpen.selfClosing) {
    if (rows.length > 0) {
      const body = `<${sdName}>${parts.join('')}</${sdName}>`;
      splices.push({ start: sheetDataOpen.start, end: sheetDataOpen.end, text: body });
    }
  } else {
    const lastEnd = rows.reduce((m, r) => Math.max(m, r.end), sheetDataOpen.end);
    parts.push(src.slice(lastEnd, sheetDataCloseStart));
    splices.push({ start: sheetDataOpen.end, end: sheetDataCloseStart, text: parts.join('') });
  }

  // <dimension ref>.
  if (dimension) {
    const original = attr(dimension, 'ref') ?? '';
    let range = dimensionRange;
    if (range && rewriter) range = parseRange(rewriteSqref(original, rewriter));
    if (range && bounds) range = union(range, bounds);
    const next = range ? formatRange(range) : original;
    if (next !== original) {
      splices.push({
        start: dimension.start,
        end: dimension.end,
        text: startTag(dimension.name, withAttr(dimension.attrs, 'ref', next), dimension.selfClosing),
      });
    }
  }

  return { xml: applySplices(src, splices), anchoredRelIds };

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

function newCell(row: number, col: number, tagName: string, style: string | undefined): Cell {
  const attrs: XmlAttr[] = [{ name: 'r', value: formatRef({ row, col }) }];
  if (style !== undefined) attrs.push({ name: 's', value: style });
  return {
    row,
    col,
    origRow: row,
    start: -1,
    end: -1,
    tagName,
    attrs,
    innerStart: -1,
    innerEnd: -1,
    selfClosing: true,
    f: null,
    vSpan: null,
    newInner: null,
    dirty: true,
  };
}

function setValue(cell: Cell, value: number | string | null, where: string): void {
  let attrs = cell.attrs.filter((a) => a.name !== 't' && a.name !== 'cm' && a.name !== 'vm');
  if (value === null) cell.newInner = null;
  else if (typeof value === 'number') cell.newInner = `<v>${formatNumber(value, where)}</v>`;
  else if (typeof value === 'string') {
    attrs = withAttr(attrs, 't', 'inlineStr');
    const spaced = value !== value.trim() || value.includes('\n');
    cell.newInner = `<is><t${spaced ? ' xml:space="preserve"' : ''}>${escapeText(value)}</t></is>`;
  } else throw new Error(`${where}: a cell takes a number, a text or null`);
  cell.attrs = attrs;
  cell.vSpan = null;
  cell.dirty = true;
}

function widenSpans(row: Row, col: number): void {
  const spans = attr(row, 'spans');
  if (spans === undefined) return;
  const [a, b] = spans.split(':').map(Number);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return;
  if (col >= a && col <= b) return;
  row.attrs = withAttr(row.attrs, 'spans', `${Math.min(a, col)}:${Math.max(b, col)}`);
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

function lowerBoundRow(rows: readonly Row[], r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid]?.r ?? 0) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundCell(cells: readonly Cell[], col: number): number {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cells[mid]?.col ?? 0) < col) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function printRow(src: string, row: Row): string {
  if (!row.dirty && row.start >= 0) return src.slice(row.start, row.end);
  const attrs = withAttr(row.attrs, 'r', String(row.r));
  if (row.cells.length === 0 && (row.selfClosing || row.start < 0)) return startTag(row.tagName, attrs, true);
  let out = startTag(row.tagName, attrs, false);
  row.cells.forEach((cell, i) => {
    out += (row.gaps[i] ?? '') + printCell(src, cell);
  });
  out += row.gaps[row.cells.length] ?? '';
  return out + `</${row.tagName}>`;
}

function printCell(src: string, cell: Cell): string {
  if (!cell.dirty && cell.start >= 0) return src.slice(cell.start, cell.end);
  const attrs = withAttr(cell.attrs, 'r', formatRef(cell));
  let inner: string;
  if (cell.newInner !== undefined) inner = cell.newInner ?? '';
  else if (cell.start < 0 || cell.selfClosing) inner = '';
  else {
    const edits: Splice[] = [];
    if (cell.vSpan && cell.f) edits.push({ start: cell.vSpan[0], end: cell.vSpan[1], text: '' });
    const f = cell.f;
    if (f?.changed) {
      const text = f.text === unescapeXml(f.rawText) ? f.rawText : escapeText(f.text);
      const printed =
        text === '' && f.selfClosing
          ? startTag(f.tagName, f.attrs, true)
          : `${startTag(f.tagName, f.attrs, false)}${text}</${f.tagName}>`;
      edits.push({ start: f.start, end: f.end, text: printed });
    }
    inner = applySplices(src, edits, cell.innerStart, cell.innerEnd);
  }
  if (inner === '') return startTag(cell.tagName, attrs, true);
  return `${startTag(cell.tagName, attrs, false)}${inner}</${cell.tagName}>`;
}

function parseSheetData(
  src: string,
  scanner: XmlScanner,
  sheetDataName: string,
  what: string,
): { rows: Row[]; closeStart: number } {
  const rows: Row[] = [];
  let gapStart = scanner.position;
  let lastRow = 0;
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'close' && tok.name === sheetDataName) return { rows, closeStart: tok.start };
    if (tok.kind !== 'open' || localName(tok.name) !== 'row') {
      if (tok.kind === 'open' && !tok.selfClosing) skipElement(scanner, tok.name, what);
      continue;
    }
    const rAttr = attr(tok, 'r');
    const r = rAttr !== undefined ? Number(rAttr) : lastRow + 1;
    if (!Number.isInteger(r) || r < 1 || r <= lastRow)
      throw new Error(`${what}: rows out of order at row ${rAttr}`);
    lastRow = r;
    const row: Row = {
      r,
      start: tok.start,
      end: tok.end,
      tagName: tok.name,
      attrs: [...tok.attrs],
      selfClosing: tok.selfClosing,
      cells: [],
      gaps: [],
      before: src.slice(gapStart, tok.start),
      dirty: rAttr === undefined,
    };
    rows.push(row);
    if (!tok.selfClosing) parseRow(src, scanner, row, what);
    gapStart = row.end;
  }
  throw new Error(`${what}: unterminated <sheetData>`);
}

function skipElement(scanner: XmlScanner, name: string, what: string): void {
  let depth = 1;
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open' && !tok.selfClosing && tok.name === name) depth++;
    else if (tok.kind === 'close' && tok.name === name && --depth === 0) return;
  }
  throw new Error(`${what}: unterminated <${name}>`);
}

function parseRow(src: string, scanner: XmlScanner, row: Row, what: string): void {
  let gapStart = scanner.position;
  let lastCol = 0;
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'close' && tok.name === row.tagName) {
      row.gaps.push(src.slice(gapStart, tok.start));
      row.end = tok.end;
      return;
    }
    if (tok.kind !== 'open' || localName(tok.name) !== 'c') {
      if (tok.kind === 'open' && !tok.selfClosing) skipElement(scanner, tok.name, what);
      continue;
    }
    const rAttr = attr(tok, 'r');
    let col: number;
    if (rAttr !== undefined) {
      const address = parseRef(rAttr);
      if (!address || address.row !== row.r) throw new Error(`${what}: cell "${rAttr}" in row ${row.r}`);
      col = address.col;
    } else col = lastCol + 1;
    if (col <= lastCol) throw new Error(`${what}: cells out of order in row ${row.r}`);
    lastCol = col;
    row.gaps.push(src.slice(gapStart, tok.start));
    const cell: Cell = {
      row: row.r,
      col,
      origRow: row.r,
      start: tok.start,
      end: tok.end,
      tagName: tok.name,
      attrs: [...tok.attrs],
      innerStart: tok.end,
      innerEnd: tok.end,
      selfClosing: tok.selfClosing,
      f: null,
      vSpan: null,
      newInner: undefined,
      dirty: rAttr === undefined,
    };
    if (cell.dirty) row.dirty = true;
    if (!tok.selfClosing) parseCell(src, scanner, cell, what);
    row.cells.push(cell);
    gapStart = cell.end;
  }
  throw new Error(`${what}: unterminated row ${row.r}`);
}

function parseCell(src: string, scanner: XmlScanner, cell: Cell, what: string): void {
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'close' && tok.name === cell.tagName) {
      cell.innerEnd = tok.start;
      cell.end = tok.end;
      return;
    }
    if (tok.kind !== 'open') continue;
    const local = localName(tok.name);
    if (local === 'f') {
      let textEnd = tok.end;
      let end = tok.end;
      if (!tok.selfClosing) {
        const close = scanner.next();
        const closeTok = close?.kind === 'text' ? scanner.next() : close;
        if (close?.kind === 'text') textEnd = close.end;
        if (closeTok?.kind !== 'close') throw new Error(`${what}: malformed <f> in ${formatRef(cell)}`);
        end = closeTok.end;
      }
      const rawText = src.slice(tok.end, textEnd);
      cell.f = {
        start: tok.start,
        end,
        tagName: tok.name,
        attrs: [...tok.attrs],
        rawText,
        text: unescapeXml(rawText),
        selfClosing: tok.selfClosing,
        changed: false,
      };
    } else if (local === 'v') {
      const start = tok.start;
      if (!tok.selfClosing) skipElement(scanner, tok.name, what);
      cell.vSpan = [start, tok.selfClosing ? tok.end : scanner.position];
    } else if (!tok.selfClosing) skipElement(scanner, tok.name, what);
  }
  throw new Error(`${what}: unterminated cell ${formatRef(cell)}`);
}
