// The reference the one-pass export is compared with: how the export used to give inserted unit rows their
// formulas, as a second pass over the filled file (src/excel/export/formulas.ts until the patcher copied them
// itself, SheetPatch.insertRows.formulaColumns). fillWorkbook's insertRows gives new rows the style row's styles,
// and grows every range that spans them, but leaves their cells empty; this copies the formulas of the style row —
// moved to the end of the block by the insertion — into each new row, translated as Excel translates a copied
// formula (relative rows move, absolute ones stay). Only the cells named here are touched, and only when they hold
// no formula yet; every other zip entry is kept as its stored bytes. Kept as it was, regular expressions included.
import { rewriteFormula, translationRewriter } from '../../../src/excel/fill/refs';
import { decodeUtf8, encodeUtf8, escapeText, unescapeXml } from '../../../src/excel/fill/xml';
import { entryData, makeEntry, readZip, writeZip } from '../../../src/excel/fill/zip';

export interface InsertedRows {
  readonly sheetPath: string;
  /** The first new row (the sheet's numbering after the insertion). */
  readonly firstNewRow: number;
  readonly count: number;
  /** The columns whose formulas the new rows receive. The style row is the row right after the new ones. */
  readonly letters: readonly string[];
}

export function addInsertedRowFormulas(workbook: Uint8Array, inserted: readonly InsertedRows[]): Uint8Array {
  const work = inserted.filter((i) => i.count > 0 && i.letters.length > 0);
  if (work.length === 0) return workbook;
  const zip = readZip(workbook);
  const entries = zip.entries.map((entry) => {
    const mine = work.filter((w) => w.sheetPath === entry.name);
    if (mine.length === 0) return entry;
    let xml = decodeUtf8(entryData(entry), entry.name);
    for (const w of mine) xml = addFormulas(xml, w);
    return makeEntry(entry.name, encodeUtf8(xml), entry);
  });
  return writeZip({ entries, comment: zip.comment });
}

/** Where the <row> element numbered `r` starts, or -1. */
function rowStart(xml: string, r: number): number {
  return new RegExp(`<(?:[\\w.-]+:)?row\\s[^>]*?\\br="${r}"[^>]*>`).exec(xml)?.index ?? -1;
}

const CELL = /<((?:[\w.-]+:)?c)\s([^>]*?)(\/?)>/g;
const FORMULA = /^<((?:[\w.-]+:)?f)(\s[^>]*)?>([\s\S]*?)<\/\1>/;

function addFormulas(xml: string, w: InsertedRows): string {
  const styleRow = w.firstNewRow + w.count;
  const from = rowStart(xml, w.firstNewRow);
  const to = rowStart(xml, styleRow);
  if (from < 0 || to < 0 || to < from) return xml;
  const styleEnd = xml.indexOf('row>', to);
  const styleXml = xml.slice(to, styleEnd < 0 ? xml.length : styleEnd);

  // The style row's formulas, per column letter.
  const formulas = new Map<string, { tag: string; text: string }>();
  for (const m of styleXml.matchAll(CELL)) {
    const ref = /\br="([A-Z]+)(\d+)"/.exec(m[2] ?? '');
    const letter = ref?.[1] ?? '';
    if (!w.letters.includes(letter) || m[3] === '/') continue;
    const f = FORMULA.exec(styleXml.slice((m.index ?? 0) + m[0].length).trimStart());
    if (!f) continue; // no formula to copy
    const kind = /\bt="(\w+)"/.exec(f[2] ?? '')?.[1];
    if (kind !== undefined && kind !== 'normal')
      throw new Error(
        `${w.sheetPath}: ${letter}${styleRow} holds a ${kind} formula; the inserted unit rows cannot take a copy of it`,
      );
    formulas.set(letter, { tag: f[1] ?? 'f', text: unescapeXml(f[3] ?? '') });
  }
  if (formulas.size === 0) return xml;

  // The new rows' empty cells of those columns receive the formula, translated to their row.
  const region = xml
    .slice(from, to)
    .replace(CELL, (whole: string, tag: string, attrs: string, self: string) => {
      if (self !== '/') return whole;
      const ref = /\br="([A-Z]+)(\d+)"/.exec(attrs);
      const source = formulas.get(ref?.[1] ?? '');
      const row = Number(ref?.[2]);
      if (!source || row < w.firstNewRow || row >= styleRow) return whole;
      const text = rewriteFormula(source.text, translationRewriter(row - styleRow, 0));
      return `<${tag} ${attrs.trimEnd()}><${source.tag}>${escapeText(text)}</${source.tag}></${tag}>`;
    });
  return xml.slice(0, from) + region + xml.slice(to);
}
