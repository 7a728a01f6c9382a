// Filling a template workbook by patching its XML (see patchSheetXml for the worksheet rules). The template's zip
// entries are copied as their original compressed bytes except the parts that change: the patched worksheets,
// xl/workbook.xml (only when its calcPr or defined names change), docProps/custom.xml, and — only when
// custom.xml is new — [Content_Types].xml and _rels/.rels. sharedStrings.xml is never rewritten (new text is
// written as inline strings) and workbookPr (date1904 …) is never touched.
//
// Row insertion (SheetPatch.insertRows) moves everything on the sheet that refers to rows after `after`: cell and
// row numbers, formulas (references to the sheet; a range that spans the insertion point grows, a range ending at
// row `after` does not — as in Excel, insert inside the block to extend a total), shared-formula refs, array
// formula refs, merged cells, <dimension>, conditional formatting and data validation ranges, hyperlinks,
// selections, row breaks, and every defined name of the workbook referring to the sheet (print area, print titles
// included). Merged cells lying in row `styleFrom` are repeated on each new row. It refuses (throws an Error that
// names the part and the cell) when something it may not rewrite would need to move: a formula in another
// worksheet or a chart series referring to rows of the sheet below the insertion point, a table, a comment, or a
// drawing anchored below it. Cell refs of `cells` address the sheet after the insertion; `styleFrom` and `after`
// the template's own row numbers. `formulaColumns` copies the style row's formulas of those columns into the new
// rows' empty cells, translated to each row, as the rows are written.
//
// SheetPatch.block gives many rows of the same columns as one array of values (the export's unit rows), applied
// after `cells`: the same result as its cells listed one by one, without an object per cell.
import {
  CUSTOM_PROPS_CONTENT_TYPE,
  CUSTOM_PROPS_TYPE,
  eachElementText,
  eachStartTag,
  ensureOverride,
  ensureRelationship,
  parseRels,
  parseWorkbookSheets,
  patchWorkbookXml,
  relsPathOf,
  resolveTarget,
  upsertCustomProps,
  type WorkbookSheet,
} from './parts';
import { insertionRewriter, parseRange, rewriteFormula, type RefRewriter } from './refs';
import { patchSheetXml, type RowInsertion, type SheetCellBlock } from './sheet';

export type { RowInsertion, SheetCellBlock } from './sheet';
import { attr, decodeUtf8 } from './xml';
import { entryData, makeTextEntry, readZip, writeZip, type ZipArchive, type ZipEntry } from './zip';

export interface CellPatch {
  /** "D12". */
  readonly ref: string;
  /** number → <v>; string → inline string (text starting with "=" stays text); null → empty cell keeping its style. */
  readonly value: number | string | null;
}

export interface SheetPatch {
  /** "xl/worksheets/sheet2.xml" (see sheetPathsByName). */
  readonly sheetPath: string;
  readonly cells: readonly CellPatch[];
  /** Many rows of the same columns at once, applied after `cells` (see SheetCellBlock). */
  readonly block?: SheetCellBlock;
  readonly insertRows?: RowInsertion;
}

export interface FillOptions {
  /** Text custom properties for docProps/custom.xml (the import reads TongHop.*). */
  readonly customProps?: Readonly<Record<string, string>>;
}

const CUSTOM_PATH = 'docProps/custom.xml';

interface Package {
  readonly zip: ZipArchive;
  readonly byName: Map<string, ZipEntry>;
  readonly workbookPath: string;
  readonly sheets: WorkbookSheet[];
}

function openPackage(template: Uint8Array): Package {
  const zip = readZip(template);
  const byName = new Map(zip.entries.map((e) => [e.name, e]));
  const rootRels = byName.get('_rels/.rels');
  let workbookPath = 'xl/workbook.xml';
  if (rootRels) {
    const office = parseRels(decodeUtf8(entryData(rootRels), '_rels/.rels')).find((r) =>
      r.type.endsWith('/officeDocument'),
    );
    if (office) workbookPath = resolveTarget('', office.target);
  }
  const workbook = byName.get(workbookPath);
  if (!workbook) throw new Error(`Not an Excel workbook: no ${workbookPath}`);
  const relsPath = relsPathOf(workbookPath);
  const rels = byName.get(relsPath);
  if (!rels) throw new Error(`Not an Excel workbook: no ${relsPath}`);
  const sheets = parseWorkbookSheets(
    workbookPath,
    decodeUtf8(entryData(workbook), workbookPath),
    decodeUtf8(entryData(rels), relsPath),
  );
  return { zip, byName, workbookPath, sheets };
}

/** Sheet name → worksheet part path, in workbook order. */
export function sheetPathsByName(template: Uint8Array): Map<string, string> {
  return new Map(openPackage(template).sheets.map((s) => [s.name, s.path]));
}

function text(pkg: Package, path: string): string | null {
  const entry = pkg.byName.get(path);
  return entry ? decodeUtf8(entryData(entry), path) : null;
}

export function fillWorkbook(
  template: Uint8Array,
  patches: readonly SheetPatch[],
  options: FillOptions = {},
): Uint8Array {
  const pkg = openPackage(template);
  // New texts of the parts that change; a worksheet's as pieces, printed while it is deflated.
  const replaced = new Map<string, string | Iterable<string>>();
  const seen = new Set<string>();
  const nameRewriters: RefRewriter[] = [];

  for (const patch of patches) {
    const sheet = pkg.sheets.find((s) => s.path === patch.sheetPath);
    if (!sheet) throw new Error(`${patch.sheetPath}: not a worksheet of this workbook`);
    if (seen.has(sheet.path))
      throw new Error(`${patch.sheetPath}: patched twice; give one SheetPatch per sheet`);
    seen.add(sheet.path);
    const xml = text(pkg, sheet.path);
    if (xml === null) throw new Error(`${sheet.path}: missing from the file`);
    const insert = patch.insertRows && patch.insertRows.count > 0 ? patch.insertRows : undefined;
    if (insert) checkInsertion(pkg, sheet, insert.after, insert.count);
    const result = patchSheetXml(
      xml,
      sheet.name,
      { cells: patch.cells, block: patch.block, insertRows: patch.insertRows },
      `${sheet.path} ('${sheet.name}')`,
    );
    if (insert) {
      checkAnchoredParts(pkg, sheet, result.anchoredRelIds, insert.after);
      nameRewriters.push(insertionRewriter(sheet.name, insert.after, insert.count, false));
    }
    replaced.set(sheet.path, result.text);
  }

  // xl/workbook.xml: recalculation on load, defined names following inserted rows.
  const workbookXml = text(pkg, pkg.workbookPath) ?? '';
  const rewriteNames: RefRewriter | null =
    nameRewriters.length === 0
      ? null
      : (parts, sheetName): boolean =>
          nameRewriters.reduce((changed, rw) => rw(parts, sheetName) || changed, false);
  const newWorkbook = patchWorkbookXml(workbookXml, rewriteNames);
  if (newWorkbook !== workbookXml) replaced.set(pkg.workbookPath, newWorkbook);

  // Custom properties.
  const added: string[] = [];
  if (options.customProps && Object.keys(options.customProps).length > 0) {
    const existing = text(pkg, CUSTOM_PATH);
    replaced.set(CUSTOM_PATH, upsertCustomProps(existing, options.customProps));
    if (existing === null) added.push(CUSTOM_PATH);
    const types = text(pkg, '[Content_Types].xml');
    if (types === null) throw new Error('Not an Excel workbook: no [Content_Types].xml');
    const newTypes = ensureOverride(types, '/' + CUSTOM_PATH, CUSTOM_PROPS_CONTENT_TYPE);
    if (newTypes !== types) replaced.set('[Content_Types].xml', newTypes);
    const rootRels = text(pkg, '_rels/.rels');
    const newRels = ensureRelationship(rootRels, '', CUSTOM_PROPS_TYPE, CUSTOM_PATH);
    if (newRels !== rootRels) {
      replaced.set('_rels/.rels', newRels);
      if (rootRels === null) added.push('_rels/.rels');
    }
  }

  const entries = pkg.zip.entries.map((e) => {
    const next = replaced.get(e.name);
    return next === undefined ? e : makeTextEntry(e.name, next, e);
  });
  for (const name of added) entries.push(makeTextEntry(name, replaced.get(name) ?? ''));
  return writeZip({ entries, comment: pkg.zip.comment });
}

/** Formulas elsewhere that would have to follow the inserted rows but live in parts the patcher keeps as they are. */
function checkInsertion(pkg: Package, sheet: WorkbookSheet, after: number, count: number): void {
  const rewriter = insertionRewriter(sheet.name, after, count, false);
  const formulaNames = new Set(['f']);
  for (const other of pkg.sheets) {
    if (other.path === sheet.path) continue;
    const xml = text(pkg, other.path);
    if (xml === null) continue;
    eachElementText(xml, formulaNames, (formula, _open, ancestors) => {
      if (rewriteFormula(formula, rewriter) === formula) return;
      const cell = ancestors.includes('c') ? ' a cell formula' : ' a formula';
      throw new Error(
        `Cannot insert rows in '${sheet.name}' after row ${after}: ${other.path} ('${other.name}') has${cell} ` +
          `"=${formula}" referring to rows of '${sheet.name}' that would move; another sheet is not rewritten`,
      );
    });
  }
  for (const entry of pkg.zip.entries) {
    if (!/^xl\/charts\/chart[^/]*\.xml$/.test(entry.name)) continue;
    const xml = decodeUtf8(entryData(entry), entry.name);
    eachElementText(xml, formulaNames, (formula) => {
      if (rewriteFormula(formula, rewriter) === formula) return;
      throw new Error(
        `Cannot insert rows in '${sheet.name}' after row ${after}: the chart ${entry.name} refers to ` +
          `${formula}, which would move; charts are not rewritten`,
      );
    });
  }
}

/** Tables, comments and drawings are separate parts anchored to rows: refuse when one lies below the insertion. */
function checkAnchoredParts(
  pkg: Package,
  sheet: WorkbookSheet,
  anchored: readonly { readonly kind: string; readonly id: string }[],
  after: number,
): void {
  const fail = (what: string): never => {
    throw new Error(`Cannot insert rows in '${sheet.name}' after row ${after}: ${what} would not move`);
  };
  const relsXml = text(pkg, relsPathOf(sheet.path));
  if (relsXml === null) return;
  const rels = parseRels(relsXml);
  for (const rel of rels) {
    if (rel.external) continue;
    const path = resolveTarget(sheet.path, rel.target);
    const kind = anchored.find((a) => a.id === rel.id)?.kind;
    const isComments = rel.type.endsWith('/comments');
    if (!kind && !isComments) continue;
    const xml = text(pkg, path);
    if (xml === null) continue;
    if (kind === 'table') {
      eachStartTag(xml, (open, ancestors) => {
        if (ancestors.length !== 0) return;
        const range = parseRange(attr(open, 'ref') ?? '');
        if (range && range.bottom > after) fail(`the table ${path} (${attr(open, 'ref')})`);
      });
    } else if (isComments) {
      eachStartTag(xml, (open) => {
        if (open.name.endsWith('comment')) {
          const range = parseRange(attr(open, 'ref') ?? '');
          if (range && range.bottom > after) fail(`the comment on ${attr(open, 'ref')} (${path})`);
        }
      });
    } else if (kind === 'drawing') {
      eachElementText(xml, new Set(['row']), (value, _open, ancestors) => {
        const parent = ancestors[ancestors.length - 2];
        if ((parent === 'from' || parent === 'to') && Number(value) + 1 > after) {
          fail(`the drawing ${path} has an object anchored at row ${Number(value) + 1}, which`);
        }
      });
    }
  }
}
