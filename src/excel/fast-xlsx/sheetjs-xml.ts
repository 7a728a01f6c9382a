// SheetJS 0.18.5's own small XML helpers, ported as they are (node_modules/xlsx/xlsx.js: tagregex, parsexmltag,
// unescapexml, parsexmlbool, safe_decode_range), so the fast reader reads the small parts of a file (workbook,
// relationships, styles, shared strings) exactly as SheetJS does, quirks included. The sheet's cells have their
// own scanner (sheet.ts); these run where speed does not matter.

/** Thrown anywhere in the fast reader for what it does not reproduce with certainty; the caller falls back. */
export class Unsupported extends Error {}

export function unsupported(why: string): never {
  throw new Unsupported(why);
}

/** SheetJS's tagregex (tagregex1: it matches its own XML header, so that is the one it uses). */
export const TAG_REGEX =
  /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'">\s=]+))*\s*[/?]?>/gm;
const ATTRIBUTE_REGEX = /([^"\s?>/]+)\s*=\s*((?:")([^"]*)(?:")|(?:')([^']*)(?:')|([^'">\s]+))/g;

/** parsexmltag: the tag's name under "0" (unless skipRoot), then its attributes, keyed as SheetJS keys them. */
export function parseXmlTag(tag: string, skipRoot = false): Record<string, string> {
  const z: Record<string, string> = Object.create(null) as Record<string, string>;
  let eq = 0;
  for (; eq !== tag.length; ++eq) {
    const c = tag.charCodeAt(eq);
    if (c === 32 || c === 10 || c === 13) break;
  }
  if (!skipRoot) z[0] = tag.slice(0, eq);
  if (eq === tag.length) return z;
  for (const cc of tag.match(ATTRIBUTE_REGEX) ?? []) {
    let c = 0;
    for (; c !== cc.length; ++c) if (cc.charCodeAt(c) === 61) break;
    let q = cc.slice(0, c).trim();
    while (cc.charCodeAt(c + 1) === 32) ++c;
    const first = cc.charCodeAt(c + 1);
    const quot = first === 34 || first === 39 ? 1 : 0;
    const v = cc.slice(c + 1 + quot, cc.length - quot);
    let j = 0;
    for (; j !== q.length; ++j) if (q.charCodeAt(j) === 58) break;
    if (j === q.length) {
      if (q.indexOf('_') > 0) q = q.slice(0, q.indexOf('_'));
      z[q] = v;
      z[q.toLowerCase()] = v;
    } else {
      const k = (j === 5 && q.slice(0, 5) === 'xmlns' ? 'xmlns' : '') + q.slice(j + 1);
      if (z[k] && q.slice(j - 3, j) === 'ext') continue;
      z[k] = v;
      z[k.toLowerCase()] = v;
    }
  }
  return z;
}

/** strip_ns: "<x:sheet" → "<sheet". */
export function stripNamespace(name: string): string {
  return name.replace(/<(\/?)\w+:/, '<$1');
}

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
};
const ENTITY_REGEX = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const ESCAPE_REGEX = /_x([\da-fA-F]{4})_/gi;

/**
 * unescapexml on text that is already decoded from UTF-8. SheetJS decodes some texts before unescaping (shared
 * strings, names) and some after (a sheet's "str" values): for those `asciiOnly` refuses an escape that yields a
 * non-ASCII character, which SheetJS would then mangle as a UTF-8 byte.
 */
export function unescapeXml(text: string, asciiOnly = false): string {
  if (text.indexOf('<![CDATA[') >= 0) unsupported('CDATA');
  if (text.indexOf('&') < 0 && text.indexOf('_') < 0) return text;
  const check = (s: string) => {
    if (asciiOnly && s.charCodeAt(0) >= 0x80) unsupported('non-ASCII escape before UTF-8 decoding');
    return s;
  };
  return text
    .replace(ENTITY_REGEX, (m: string, code: string | undefined) =>
      check(ENTITIES[m] || String.fromCharCode(parseInt(code ?? '', m.indexOf('x') > -1 ? 16 : 10)) || m),
    )
    .replace(ESCAPE_REGEX, (_m: string, code: string) => check(String.fromCharCode(parseInt(code, 16))));
}

export function parseXmlBool(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'TRUE';
}

export interface CellRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** safe_decode_range: lenient, stops at the first unexpected character. */
export function safeDecodeRange(range: string): CellRange {
  const o = { s: { c: 0, r: 0 }, e: { c: 0, r: 0 } };
  let idx = 0;
  let i = 0;
  let cc = 0;
  const len = range.length;
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break;
    idx = 26 * idx + cc;
  }
  o.s.c = --idx;
  for (idx = 0; i < len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break;
    idx = 10 * idx + cc;
  }
  o.s.r = --idx;
  if (i === len || cc !== 10) {
    o.e.c = o.s.c;
    o.e.r = o.s.r;
    return o;
  }
  ++i;
  for (idx = 0; i !== len; ++i) {
    if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break;
    idx = 26 * idx + cc;
  }
  o.e.c = --idx;
  for (idx = 0; i !== len; ++i) {
    if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break;
    idx = 10 * idx + cc;
  }
  o.e.r = --idx;
  return o;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A part's text. Invalid UTF-8 is refused: SheetJS's decoders differ there between node and the browser. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return unsupported('invalid UTF-8');
  }
}

/** A part as SheetJS first reads it: one character per byte. */
export function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    out += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return out;
}
