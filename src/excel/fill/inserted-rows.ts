// The rows SheetPatch.insertRows adds, kept without an object per cell: a report of 100,000 units inserts as many
// rows, and a Cell per cell (with its attributes, its reference, its printed tags) made the export slow and its
// garbage collection slower. Every inserted row has the same cells — the style row's styled ones, plus the cell
// block's columns when the block covers it — so their tags are worked out once (a Layout) and each row is printed as
// one string from its number, its slice of the block's values and the style row's formulas translated to it.
//
// The output is what the model (sheet-data.ts) prints for the same row: a row that a single cell patch reaches is
// given ordinary cells first (materialize), and the formula copies of such a row are set on its cells
// (fillFormulas), so both ways meet.
import { colToLetters, formatRef, formulaTranslator } from './refs';
import { formatNumber, newCell, widenSpans, type Cell, type Row } from './sheet-data';
import { attr, escapeText, startTag, withAttr, type XmlAttr } from './xml';

/** A block of consecutive rows' values, row by row (SheetPatch.block), with its columns as numbers. */
export interface BlockValues {
  readonly firstRow: number;
  readonly cols: readonly number[];
  readonly values: readonly (number | string | null)[];
}

/** A formula column's copy for the inserted rows: the style row's formula, translated to each row. */
interface FormulaCopy {
  readonly open: string;
  readonly close: string;
  /** The copy for a row `dRow` rows from the style row, escaped as XML text. */
  readonly xml: (dRow: number) => string;
}

interface LayoutCell {
  /** The start tag up to the row number of its reference ("<c r=\"K"). */
  readonly pre: string;
  /** The rest of the start tag: empty cell, cell with a <v> or a formula, inline string. */
  readonly emptyPost: string;
  readonly valuePost: string;
  readonly textPost: string;
  readonly close: string;
  /** Index of its value in the block's columns, or -1 (no value: the style row's cell, empty). */
  readonly blockIndex: number;
  readonly col: number;
}

interface Layout {
  readonly rowPre: string;
  readonly rowPost: string;
  readonly rowClose: string;
  readonly cells: readonly LayoutCell[];
}

// Split out of a printed tag to put a row number in; U+0000 cannot occur in XML.
const HOLE = '\u0000';

function holed(tag: string): [string, string] {
  const at = tag.indexOf(HOLE);
  return [tag.slice(0, at), tag.slice(at + 1)];
}

export class InsertedRows {
  /** The style row's styled cells: what every inserted row holds. */
  private readonly proto: readonly { col: number; tagName: string; style: string }[];
  /** The style row's attributes when the rows were inserted (a later patch may widen its own spans). */
  private readonly attrs: XmlAttr[];
  private readonly formulas = new Map<number, FormulaCopy>();
  private block: BlockValues | null = null;
  private plain: Layout | null = null;
  private withBlock: Layout | null = null;

  constructor(
    private readonly styleRow: Row,
    /** The tag name a cell created in a row of no cells gets ("c", or "x:c" under a prefix). */
    private readonly cellTag: string,
    /** The style of a cell a patch creates in a row (the row's custom format, else its column's). */
    private readonly styleOf: (rowAttrs: readonly XmlAttr[], col: number) => string | undefined,
  ) {
    this.attrs = styleRow.attrs;
    this.proto = styleRow.cells.flatMap((c) => {
      const style = attr(c, 's');
      return style === undefined ? [] : [{ col: c.col, tagName: c.tagName, style }];
    });
  }

  /** Inserted row `r`, as the style row styles it. */
  create(r: number): Row {
    const s = this.styleRow;
    return {
      r,
      start: -1,
      end: -1,
      tagName: s.tagName,
      // Shared by the inserted rows: attributes are only ever replaced (withAttr), never changed in place.
      attrs: this.attrs,
      selfClosing: false,
      cells: [],
      gaps: [],
      before: s.before,
      dirty: true,
      lazy: true,
      blockOffset: -1,
    };
  }

  /** Gives a lazy row its cells (before a cell patch reaches it); the block does not cover it yet. */
  materialize(row: Row): void {
    if (!row.lazy) return;
    row.cells = this.proto.map((p) => newCell(row.r, p.col, p.tagName, p.style));
    row.gaps = row.cells.map(() => '').concat('');
    row.lazy = false;
  }

  /** The block of values that lazy rows read their cells from (checked by the caller). */
  setBlock(block: BlockValues): void {
    this.block = block;
  }

  /**
   * The style row's formulas of `cols`, as they stand once every patch is applied, to be copied into the empty
   * cells of those columns in every inserted row, translated as Excel translates a copied formula. A cell without
   * a formula, or whose formula element is empty (a shared formula's member), gives none.
   */
  copyFormulas(cols: readonly number[], what: string): void {
    for (const col of cols) {
      const cell = this.styleRow.cells.find((c) => c.col === col);
      const f = cell?.f;
      // An empty formula element (a shared formula's member) has no text to copy: the rows get none, as before.
      if (!cell || !f || f.selfClosing) continue;
      const kind = attr(f, 't');
      if (kind !== undefined && kind !== 'normal')
        throw new Error(
          `${what}: ${formatRef(cell)} holds a ${kind} formula; the inserted rows cannot take a copy of it`,
        );
      const translate = formulaTranslator(f.text);
      // A reference never holds a character XML escapes: a formula that needs no escaping stays so when moved.
      const plain = escapeText(f.text) === f.text;
      this.formulas.set(col, {
        open: `<${f.tagName}>`,
        close: `</${f.tagName}>`,
        xml: plain ? (dRow) => translate(dRow, 0) : (dRow) => escapeText(translate(dRow, 0)),
      });
    }
  }

  /** The formula copies of a materialized inserted row, in its empty cells of the formula columns. */
  fillFormulas(row: Row): void {
    if (row.lazy || this.formulas.size === 0) return;
    for (const cell of row.cells) {
      const copy = this.formulas.get(cell.col);
      if (!copy || !isEmptyNewCell(cell)) continue;
      cell.newInner = copy.open + copy.xml(row.r - this.styleRow.r) + copy.close;
      cell.dirty = true;
    }
  }

  /** A lazy row as sheet-data's printRow would print it once materialized, filled and its formulas copied. */
  print(row: Row): string {
    const block = row.blockOffset >= 0 ? this.block : null;
    const layout = block ? (this.withBlock ??= this.layout(block)) : (this.plain ??= this.layout(null));
    const r = String(row.r);
    if (layout.cells.length === 0) return layout.rowPre + r + layout.rowPost;
    const values = block?.values;
    const offset = row.blockOffset;
    const dRow = row.r - this.styleRow.r;
    let out = layout.rowPre + r + layout.rowPost;
    for (const c of layout.cells) {
      const v = values && c.blockIndex >= 0 ? values[offset + c.blockIndex] : null;
      if (v === null || v === undefined) {
        const copy = this.formulas.get(c.col);
        out += copy
          ? c.pre + r + c.valuePost + copy.open + copy.xml(dRow) + copy.close + c.close
          : c.pre + r + c.emptyPost;
      } else if (typeof v === 'number') {
        // Checked finite when the block was applied.
        out += c.pre + r + c.valuePost + '<v>' + formatNumber(v, '') + '</v>' + c.close;
      } else {
        const spaced = v !== v.trim() || v.includes('\n');
        out +=
          c.pre +
          r +
          c.textPost +
          (spaced ? '<is><t xml:space="preserve">' : '<is><t>') +
          escapeText(v) +
          '</t></is>' +
          c.close;
      }
    }
    return out + layout.rowClose;
  }

  /**
   * The cells of a lazy row, in column order: the style row's styled ones, and with a block its columns (a later
   * duplicate column wins, as a later patch of the same cell does); a block column the style row lacks is a new
   * cell, styled and widening spans as a patch creating it would.
   */
  private layout(block: BlockValues | null): Layout {
    const byCol = new Map<number, { tagName: string; style: string | undefined; blockIndex: number }>();
    for (const p of this.proto) byCol.set(p.col, { tagName: p.tagName, style: p.style, blockIndex: -1 });
    let attrs = this.attrs;
    const tagName = this.proto[0]?.tagName ?? this.cellTag;
    block?.cols.forEach((col, i) => {
      const known = byCol.get(col);
      if (known) {
        known.blockIndex = i;
        return;
      }
      byCol.set(col, { tagName, style: this.styleOf(this.attrs, col), blockIndex: i });
      attrs = widenSpans(attrs, col);
    });
    const cells = [...byCol]
      .sort(([a], [b]) => a - b)
      .map(([col, c]): LayoutCell => {
        const base: XmlAttr[] = [{ name: 'r', value: HOLE }];
        if (c.style !== undefined) base.push({ name: 's', value: c.style });
        const [pre, emptyPost] = holed(startTag(c.tagName, base, true));
        const letters = colToLetters(col);
        return {
          pre: pre + letters,
          emptyPost,
          valuePost: holed(startTag(c.tagName, base, false))[1],
          textPost: holed(startTag(c.tagName, withAttr(base, 't', 'inlineStr'), false))[1],
          close: `</${c.tagName}>`,
          blockIndex: c.blockIndex,
          col,
        };
      });
    const rowAttrs = withAttr(attrs, 'r', HOLE);
    const [rowPre, rowPost] = holed(startTag(this.styleRow.tagName, rowAttrs, cells.length === 0));
    return { rowPre, rowPost, rowClose: `</${this.styleRow.tagName}>`, cells };
  }
}

function isEmptyNewCell(cell: Cell): boolean {
  return cell.start < 0 && cell.f === null && (cell.newInner ?? '') === '';
}
