// The light model of a worksheet's <sheetData> that the patcher edits (sheet.ts): rows and cells that remember their
// source span, parsed in one scan, and printed again only where they changed — everything else is copied from the
// source text. Values are set here (numbers as <v>, text as inline strings, null as an empty styled cell).
import { formatRef, parseRef } from './refs';
import {
  applySplices,
  attr,
  escapeText,
  localName,
  startTag,
  unescapeXml,
  withAttr,
  type Splice,
  type XmlAttr,
  type XmlScanner,
} from './xml';

export interface FormulaNode {
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

export interface Cell {
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

export interface Row {
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
  /**
   * An inserted row kept without cell objects (inserted-rows.ts prints it): its cells are the style row's styled
   * ones, with the cell block's values from `blockOffset` on (-1: the block does not cover the row). A patch of one
   * of its cells first gives it ordinary cells (InsertedRows.materialize).
   */
  lazy: boolean;
  blockOffset: number;
}

export function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

export function formatNumber(n: number, where: string): string {
  if (!Number.isFinite(n)) throw new Error(`${where}: ${String(n)} is not a number Excel can store`);
  return Object.is(n, -0) ? '0' : String(n);
}

export function newCell(row: number, col: number, tagName: string, style: string | undefined): Cell {
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

export function setValue(cell: Cell, value: number | string | null, where: string): void {
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

/** A row's attributes with its spans="a:b" grown over `col` (the same array when they already cover it). */
export function widenSpans(attrs: XmlAttr[], col: number): XmlAttr[] {
  const spans = attr({ attrs }, 'spans');
  if (spans === undefined) return attrs;
  const [a, b] = spans.split(':').map(Number);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return attrs;
  if (col >= a && col <= b) return attrs;
  return withAttr(attrs, 'spans', `${Math.min(a, col)}:${Math.max(b, col)}`);
}

export function lowerBoundRow(rows: readonly Row[], r: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid]?.r ?? 0) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function lowerBoundCell(cells: readonly Cell[], col: number): number {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cells[mid]?.col ?? 0) < col) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function printRow(src: string, row: Row): string {
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

export function parseSheetData(
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
      lazy: false,
      blockOffset: -1,
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
