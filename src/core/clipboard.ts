// The clipboard's two table flavours, without a DOM: Excel's tab-separated text/plain and the text/html that
// Excel, LibreOffice and Google Sheets put beside it. Reading is total (any string gives a block); writing
// produces what Excel itself writes, so a block copied here pastes into Excel as numbers and texts.

/** Excel's text/plain: tab-separated rows, a cell that starts with `"` is quoted. Ragged rows are padded. */
export function parseClipboardText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let cell: string;
    [cell, i] = text[i] === '"' ? (readQuoted(text, i) ?? readPlain(text, i)) : readPlain(text, i);
    row.push(cell);
    const sep = text[i];
    if (sep === '\t') {
      i += 1;
      // A tab at the very end still opens a last, empty cell.
      if (i === n) row.push('');
    } else if (sep === '\r' || sep === '\n') {
      i += sep === '\r' && text[i + 1] === '\n' ? 2 : 1;
      rows.push(row);
      row = [];
    }
  }
  // The text's last line has no line break after it (else it was pushed above: a trailing break adds no row).
  if (row.length > 0) rows.push(row);
  return padRows(rows);
}

function readPlain(text: string, start: number): [string, number] {
  let i = start;
  while (i < text.length && text[i] !== '\t' && text[i] !== '\r' && text[i] !== '\n') i++;
  return [text.slice(start, i), i];
}

/** A quoted cell, or null when it is not well formed (no closing quote, text after it): then it is literal. */
function readQuoted(text: string, start: number): [string, number] | null {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return null;
    value += text.slice(i, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      i = quote + 2;
      continue;
    }
    const next = text[quote + 1];
    return next === undefined || next === '\t' || next === '\r' || next === '\n' ? [value, quote + 1] : null;
  }
  return null;
}

function padRows(rows: string[][]): string[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (const r of rows) while (r.length < width) r.push('');
  return rows;
}

/** Tab-separated, CRLF after every row (as Excel writes); quoted only when the cell needs it. */
export function toClipboardText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCell).join('\t') + '\r\n').join('');
}

function quoteCell(cell: string): string {
  return /[\t\r\n]/.test(cell) || cell.startsWith('"') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

// ---------------------------------------------------------------------------------------------------------
// text/html

const RAW_TEXT = new Set(['style', 'script', 'title', 'textarea', 'noscript', 'xmp']);
/** Elements that start a new line inside a cell, as a browser lays them out. */
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'tr',
]);
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

interface Tag {
  readonly name: string;
  readonly end: boolean;
  readonly attrs: ReadonlyMap<string, string>;
}

interface RawCell {
  readonly lines: string[];
  readonly colspan: number;
  readonly rowspan: number;
}

/**
 * The first table of an HTML fragment as rows of cell texts (the text a browser shows: tags stripped, entities
 * decoded, whitespace collapsed, `<br>` as a line break); merged cells are expanded, the merged-over cells
 * empty. Null when there is no table. Cells show their displayed text ("2.682", "96,30%"), not Excel's `x:num`.
 */
export function parseHtmlTable(html: string): string[][] | null {
  const rows: RawCell[][] = [];
  let depth = 0; // tables open; 1 is the first table, deeper ones are inside its cells
  let cell: RawCell | null = null;
  let found = false;
  const closeCell = () => {
    if (cell) rows[rows.length - 1]?.push(cell);
    cell = null;
  };
  for (const token of tokenize(html)) {
    if (typeof token === 'string') {
      if (cell) appendText(cell, token);
      continue;
    }
    const { name, end, attrs } = token;
    if (name === 'table') {
      if (!end) {
        depth += 1;
        found = true;
        if (depth > 1 && cell) breakLine(cell, true);
      } else if (depth > 0) {
        depth -= 1;
        if (depth === 0) break;
      }
      continue;
    }
    if (depth === 0) continue;
    if (depth > 1 || !['tr', 'td', 'th'].includes(name)) {
      if (!cell) continue;
      if (name === 'br') breakLine(cell, false);
      else if (BLOCKS.has(name)) breakLine(cell, true);
      else if (name === 'td' || name === 'th') appendText(cell, ' ');
      continue;
    }
    if (name === 'tr') {
      closeCell();
      if (!end) rows.push([]);
    } else if (end) {
      closeCell();
    } else {
      closeCell();
      if (rows.length === 0) rows.push([]);
      const rowspan = spanOf(attrs.get('rowspan'), MAX_ROWSPAN, 0);
      cell = { lines: [''], colspan: spanOf(attrs.get('colspan'), MAX_COLSPAN, 1), rowspan };
    }
  }
  closeCell();
  return found ? layOut(rows) : null;
}

function spanOf(value: string | undefined, max: number, min: number): number {
  const n = value === undefined ? NaN : parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : 1;
}

function appendText(cell: RawCell, text: string): void {
  // HTML whitespace (not the no-break space) collapses to one space.
  cell.lines[cell.lines.length - 1] += text.replace(/[ \t\n\f\r]+/g, ' ');
}

/** `<br>` always starts a line; a block boundary only when the current line has text. */
function breakLine(cell: RawCell, soft: boolean): void {
  const last = cell.lines[cell.lines.length - 1] ?? '';
  if (!soft || last.trim() !== '') cell.lines.push('');
}

function cellText(cell: RawCell): string {
  const lines = cell.lines.map((l) => l.replace(/ {2,}/g, ' ').replace(/^ | $/g, ''));
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from] === '') from++;
  while (to > from && lines[to - 1] === '') to--;
  return lines.slice(from, to).join('\n');
}

/** Places cells on a grid: each cell takes the first column its row has free, merged areas stay empty. */
function layOut(rows: readonly (readonly RawCell[])[]): string[][] {
  const grid: string[][] = rows.map(() => []);
  const taken: Set<number>[] = rows.map(() => new Set());
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (taken[r]?.has(c)) c++;
      const lastRow = cell.rowspan === 0 ? rows.length : Math.min(rows.length, r + cell.rowspan);
      for (let rr = r; rr < lastRow; rr++)
        for (let cc = c; cc < c + cell.colspan; cc++) {
          taken[rr]?.add(cc);
          const target = grid[rr];
          if (target) target[cc] = rr === r && cc === c ? cellText(cell) : '';
        }
      c += cell.colspan;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  if (width === 0) return [];
  return grid.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
}

/** Text (entities decoded) and tags; comments, doctypes, processing instructions and raw-text bodies dropped. */
function* tokenize(html: string): Generator<string | Tag> {
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      yield decodeEntities(html.slice(i));
      return;
    }
    if (lt > i) yield decodeEntities(html.slice(i, lt));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    const next = html[i + 1] ?? '';
    if (next === '!' || next === '?') {
      const close = html.indexOf('>', i);
      i = close < 0 ? n : close + 1;
      continue;
    }
    const isEnd = next === '/';
    const nameMatch = /^[a-zA-Z][^\s/>]*/.exec(html.slice(i + (isEnd ? 2 : 1), i + 64));
    if (!nameMatch) {
      yield '<';
      i += 1;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const [attrs, after] = readAttributes(html, i + (isEnd ? 2 : 1) + nameMatch[0].length);
    i = after;
    yield { name, end: isEnd, attrs };
    if (!isEnd && RAW_TEXT.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      i = close < 0 ? n : close;
    }
  }
}

/** Attributes up to the tag's `>`, values decoded; quoted values may hold `>`. */
function readAttributes(html: string, start: number): [Map<string, string>, number] {
  const attrs = new Map<string, string>();
  const pattern = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?|\s*\/|\s*(>)|\s*[^\s>]/y;
  pattern.lastIndex = start;
  let i = start;
  while (i < html.length) {
    const m = pattern.exec(html);
    if (!m) break;
    i = pattern.lastIndex;
    if (m[5] !== undefined) return [attrs, i];
    const key = m[1]?.toLowerCase();
    if (key !== undefined && !attrs.has(key)) attrs.set(key, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return [attrs, html.length];
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * An HTML table that pastes into Excel with numbers as numbers: plain digits with a '.' mark and Excel's `x:num`
 * (read whatever the user's locale), integers formatted '0', percentages (96.3 meaning 96.3 %) written as the
 * fraction 0.963 formatted 0.00%, texts formatted as text so "001" stays "001". Line breaks become `<br>`.
 */
export function toClipboardHtml(
  rows: readonly (readonly (string | number | null)[])[],
  percentColumns: ReadonlySet<number> = new Set(),
): string {
  const body = rows
    .map((row) => `<tr>${row.map((value, c) => htmlCell(value, percentColumns.has(c))).join('')}</tr>`)
    .join('\n');
  return (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    '<head><meta charset="utf-8"><style>br{mso-data-placement:same-cell;}</style></head>' +
    `<body><table>\n${body}\n</table></body></html>`
  );
}

function htmlCell(value: string | number | null, isPercent: boolean): string {
  if (value === null) return '<td></td>';
  if (typeof value === 'string') {
    const text = value
      .split(/\r\n|\r|\n/)
      .map(escapeHtml)
      .join('<br>');
    return `<td style="mso-number-format:'\\@'">${text}</td>`;
  }
  if (!Number.isFinite(value)) return '<td></td>';
  // toPrecision trims the binary noise of the division (96.3 / 100 = 0.9629999999999999).
  const n = isPercent ? Number((value / 100).toPrecision(15)) : value;
  const format = isPercent ? '0.00%' : Number.isInteger(n) ? '0' : 'General';
  const plain = String(n);
  return `<td style="mso-number-format:'${format}'" x:num="${plain}">${plain}</td>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
