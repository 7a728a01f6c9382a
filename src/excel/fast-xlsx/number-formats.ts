// The number format of each cell style, and the shown text SheetJS 0.18.5 gives a value (safe_format with
// cellText): General is reproduced here (SSF_general_num, ported); any other format goes through SheetJS's own
// formatter (XLSX.SSF.format), which the caller loads only when the file's styles use one.
import { parseXmlTag, stripNamespace, TAG_REGEX, unescapeXml, unsupported } from './sheetjs-xml';

/** XLSX.SSF.format's shape. */
export type FormatValue = (format: string, value: number | string | boolean) => string;

/** SSF_init_table: the built-in formats SheetJS starts every read with. */
const BUILT_IN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};

/** SSFImplicit: what SheetJS loads for an id that is neither built in nor defined by the file. */
const IMPLICIT: Record<number, string> = {
  5: '"$"#,##0_);\\("$"#,##0\\)',
  6: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  7: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  8: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  23: 'General',
  24: 'General',
  25: 'General',
  26: 'General',
  27: 'm/d/yy',
  28: 'm/d/yy',
  29: 'm/d/yy',
  30: 'm/d/yy',
  31: 'm/d/yy',
  32: 'h:mm:ss',
  33: 'h:mm:ss',
  34: 'h:mm:ss',
  35: 'h:mm:ss',
  36: 'm/d/yy',
  41: '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)',
  42: '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)',
  44: '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)',
  50: 'm/d/yy',
  51: 'm/d/yy',
  52: 'm/d/yy',
  53: 'm/d/yy',
  54: 'm/d/yy',
  55: 'm/d/yy',
  56: 'm/d/yy',
  57: 'm/d/yy',
  58: 'm/d/yy',
  59: '0',
  60: '0.00',
  61: '#,##0',
  62: '#,##0.00',
  63: '"$"#,##0_);\\("$"#,##0\\)',
  64: '"$"#,##0_);[Red]\\("$"#,##0\\)',
  65: '"$"#,##0.00_);\\("$"#,##0.00\\)',
  66: '"$"#,##0.00_);[Red]\\("$"#,##0.00\\)',
  67: '0%',
  68: '0.00%',
  69: '# ?/?',
  70: '# ??/??',
  71: 'm/d/yy',
  72: 'm/d/yy',
  73: 'd-mmm-yy',
  74: 'd-mmm',
  75: 'mmm-yy',
  76: 'h:mm',
  77: 'h:mm:ss',
  78: 'm/d/yy h:mm',
  79: 'mm:ss',
  80: '[h]:mm:ss',
  81: 'mmss.0',
};

const LAST_CUSTOM_ID = 0x188;

export interface CellFormats {
  /** Each cell style's format, by the style's index: null is General (format id 0). Empty: no cellXfs. */
  byStyle: (string | null)[];
  /** Whether a style has a format other than General, which needs SheetJS's formatter. */
  needsFormatter: boolean;
}

const NUM_FMTS = /<(?:\w+:)?numFmts([^>]*)>[\S\s]*?<\/(?:\w+:)?numFmts>/;
const CELL_XFS = /<(?:\w+:)?cellXfs([^>]*)>[\S\s]*?<\/(?:\w+:)?cellXfs>/;
const CANONICAL_INT = /^(0|[1-9]\d{0,8})$/;

/** parse_numFmts and parse_cellXfs, reduced to each style's format. */
export function parseCellFormats(xml: string | null): CellFormats {
  if (xml === null) return { byStyle: [], needsFormatter: false };
  const data = xml.replace(/<!--([\s\S]*?)-->/gm, '').replace(/<!DOCTYPE[^[]*\[[^\]]*\]>/gm, '');
  const custom = new Map<number, string>();
  for (const tag of NUM_FMTS.exec(data)?.[0].match(TAG_REGEX) ?? []) {
    const y = parseXmlTag(tag);
    if (stripNamespace(y[0] ?? '') !== '<numFmt') continue;
    if (y.formatCode === undefined || !CANONICAL_INT.test(y.numFmtId ?? '')) unsupported('numFmt');
    const id = Number(y.numFmtId);
    if (id > LAST_CUSTOM_ID) unsupported('numFmt id past the table');
    if (id > 0) custom.set(id, unescapeXml(y.formatCode));
  }
  const xfs = CELL_XFS.exec(data);
  if (!xfs) return { byStyle: [], needsFormatter: false };
  const byStyle: (string | null)[] = [];
  for (const tag of xfs[0].match(TAG_REGEX) ?? []) {
    const y = parseXmlTag(tag);
    const name = stripNamespace(y[0] ?? '');
    if (name !== '<xf' && name !== '<xf/>') continue;
    if (y.numFmtId === undefined || y.numFmtId === '') {
      byStyle.push(null);
      continue;
    }
    if (!CANONICAL_INT.test(y.numFmtId)) unsupported('xf numFmtId');
    const id = Number(y.numFmtId);
    if (id > LAST_CUSTOM_ID) unsupported('xf numFmtId past the table');
    byStyle.push(id === 0 ? null : (custom.get(id) ?? BUILT_IN[id] ?? IMPLICIT[id] ?? 'General'));
  }
  return { byStyle, needsFormatter: byStyle.some((f) => f !== null) };
}

/** SSF_general_num, for a number that is not a 32-bit integer. */
export function generalNumber(v: number): string {
  const exponent = Math.floor(Math.log(Math.abs(v)) * Math.LOG10E);
  let o: string;
  if (exponent >= -4 && exponent <= -1) o = v.toPrecision(10 + exponent);
  else if (Math.abs(exponent) <= 9) o = smallExponent(v);
  else if (exponent === 10) o = v.toFixed(10).substr(0, 12);
  else o = largeExponent(v);
  return stripDecimal(normalizeExponent(o.toUpperCase()));
}

function stripDecimal(o: string): string {
  return o.indexOf('.') === -1 ? o : o.replace(/(?:\.0*|(\.\d*[1-9])0+)$/, '$1');
}

function normalizeExponent(o: string): string {
  if (o.indexOf('E') === -1) return o;
  return o.replace(/(?:\.0*|(\.\d*[1-9])0+)[Ee]/, '$1E').replace(/(E[+-])(\d)$/, '$10$2');
}

function smallExponent(v: number): string {
  const w = v < 0 ? 12 : 11;
  let o = stripDecimal(v.toFixed(12));
  if (o.length <= w) return o;
  o = v.toPrecision(10);
  if (o.length <= w) return o;
  return v.toExponential(5);
}

function largeExponent(v: number): string {
  const o = stripDecimal(v.toFixed(11));
  return o.length > (v < 0 ? 12 : 11) || o === '0' || o === '-0' ? v.toPrecision(6) : o;
}
