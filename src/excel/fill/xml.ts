// A small streaming XML scanner for the SpreadsheetML parts the patcher edits. It reports tags, text and the
// rest (comments, processing instructions, CDATA, doctype) with their exact source offsets, so a caller can splice
// new text into the original string and leave every other character untouched. No DOM, no regular expressions:
// the same code runs in the browser, in a worker and in node.

export interface XmlAttr {
  /** Qualified name as written ("r", "x14ac:dyDescent"). */
  readonly name: string;
  /** The raw (still escaped) value between the quotes. */
  readonly value: string;
}

export type XmlToken =
  | {
      readonly kind: 'open';
      /** Qualified name as written ("c", "x:c"). */
      readonly name: string;
      readonly start: number;
      readonly end: number;
      readonly attrs: readonly XmlAttr[];
      readonly selfClosing: boolean;
    }
  | { readonly kind: 'close'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'text'; readonly start: number; readonly end: number }
  | { readonly kind: 'other'; readonly start: number; readonly end: number };

export type OpenToken = Extract<XmlToken, { kind: 'open' }>;

/** The name without its namespace prefix ("x:c" → "c"). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The prefix of a qualified name including the colon ("x:c" → "x:", "c" → ""). */
export function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon + 1);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Pull scanner over one XML document held as a string. */
export class XmlScanner {
  private pos: number;

  constructor(
    private readonly src: string,
    start = 0,
    private readonly limit = src.length,
  ) {
    this.pos = start;
  }

  get position(): number {
    return this.pos;
  }

  next(): XmlToken | null {
    const src = this.src;
    const start = this.pos;
    if (start >= this.limit) return null;
    if (src.charCodeAt(start) !== 0x3c /* < */) {
      let end = src.indexOf('<', start);
      if (end < 0 || end > this.limit) end = this.limit;
      this.pos = end;
      return { kind: 'text', start, end };
    }
    const c1 = src.charCodeAt(start + 1);
    if (c1 === 0x21 /* ! */) {
      let close: string;
      if (src.startsWith('<!--', start)) close = '-->';
      else if (src.startsWith('<![CDATA[', start)) close = ']]>';
      else close = '>';
      const at = src.indexOf(close, start + 2);
      if (at < 0) throw new Error(`XML: unterminated markup at offset ${start}`);
      this.pos = at + close.length;
      return { kind: 'other', start, end: this.pos };
    }
    if (c1 === 0x3f /* ? */) {
      const at = src.indexOf('?>', start + 2);
      if (at < 0) throw new Error(`XML: unterminated processing instruction at offset ${start}`);
      this.pos = at + 2;
      return { kind: 'other', start, end: this.pos };
    }
    if (c1 === 0x2f /* / */) {
      const at = src.indexOf('>', start + 2);
      if (at < 0) throw new Error(`XML: unterminated end tag at offset ${start}`);
      let nameEnd = start + 2;
      while (nameEnd < at && !isSpace(src.charCodeAt(nameEnd))) nameEnd++;
      this.pos = at + 1;
      return { kind: 'close', name: src.slice(start + 2, nameEnd), start, end: this.pos };
    }
    // Start tag.
    let i = start + 1;
    const n = src.length;
    while (i < n) {
      const code = src.charCodeAt(i);
      if (isSpace(code) || code === 0x3e /* > */ || code === 0x2f /* / */) break;
      i++;
    }
    const name = src.slice(start + 1, i);
    if (name === '') throw new Error(`XML: empty tag name at offset ${start}`);
    const attrs: XmlAttr[] = [];
    for (;;) {
      while (i < n && isSpace(src.charCodeAt(i))) i++;
      if (i >= n) throw new Error(`XML: unterminated start tag <${name}> at offset ${start}`);
      const code = src.charCodeAt(i);
      if (code === 0x3e) {
        this.pos = i + 1;
        return { kind: 'open', name, start, end: this.pos, attrs, selfClosing: false };
      }
      if (code === 0x2f) {
        if (src.charCodeAt(i + 1) !== 0x3e) throw new Error(`XML: stray "/" in <${name}> at offset ${i}`);
        this.pos = i + 2;
        return { kind: 'open', name, start, end: this.pos, attrs, selfClosing: true };
      }
      const nameStart = i;
      while (i < n) {
        const c = src.charCodeAt(i);
        if (isSpace(c) || c === 0x3d /* = */ || c === 0x3e || c === 0x2f) break;
        i++;
      }
      const attrName = src.slice(nameStart, i);
      while (i < n && isSpace(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== 0x3d)
        throw new Error(`XML: attribute ${attrName} without value at offset ${i}`);
      i++;
      while (i < n && isSpace(src.charCodeAt(i))) i++;
      const quote = src.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27)
        throw new Error(`XML: unquoted attribute ${attrName} at offset ${i}`);
      const valueEnd = src.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      if (valueEnd < 0) throw new Error(`XML: unterminated attribute ${attrName} at offset ${i}`);
      attrs.push({ name: attrName, value: src.slice(i + 1, valueEnd) });
      i = valueEnd + 1;
    }
  }
}

export function attr(tok: { readonly attrs: readonly XmlAttr[] }, name: string): string | undefined {
  for (const a of tok.attrs) if (a.name === name) return a.value;
  return undefined;
}

/** An attribute by local name, whatever its prefix ("r:id" matches "id" when `prefixed` is true). */
export function attrByLocal(tok: { readonly attrs: readonly XmlAttr[] }, local: string): string | undefined {
  for (const a of tok.attrs) if (a.name.includes(':') && localName(a.name) === local) return a.value;
  return undefined;
}

export function escapeText(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let rep: string | null = null;
    if (code === 0x26) rep = '&amp;';
    else if (code === 0x3c) rep = '&lt;';
    else if (code === 0x3e) rep = '&gt;';
    else if (code === 0x0d) rep = '&#13;';
    else if (code < 0x20 && code !== 0x09 && code !== 0x0a) rep = '';
    else if (code === 0xfffe || code === 0xffff) rep = '';
    if (rep !== null) {
      out += text.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

export function escapeAttr(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\t', '&#9;');
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(raw: string): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) break;
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0) break;
    out += raw.slice(i, amp);
    const entity = raw.slice(amp + 1, semi);
    let rep: string | undefined;
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      rep = String.fromCodePoint(parseInt(entity.slice(2), 16));
    else if (entity.startsWith('#')) rep = String.fromCodePoint(parseInt(entity.slice(1), 10));
    else rep = NAMED[entity];
    out += rep ?? raw.slice(amp, semi + 1);
    i = semi + 1;
  }
  return out + raw.slice(i);
}

/** Serialises a start tag from a name and raw attribute values. */
export function startTag(name: string, attrs: readonly XmlAttr[], selfClosing: boolean): string {
  let out = '<' + name;
  for (const a of attrs)
    out += ` ${a.name}="${a.value.includes('"') ? a.value.replaceAll('"', '&quot;') : a.value}"`;
  return out + (selfClosing ? '/>' : '>');
}

/** Sets (or appends) an attribute, keeping the order of the others; `undefined` removes it. */
export function withAttr(attrs: readonly XmlAttr[], name: string, value: string | undefined): XmlAttr[] {
  const out: XmlAttr[] = [];
  let done = false;
  for (const a of attrs) {
    if (a.name === name) {
      if (value !== undefined && !done) out.push({ name, value });
      done = true;
    } else out.push(a);
  }
  if (!done && value !== undefined) out.push({ name, value });
  return out;
}

/** Applies non-overlapping replacements [start, end) → text to a string, in any order. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applySplices(src: string, splices: Splice[], from = 0, to = src.length): string {
  splices.sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = from;
  for (const s of splices) {
    if (s.start < at) throw new Error('internal: overlapping XML edits');
    parts.push(src.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(src.slice(at, to));
  return parts.join('');
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw new Error(`${what}: UTF-16 XML parts are not supported`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error(`${what}: not valid UTF-8`);
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
