// One worksheet's XML → its cells, as SheetJS 0.18.5's parse_ws_xml and parse_ws_xml_data give them to
// convert.ts (dense, sheetStubs, cellFormula, cellText, sheetRows), in one pass of indexOf and charCodeAt over the
// text. Only the common shape is read: unprefixed <row r> elements holding <c> elements whose content is <f>,
// <v> or <is>. Anything else is Unsupported (the caller falls back to SheetJS), because SheetJS's regular
// expressions would read it in ways not worth reproducing.
import type { WireCell } from '../worker-protocol';
import { generalNumber, type FormatValue } from './number-formats';
import { stringItemText } from './shared-strings';
import { parseXmlTag, safeDecodeRange, unescapeXml, unsupported, type CellRange } from './sheetjs-xml';

export interface SheetContext {
  strings: readonly (string | undefined)[];
  /** Each style's number format, null for General (see number-formats.ts). */
  formats: readonly (string | null)[];
  format: FormatValue | null;
  /** SheetJS's sheetRows: rows numbered past it are skipped. */
  sheetRows: number;
}

export interface ParsedSheet {
  /**
   * Sparse: a hole or undefined is a cell SheetJS leaves out or keeps as an empty stub. Cells are in the form
   * they cross to the page in (worker-protocol.ts): a number whose shown text is its own text is bare.
   */
  rows: (WireCell | undefined)[][];
  merges: CellRange[];
  /** The <dimension>'s last row (0-based) when SheetJS accepts it as the sheet's range. */
  dimensionLastRow: number | null;
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const QUOTE = 34;

const MERGE_CELL = /<(?:\w:)?mergeCell ref="[A-Z0-9:]+"\s*[/]?>/g;

export function parseSheet(xml: string, ctx: SheetContext): ParsedSheet {
  const open = xml.indexOf('<sheetData');
  const close = xml.lastIndexOf('</sheetData>');
  let before = xml;
  let after = xml;
  const rows: (WireCell | undefined)[][] = [];
  if (open >= 0 && close > open) {
    const contentStart = xml.indexOf('>', open) + 1;
    if (xml.charCodeAt(contentStart - 2) === SLASH) unsupported('empty sheetData before a closing tag');
    before = xml.slice(0, open);
    after = xml.slice(close + '</sheetData>'.length);
    new CellScanner(xml, ctx, rows).scan(contentStart, close);
  }
  if (/:sheetData/.test(before) || /:sheetData/.test(after)) unsupported('prefixed sheetData');
  return { rows, merges: mergeCells(after), dimensionLastRow: dimension(before) };
}

/** parse_ws_xml's <dimension> lookup, and parse_ws_xml_dim's test of it. */
function dimension(before: string): number | null {
  const at = /<(?:\w*:)?dimension/.exec(before)?.index ?? -1;
  if (at <= 0) return null;
  const ref = /"(\w*:\w*)"/.exec(before.slice(at, at + 50));
  if (!ref?.[1]) return null;
  const d = safeDecodeRange(ref[1]);
  return d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0 ? d.e.r : null;
}

function mergeCells(after: string): CellRange[] {
  return (after.match(MERGE_CELL) ?? []).map((m) => safeDecodeRange(m.slice(m.indexOf('"') + 1)));
}

const enum CellType {
  None,
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  Empty,
}

const ERROR_CODES: Record<string, true> = {
  '#NULL!': true,
  '#DIV/0!': true,
  '#VALUE!': true,
  '#REF!': true,
  '#NAME?': true,
  '#NUM!': true,
  '#N/A': true,
  '#GETTING_DATA': true,
  '#WTF?': true,
};

class CellScanner {
  /** Shared formulas seen so far, by SheetJS's key (String(parseInt(si))): their text and first cell. */
  private readonly sharedFormulas = new Map<string, { text: string; r: number; c: number }>();
  // The cell being read (fields, not objects, to keep the loop free of allocations).
  private attrR = -1;
  private attrREnd = -1;
  /** The style index; -1 without one. */
  private attrS = -1;
  private attrT: string | undefined;

  constructor(
    private readonly xml: string,
    private readonly ctx: SheetContext,
    private readonly rows: (WireCell | undefined)[][],
  ) {}

  scan(from: number, to: number): void {
    const xml = this.xml;
    let p = from;
    for (;;) {
      p = skipSpace(xml, p, to);
      if (p >= to) return;
      if (!xml.startsWith('<row', p)) unsupported('unexpected element in sheetData');
      const next = xml.charCodeAt(p + 4);
      if (next !== 32 && next !== GT && next !== SLASH) unsupported('row tag');
      const tagEnd = xml.indexOf('>', p);
      if (tagEnd < 0 || tagEnd >= to) unsupported('unterminated row');
      const selfClosed = xml.charCodeAt(tagEnd - 1) === SLASH;
      const r = this.rowNumber(p + 4, selfClosed ? tagEnd - 1 : tagEnd);
      if (selfClosed) {
        // An empty row: SheetJS only notes its number (for a range guess this reader does not need).
        p = tagEnd + 1;
        continue;
      }
      const rowEnd = xml.indexOf('</row>', tagEnd);
      if (rowEnd < 0 || rowEnd >= to) unsupported('unterminated row');
      if (r <= this.ctx.sheetRows) this.scanCells(tagEnd + 1, rowEnd, r);
      p = rowEnd + 6;
    }
  }

  /** The row's r, as parsexmltag keys it (the last attribute whose key is r). Required and canonical. */
  private rowNumber(from: number, to: number): number {
    const xml = this.xml;
    let value = '';
    let p = from;
    for (;;) {
      p = skipSpace(xml, p, to);
      if (p >= to) break;
      const nameStart = p;
      while (p < to && xml.charCodeAt(p) !== EQ) p++;
      if (xml.charCodeAt(p + 1) !== QUOTE) unsupported('attribute form');
      const valueEnd = xml.indexOf('"', p + 2);
      if (valueEnd < 0 || valueEnd >= to) unsupported('attribute form');
      const isR =
        p - nameStart === 1
          ? xml.charCodeAt(nameStart) === 114
          : attributeKey(xml.slice(nameStart, p)) === 'r';
      if (isR) value = xml.slice(p + 2, valueEnd);
      p = valueEnd + 1;
      if (p < to && !isSpace(xml.charCodeAt(p))) unsupported('attribute form');
    }
    if (!/^[1-9]\d{0,6}$/.test(value)) unsupported('row number');
    return Number(value);
  }

  private scanCells(from: number, to: number, r: number): void {
    const xml = this.xml;
    let row = this.rows[r - 1];
    if (!row) row = this.rows[r - 1] = [];
    let col = -1;
    let p = from;
    for (;;) {
      p = skipSpace(xml, p, to);
      if (p >= to) return;
      if (xml.charCodeAt(p) !== LT || xml.charCodeAt(p + 1) !== 99 /* c */)
        unsupported('unexpected element in row');
      const next = xml.charCodeAt(p + 2);
      if (next !== 32 && next !== GT && next !== SLASH) unsupported('cell tag');
      const tagEnd = xml.indexOf('>', p);
      if (tagEnd < 0 || tagEnd >= to) unsupported('unterminated cell');
      const selfClosed = xml.charCodeAt(tagEnd - 1) === SLASH;
      this.readCellAttributes(p + 2, selfClosed ? tagEnd - 1 : tagEnd);
      col = this.attrR >= 0 ? this.cellColumn(r) : col + 1;
      if (selfClosed) {
        // No content: an empty stub, except for types that have a value without one ("str" is "", "b" false).
        row[col] = this.cell(tagEnd, tagEnd, r, col);
        p = tagEnd + 1;
        continue;
      }
      const cellEnd = xml.indexOf('</c>', tagEnd);
      if (cellEnd < 0 || cellEnd >= to) unsupported('unterminated cell');
      // Without an r attribute SheetJS takes the first r="…" anywhere in the cell for one.
      if (this.attrR < 0 && /r=["']/.test(xml.slice(tagEnd, cellEnd))) unsupported('r in a cell without one');
      row[col] = this.cell(tagEnd + 1, cellEnd, r, col);
      p = cellEnd + 4;
    }
  }

  private readCellAttributes(from: number, to: number): void {
    const xml = this.xml;
    this.attrR = -1;
    this.attrS = -1;
    this.attrT = undefined;
    let p = from;
    for (;;) {
      p = skipSpace(xml, p, to);
      if (p >= to) return;
      const nameStart = p;
      while (p < to && xml.charCodeAt(p) !== EQ) p++;
      if (xml.charCodeAt(p + 1) !== QUOTE) unsupported('attribute form');
      const valueStart = p + 2;
      const valueEnd = xml.indexOf('"', valueStart);
      if (valueEnd < 0 || valueEnd >= to) unsupported('attribute form');
      const nameLength = p - nameStart;
      const code = nameLength === 1 ? xml.charCodeAt(nameStart) : 0;
      if (code === 114 /* r */) {
        if (this.attrR >= 0) unsupported('two r attributes');
        this.attrR = valueStart;
        this.attrREnd = valueEnd;
      } else if (code === 115 /* s */) this.attrS = parseIndex(xml, valueStart, valueEnd);
      else if (code === 116 /* t */) this.attrT = xml.slice(valueStart, valueEnd);
      else {
        // SheetJS finds r with /r=["']/ anywhere in the cell, and keys attributes case-insensitively (and after
        // a prefix): anything that could be read as r, s or t another way is not reproduced.
        const key = attributeKey(xml.slice(nameStart, p));
        if (key === 'r' || key === 's' || key === 't' || xml.charCodeAt(p - 1) === 114)
          unsupported('attribute');
        if (xml.slice(valueStart, valueEnd).includes("'")) unsupported('quote in attribute');
      }
      p = valueEnd + 1;
      if (p < to && !isSpace(xml.charCodeAt(p))) unsupported('attribute form');
    }
  }

  /** The cell's column from its r, which must name a cell of row r ("AB12"). */
  private cellColumn(r: number): number {
    const xml = this.xml;
    let p = this.attrR;
    const end = this.attrREnd;
    let c = 0;
    for (; p < end; p++) {
      const ch = xml.charCodeAt(p);
      if (ch < 65 || ch > 90) break;
      c = 26 * c + ch - 64;
    }
    if (c === 0 || c > 16384) unsupported('cell reference');
    if (xml.charCodeAt(p) === 48 /* 0 */) unsupported('cell reference');
    let row = 0;
    for (; p < end; p++) {
      const ch = xml.charCodeAt(p) - 48;
      if (ch < 0 || ch > 9) unsupported('cell reference');
      row = row * 10 + ch;
    }
    if (row !== r) unsupported('cell outside its row');
    return c - 1;
  }

  /** A cell's content → the PlainCell convert.ts makes of SheetJS's cell (undefined: none or an empty stub). */
  private cell(from: number, to: number, r: number, col: number): WireCell | undefined {
    const xml = this.xml;
    let valueStart = -1;
    let valueEnd = -1;
    let sawValue = false;
    let inline: string | undefined;
    let formula: string | undefined;
    let childFormulaKey: string | undefined;
    let p = from;
    for (;;) {
      p = skipSpace(xml, p, to);
      if (p >= to) break;
      if (xml.startsWith('<v', p) && isTagEnd(xml.charCodeAt(p + 2))) {
        // SheetJS's match_v: <v> with any attributes (xml:space="preserve"), its text up to the first </v>.
        if (sawValue) unsupported('two values');
        sawValue = true;
        const tagEnd = xml.indexOf('>', p);
        if (tagEnd < 0 || tagEnd > to) unsupported('unterminated value');
        if (xml.charCodeAt(tagEnd - 1) === SLASH) {
          p = tagEnd + 1;
          continue;
        }
        const end = xml.indexOf('</v>', tagEnd);
        if (end < 0 || end > to) unsupported('unterminated value');
        if (end > tagEnd + 1) {
          valueStart = tagEnd + 1;
          valueEnd = end;
        }
        p = end + 4;
      } else if (xml.startsWith('<f', p)) {
        if (formula !== undefined || childFormulaKey !== undefined) unsupported('two formulas');
        if (!isTagEnd(xml.charCodeAt(p + 2))) unsupported('formula tag');
        const tagEnd = xml.indexOf('>', p);
        if (tagEnd < 0 || tagEnd > to) unsupported('unterminated formula');
        if (xml.charCodeAt(tagEnd - 1) === SLASH) {
          // A shared formula's other cells: a formula only when its first cell came before (SheetJS).
          childFormulaKey = parseXmlTag(xml.slice(p, tagEnd + 1)).si ?? '';
          p = tagEnd + 1;
        } else {
          const end = xml.indexOf('</f>', tagEnd);
          if (end < 0 || end > to) unsupported('unterminated formula');
          formula = xml.slice(tagEnd + 1, end);
          this.noteFormula(xml.slice(p, end + 4), formula, r, col);
          p = end + 4;
        }
      } else if (xml.startsWith('<is>', p)) {
        if (inline !== undefined) unsupported('two inline strings');
        const end = xml.indexOf('</is>', p + 4);
        if (end < 0 || end > to) unsupported('unterminated inline string');
        inline = xml.slice(p + 4, end);
        p = end + 5;
      } else unsupported('unexpected element in cell');
    }
    let hasFormula = false;
    if (formula !== undefined && formula !== '')
      hasFormula = unescapeXml(formula).replace(/_xlfn\./g, '') !== '';
    else if (childFormulaKey !== undefined) {
      const shared = this.sharedFormulas.get(childFormulaKey);
      if (shared) hasFormula = shiftedFormula(shared.text, col - shared.c) !== '';
    }
    return this.value(this.cellType(valueStart >= 0), valueStart, valueEnd, inline, hasFormula, r, col);
  }

  /** A formula with text: array formulas are not reproduced; a shared formula's first cell is remembered. */
  private noteFormula(whole: string, text: string, r: number, col: number): void {
    if (text === '') return;
    if (whole.indexOf('t="array"') > -1) unsupported('array formula');
    if (whole.indexOf('t="shared"') > -1) {
      const key = String(parseInt(parseXmlTag(whole).si ?? '', 10));
      this.sharedFormulas.set(key, { text: unescapeXml(text).replace(/_xlfn\./g, ''), r: r - 1, c: col });
    }
  }

  private cellType(hasValue: boolean): CellType {
    const t = this.attrT;
    if (t === undefined) return hasValue ? CellType.Number : CellType.None;
    switch (t) {
      case '':
      case 'n':
        return CellType.Number;
      case 's':
        return CellType.Shared;
      case 'str':
        return CellType.Str;
      case 'inlineStr':
        return CellType.Inline;
      case 'b':
        return CellType.Bool;
      case 'e':
        return CellType.Error;
      default:
        return unsupported(`cell type ${t}`);
    }
  }

  private value(
    type: CellType,
    valueStart: number,
    valueEnd: number,
    inline: string | undefined,
    hasFormula: boolean,
    r: number,
    col: number,
  ): WireCell | undefined {
    const xml = this.xml;
    const raw = valueStart < 0 || type === CellType.Number ? undefined : xml.slice(valueStart, valueEnd);
    const stub = () => (hasFormula ? { v: null, text: '', formulaWithoutValue: true as const } : undefined);
    switch (type) {
      case CellType.None:
        // SheetJS makes a formula without value and type the number 0, and then (0 == "") a stub.
        return stub();
      case CellType.Number: {
        if (valueStart < 0) return stub();
        const v = parseNumber(xml, valueStart, valueEnd);
        return this.numberCell(v);
      }
      case CellType.Shared: {
        if (raw === undefined) return stub();
        if (!/^(0|[1-9]\d{0,8})$/.test(raw)) unsupported('shared string index');
        const index = Number(raw);
        if (index >= this.ctx.strings.length) unsupported('shared string index');
        const text = this.ctx.strings[index];
        return text === undefined ? stub() : this.stringCell(text);
      }
      case CellType.Str:
        return this.stringCell(raw === undefined ? '' : unescapeXml(raw, true));
      case CellType.Inline: {
        const text = inline === undefined ? '' : stringItemText(inline);
        return text === undefined ? stub() : this.stringCell(text);
      }
      case CellType.Bool: {
        const v = raw !== undefined && ['1', 'true', 'TRUE'].includes(unescapeXml(raw));
        const format = this.styleFormat();
        const text = format === null ? (v ? 'TRUE' : 'FALSE') : this.formatted(format, v);
        return { v, text: text ?? (v ? 'TRUE' : 'FALSE') };
      }
      case CellType.Error: {
        const text = raw === undefined ? undefined : unescapeXml(raw);
        // An error SheetJS does not know has no value: a stub, like a cell without one.
        return text !== undefined && ERROR_CODES[text] ? { v: text, text } : stub();
      }
      default:
        return unsupported(`cell ${r},${col}`);
    }
  }

  private stringCell(text: string): WireCell {
    const format = this.styleFormat();
    if (format === null) return { v: text, text };
    return { v: text, text: this.formatted(format, text) ?? text };
  }

  /** The number bare when its shown text is its own (General integers: nearly all), else with its text. */
  private numberCell(v: number): WireCell {
    const format = this.styleFormat();
    if (format === null && (v | 0) === v) return v;
    const text = format === null ? generalNumber(v) : (this.formatted(format, v) ?? String(v));
    return text === String(v) ? v : { v, text };
  }

  /** SheetJS's safe_format: a formatter error leaves the cell without shown text. */
  private formatted(format: string, v: number | string | boolean): string | undefined {
    if (!this.ctx.format) return unsupported('number format without a formatter');
    try {
      return this.ctx.format(format, v);
    } catch {
      return undefined;
    }
  }

  /** The cell's number format; null for General (format id 0, no style, or a style SheetJS does not find). */
  private styleFormat(): string | null {
    const s = this.attrS;
    if (s < 0) return null;
    return this.ctx.formats[s] ?? null;
  }
}

/** SheetJS's cell references in a formula (crefregex), which shift_formula_str moves. */
const CELL_REF =
  /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g;

/**
 * Whether a shared formula's other cell has a formula in SheetJS: shift_formula_xlsx moves the first cell's
 * references by the offset, and throws (losing the whole sheet) when a column would go left of A.
 */
function shiftedFormula(text: string, columns: number): string {
  for (const m of text.matchAll(CELL_REF)) {
    if (m[2] === '$') continue;
    let c = 0;
    for (const ch of m[3] ?? '') c = 26 * c + ch.charCodeAt(0) - 64;
    if (c - 1 + columns < 0) unsupported('shared formula shifted left of column A');
  }
  return text;
}

/** A canonical non-negative index ("0", "12"); anything else is not reproduced. */
function parseIndex(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 9 || (xml.charCodeAt(from) === 48 && to - from > 1)) unsupported('index');
  let n = 0;
  for (let p = from; p < to; p++) {
    const d = xml.charCodeAt(p) - 48;
    if (d < 0 || d > 9) unsupported('index');
    n = n * 10 + d;
  }
  return n;
}

/**
 * parseFloat of a cached number, limited to plain decimal text (so leading spaces or words cannot differ).
 * Short integers, nearly every cell of a big sheet, are read in place.
 */
function parseNumber(xml: string, from: number, to: number): number {
  let p = from;
  const negative = xml.charCodeAt(p) === 45;
  if (negative) p++;
  if (p < to && to - p <= 15) {
    let n = 0;
    for (; p < to; p++) {
      const d = xml.charCodeAt(p) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (p === to) return negative ? -n : n;
  }
  const raw = xml.slice(from, to);
  const first = raw.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 45 || first === 46 || first === 43))
    unsupported('number text');
  if (raw.indexOf('&') >= 0) unsupported('escaped number');
  const v = parseFloat(raw);
  if (!Number.isFinite(v)) unsupported('number out of range');
  return v;
}

/** The key parsexmltag gives an attribute name (local name after a prefix, text before "_", lower case). */
function attributeKey(name: string): string {
  const colon = name.indexOf(':');
  if (colon < 0) {
    const underscore = name.indexOf('_');
    return (underscore > 0 ? name.slice(0, underscore) : name).toLowerCase();
  }
  return ((colon === 5 && name.startsWith('xmlns') ? 'xmlns' : '') + name.slice(colon + 1)).toLowerCase();
}

/** The character after an element's name: a space, the tag's end, or a self-closing slash. */
function isTagEnd(ch: number): boolean {
  return ch === 32 || ch === GT || ch === SLASH;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 10 || ch === 13 || ch === 9;
}

function skipSpace(xml: string, p: number, to: number): number {
  while (p < to && isSpace(xml.charCodeAt(p))) p++;
  return p;
}
