// A1 references: parsing, printing, and rewriting every reference inside a formula, an sqref list or a range
// attribute. Two rewrites are needed: row insertion (rows after the insertion point move down; both relative and
// absolute references move, as in Excel) and shared-formula translation (only the relative parts move).

export const MAX_ROW = 1048576;
export const MAX_COL = 16384;

export interface CellAddress {
  readonly row: number; // 1-based
  readonly col: number; // 1-based
}

export function colToLetters(col: number): string {
  let out = '';
  let n = col;
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & ~0x20) - 64;
  return n;
}

export function formatRef(a: CellAddress): string {
  return colToLetters(a.col) + String(a.row);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** "D12" / "$D$12" → address; null when it is not a valid cell reference. */
export function parseRef(ref: string): CellAddress | null {
  let i = 0;
  if (ref.charCodeAt(i) === 0x24) i++;
  const colStart = i;
  while (i < ref.length && isLetter(ref.charCodeAt(i))) i++;
  const letters = ref.slice(colStart, i);
  if (letters.length === 0 || letters.length > 3) return null;
  if (ref.charCodeAt(i) === 0x24) i++;
  const rowStart = i;
  while (i < ref.length && isDigit(ref.charCodeAt(i))) i++;
  if (i !== ref.length || i === rowStart || ref.charCodeAt(rowStart) === 0x30) return null;
  const row = Number(ref.slice(rowStart));
  const col = lettersToCol(letters);
  if (row > MAX_ROW || col > MAX_COL) return null;
  return { row, col };
}

export interface RangeAddress {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function parseRange(ref: string): RangeAddress | null {
  const colon = ref.indexOf(':');
  const a = parseRef(colon < 0 ? ref : ref.slice(0, colon));
  const b = colon < 0 ? a : parseRef(ref.slice(colon + 1));
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export function formatRange(r: RangeAddress): string {
  const a = formatRef({ row: r.top, col: r.left });
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${formatRef({ row: r.bottom, col: r.right })}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reference rewriting.

/** One piece of a reference: a cell ("$B$3"), a whole row ("$3") or a whole column ("$B"). */
export interface RefPart {
  row: number | null;
  col: number | null;
  rowAbs: boolean;
  colAbs: boolean;
}

/**
 * Rewrites one reference (a single part, or the two ends of a range), in place. `sheet` is the sheet name it is
 * qualified with (unquoted), or null when unqualified. Returns false to leave the text as it was; set a part's
 * row or col to 0 or less (or past the sheet) to make the reference `#REF!`.
 */
export type RefRewriter = (parts: RefPart[], sheet: string | null) => boolean;

function partText(p: RefPart): string {
  return (
    (p.col !== null ? (p.colAbs ? '$' : '') + colToLetters(p.col) : '') +
    (p.row !== null ? (p.rowAbs ? '$' : '') + String(p.row) : '')
  );
}

function partValid(p: RefPart): boolean {
  return (
    (p.row === null || (p.row >= 1 && p.row <= MAX_ROW)) &&
    (p.col === null || (p.col >= 1 && p.col <= MAX_COL))
  );
}

/** Scans one reference part at `i`: `$?COL$?ROW`, `$?COL` or `$?ROW`. Returns [part, end] or null. */
function scanPart(s: string, i: number): [RefPart, number] | null {
  let j = i;
  let colAbs = false;
  let rowAbs = false;
  if (s.charCodeAt(j) === 0x24) {
    colAbs = true;
    j++;
  }
  const lettersStart = j;
  while (j < s.length && isLetter(s.charCodeAt(j))) j++;
  const letters = s.slice(lettersStart, j);
  if (letters.length > 3) return null;
  let col: number | null = null;
  if (letters.length > 0) {
    col = lettersToCol(letters);
    if (col > MAX_COL) return null;
  } else {
    rowAbs = colAbs;
    colAbs = false;
  }
  if (col !== null && s.charCodeAt(j) === 0x24) {
    rowAbs = true;
    j++;
  }
  const digitsStart = j;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  let row: number | null = null;
  if (j > digitsStart) {
    if (s.charCodeAt(digitsStart) === 0x30) return null;
    row = Number(s.slice(digitsStart, j));
    if (row > MAX_ROW) return null;
  } else if (rowAbs && col !== null) return null; // "$B$" is not a reference
  if (col === null && row === null) return null;
  if (col === null && colAbs) return null;
  return [{ row, col, rowAbs, colAbs }, j];
}

function isNameChar(code: number): boolean {
  return (
    isLetter(code) ||
    isDigit(code) ||
    code === 0x5f /* _ */ ||
    code === 0x2e /* . */ ||
    code === 0x5c /* \ */ ||
    code === 0x3f /* ? */ ||
    code > 0x7f
  );
}

/**
 * Scans a reference starting at `i` (after any sheet prefix): a cell, a cell range, a row range ("3:5") or a
 * column range ("B:D"). Lone rows/columns are not references. Returns [parts, end] or null.
 */
function scanReference(s: string, i: number): [RefPart[], number] | null {
  const first = scanPart(s, i);
  if (!first) return null;
  const [a, afterA] = first;
  let parts: RefPart[] = [a];
  let end = afterA;
  if (s.charCodeAt(afterA) === 0x3a /* : */) {
    const second = scanPart(s, afterA + 1);
    if (second) {
      const [b, afterB] = second;
      const kindA = a.row === null ? 'col' : a.col === null ? 'row' : 'cell';
      const kindB = b.row === null ? 'col' : b.col === null ? 'row' : 'cell';
      if (kindA === kindB) {
        parts = [a, b];
        end = afterB;
      }
    }
  }
  if (parts.length === 1 && (a.row === null || a.col === null)) return null;
  // A function name ("LOG10(") or a longer name ("A1B", "TAX2019_RATE") is not a reference.
  if (end < s.length) {
    const code = s.charCodeAt(end);
    if (isNameChar(code) || code === 0x28 /* ( */ || code === 0x5b /* [ */ || code === 0x21 /* ! */)
      return null;
  }
  return [parts, end];
}

function quoteSheet(name: string): string {
  let plain = name.length > 0 && !isDigit(name.charCodeAt(0));
  for (let i = 0; i < name.length && plain; i++) {
    const code = name.charCodeAt(i);
    if (!(isLetter(code) || isDigit(code) || code === 0x5f || code === 0x2e || code > 0x7f)) plain = false;
  }
  if (plain && parseRef(name) === null) return name;
  return `'${name.replaceAll("'", "''")}'`;
}
export { quoteSheet };

/**
 * Rewrites every A1 reference of a formula with `rewrite`. String literals, structured references ("T[col]"),
 * external references ("[1]Sheet1!A1") and 3-D references ("Sheet1:Sheet3!A1") are left as they are.
 * Returns the original string object when nothing changed.
 */
export function rewriteFormula(formula: string, rewrite: RefRewriter): string {
  const out: string[] = [];
  let copied = 0;
  eachReference(formula, (refStart, end, parts, sheet) => {
    if (!rewrite(parts, sheet)) return;
    out.push(formula.slice(copied, refStart));
    out.push(printReference(parts));
    copied = end;
  });
  if (copied === 0) return formula;
  out.push(formula.slice(copied));
  return out.join('');
}

function printReference(parts: readonly RefPart[]): string {
  return parts.every(partValid) ? parts.map(partText).join(':') : '#REF!';
}

/**
 * A formula prepared for being copied to many cells: `translate(dRow, dCol)` is
 * rewriteFormula(formula, translationRewriter(dRow, dCol)), the formula scanned once rather than per copy (the
 * percentage formulas of 100,000 inserted rows).
 */
export function formulaTranslator(formula: string): (dRow: number, dCol: number) => string {
  const refs: { start: number; end: number; parts: RefPart[]; letters: string[] }[] = [];
  eachReference(formula, (start, end, parts) =>
    refs.push({ start, end, parts, letters: parts.map((p) => (p.col === null ? '' : colToLetters(p.col))) }),
  );
  return (dRow, dCol) => {
    let out = '';
    let copied = 0;
    for (const { start, end, parts, letters } of refs) {
      // As translationRewriter: a reference moves when one of its relative parts does.
      let moves = false;
      for (const p of parts)
        if ((p.row !== null && !p.rowAbs && dRow !== 0) || (p.col !== null && !p.colAbs && dCol !== 0))
          moves = true;
      if (!moves) continue;
      // printReference of the moved parts, without making them.
      let text = '';
      for (let k = 0; k < parts.length && text !== '#REF!'; k++) {
        const p = parts[k];
        if (!p) continue;
        const row = p.row !== null && !p.rowAbs ? p.row + dRow : p.row;
        const col = p.col !== null && !p.colAbs ? p.col + dCol : p.col;
        if (!partValid({ row, col, rowAbs: p.rowAbs, colAbs: p.colAbs })) text = '#REF!';
        else
          text +=
            (k > 0 ? ':' : '') +
            (col === null
              ? ''
              : (p.colAbs ? '$' : '') + (col === p.col ? (letters[k] ?? '') : colToLetters(col))) +
            (row === null ? '' : (p.rowAbs ? '$' : '') + String(row));
      }
      out += formula.slice(copied, start) + text;
      copied = end;
    }
    return copied === 0 ? formula : out + formula.slice(copied);
  };
}

/**
 * Calls `visit` for every A1 reference of a formula that a rewrite may change (not the 3-D ones), in order: where
 * the reference starts after any sheet prefix, where it ends, its parts and the sheet it is qualified with
 * (unquoted), or null.
 */
function eachReference(
  formula: string,
  visit: (refStart: number, end: number, parts: RefPart[], sheet: string | null) => void,
): void {
  const s = formula;
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    if (code === 0x22 /* " */) {
      // String literal, "" escapes a quote.
      i++;
      while (i < s.length) {
        if (s.charCodeAt(i) === 0x22) {
          if (s.charCodeAt(i + 1) === 0x22) i += 2;
          else break;
        } else i++;
      }
      i++;
      continue;
    }
    if (code === 0x5b /* [ */) {
      // Structured reference or external workbook index: skip to the matching bracket; an external reference's
      // sheet and cell after "]" are then skipped as a name below.
      let depth = 0;
      while (i < s.length) {
        const c = s.charCodeAt(i);
        if (c === 0x5b) depth++;
        else if (c === 0x5d && --depth === 0) break;
        else if (c === 0x27 && s.charCodeAt(i + 1) !== 0x5d) i++; // '-escape inside structured references
        i++;
      }
      i++;
      // Skip an external reference's sheet and target entirely.
      while (i < s.length && (isNameChar(s.charCodeAt(i)) || s.charCodeAt(i) === 0x27)) {
        if (s.charCodeAt(i) === 0x27) {
          i++;
          while (i < s.length && !(s.charCodeAt(i) === 0x27 && s.charCodeAt(i + 1) !== 0x27))
            i += s.charCodeAt(i) === 0x27 ? 2 : 1;
        }
        i++;
      }
      if (s.charCodeAt(i) === 0x21) {
        i++;
        while (
          i < s.length &&
          (isNameChar(s.charCodeAt(i)) || s.charCodeAt(i) === 0x24 || s.charCodeAt(i) === 0x3a)
        )
          i++;
      }
      continue;
    }
    if (code === 0x23 /* # */) {
      // Error literal such as #REF! or #N/A.
      i++;
      while (
        i < s.length &&
        (isNameChar(s.charCodeAt(i)) || s.charCodeAt(i) === 0x2f || s.charCodeAt(i) === 0x21)
      ) {
        const was = s.charCodeAt(i);
        i++;
        if (was === 0x21 || (was === 0x41 && s.charCodeAt(i - 2) === 0x2f)) break;
      }
      continue;
    }
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    const startsToken = i === 0 || !(isNameChar(prev) || prev === 0x24 || prev === 0x27);
    if (!startsToken) {
      i++;
      continue;
    }
    // Optional sheet prefix.
    let sheet: string | null = null;
    let refStart = i;
    let threeD = false;
    if (code === 0x27 /* ' */) {
      let j = i + 1;
      let name = '';
      while (j < s.length) {
        if (s.charCodeAt(j) === 0x27) {
          if (s.charCodeAt(j + 1) === 0x27) {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += s[j];
        j++;
      }
      if (s.charCodeAt(j + 1) === 0x21) {
        sheet = name;
        threeD = name.includes(':');
        refStart = j + 2;
      } else {
        i = j + 1;
        continue;
      }
    } else if (isNameChar(code) || code === 0x24) {
      let j = i;
      while (j < s.length && (isNameChar(s.charCodeAt(j)) || s.charCodeAt(j) === 0x3a)) j++;
      if (s.charCodeAt(j) === 0x21 && j > i) {
        sheet = s.slice(i, j);
        threeD = sheet.includes(':');
        refStart = j + 1;
      }
    } else {
      i++;
      continue;
    }
    const scanned = scanReference(s, refStart);
    if (!scanned) {
      // A name, function or number: skip it whole.
      let j = refStart;
      while (j < s.length && (isNameChar(s.charCodeAt(j)) || s.charCodeAt(j) === 0x24)) j++;
      i = Math.max(j, i + 1);
      continue;
    }
    const [parts, end] = scanned;
    if (!threeD) visit(refStart, end, parts, sheet);
    i = end;
  }
}

/** Rewrites a range attribute or an sqref list ("A1:B2 D4"), keeping the separators. */
export function rewriteSqref(sqref: string, rewrite: RefRewriter): string {
  let changed = false;
  const pieces = sqref.split(' ').map((piece) => {
    if (piece === '') return piece;
    const scanned = scanReference(piece, 0);
    if (!scanned || scanned[1] !== piece.length) return piece;
    const parts = scanned[0];
    if (!rewrite(parts, null)) return piece;
    changed = true;
    return printReference(parts);
  });
  return changed ? pieces.join(' ') : sqref;
}

/** The row-insertion rewrite: rows after `after` move down by `count`, on the sheet `sheetName`. */
export function insertionRewriter(
  sheetName: string | null,
  after: number,
  count: number,
  unqualifiedIsSheet: boolean,
): RefRewriter {
  const lower = sheetName?.toLowerCase() ?? null;
  return (parts, sheet) => {
    if (sheet === null ? !unqualifiedIsSheet : sheet.toLowerCase() !== lower) return false;
    let changed = false;
    for (const p of parts) {
      if (p.row !== null && p.row > after) {
        p.row += count;
        changed = true;
      }
    }
    return changed;
  };
}

/** The shared-formula translation: relative parts move by (dRow, dCol). */
export function translationRewriter(dRow: number, dCol: number): RefRewriter {
  return (parts) => {
    let changed = false;
    for (const p of parts) {
      if (p.row !== null && !p.rowAbs && dRow !== 0) {
        p.row += dRow;
        changed = true;
      }
      if (p.col !== null && !p.colAbs && dCol !== 0) {
        p.col += dCol;
        changed = true;
      }
    }
    return changed;
  };
}
