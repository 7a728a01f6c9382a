// Writes the district's Excel templates, public/templates/<template id>.xlsx, from the layouts
// (src/templates/layouts.ts): one workbook per template set, six sheets "Biểu 01" … "Biểu 06".
//
//   npx tsx scripts/make-templates.ts [output directory]
//
// The files are reproducible: fixed document dates, and the zip is rewritten with fixed entry times, so running
// the script again gives the same bytes. The cells that will receive values exist, empty and styled, in every
// provided unit row, so the exporter keeps their style index when it fills them.
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FONT,
  STYLES,
  TEMPLATE_AUTHOR,
  TEMPLATE_DATE,
  TEMPLATE_LAYOUTS,
  columnIndex,
  columnLetter,
  type Border,
  type SheetLayout,
  type StyleName,
  type WorkbookLayout,
} from '../src/templates/layouts';

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const HAIR: Partial<ExcelJS.Border> = { style: 'hair' };

function borders(kind: Border): Partial<ExcelJS.Borders> | undefined {
  if (kind === 'box') return { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (kind === 'row') return { top: HAIR, left: THIN, bottom: HAIR, right: THIN };
  return undefined;
}

function excelStyle(name: StyleName): Partial<ExcelJS.Style> {
  const s: (typeof STYLES)[StyleName] = STYLES[name];
  const border = borders(s.border);
  return {
    font: {
      name: FONT.name,
      size: 'size' in s ? s.size : FONT.size,
      ...('bold' in s && s.bold ? { bold: true } : {}),
      ...('italic' in s && s.italic ? { italic: true } : {}),
    },
    alignment: {
      horizontal: s.h,
      vertical: 'middle',
      ...('wrap' in s && s.wrap ? { wrapText: true } : {}),
    },
    ...(border ? { border } : {}),
    ...('numFmt' in s ? { numFmt: s.numFmt } : {}),
  };
}

/** "B7:B8" → every cell address in it. */
function cellsOf(range: string): string[] {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!m) return [range];
  const [c1, r1, c2, r2] = [columnIndex(m[1] ?? 'A'), Number(m[2]), columnIndex(m[3] ?? 'A'), Number(m[4])];
  const out: string[] = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push(`${columnLetter(c)}${r}`);
  return out;
}

function addSheet(wb: ExcelJS.Workbook, layout: SheetLayout): void {
  const ws = wb.addWorksheet(layout.name, {
    views: [
      {
        state: 'frozen',
        xSplit: layout.freeze.columns,
        ySplit: layout.freeze.rows,
        topLeftCell: `${columnLetter(layout.freeze.columns + 1)}${layout.freeze.rows + 1}`,
        showGridLines: false,
        zoomScale: 85,
      },
    ],
  });
  for (const col of layout.columns) ws.getColumn(col.letter).width = col.width;
  for (const [row, height] of layout.rowHeights) ws.getRow(row).height = height;

  // The unit rows: every cell exists with its style; computed columns carry their formula.
  const last = layout.firstUnitRow + layout.unitRows - 1;
  for (let r = layout.firstUnitRow; r <= last; r++) {
    ws.getRow(r).height = layout.unitRowHeight;
    for (const col of layout.columns) {
      const cell = ws.getCell(`${col.letter}${r}`);
      cell.style = excelStyle(col.style);
      if (col.formula) cell.value = { formula: col.formula.replaceAll('{r}', String(r)) };
    }
  }

  for (const c of layout.cells) {
    const cell = ws.getCell(c.ref);
    cell.style = excelStyle(c.style);
    if (c.formula !== undefined) cell.value = { formula: c.formula };
    else if (c.text !== undefined) cell.value = c.text;
  }
  // Merged ranges: every cell of the range gets the style of its top-left cell, so the borders are whole.
  const styleAt = new Map(layout.cells.map((c) => [c.ref, c.style]));
  for (const range of layout.merges) {
    const [master, ...rest] = cellsOf(range);
    const style = styleAt.get(master ?? '');
    if (style) for (const ref of rest) ws.getCell(ref).style = excelStyle(style);
    ws.mergeCells(range);
  }

  const p = layout.print;
  ws.pageSetup = {
    paperSize: p.paperSize,
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    horizontalCentered: p.horizontalCentered,
    // ExcelJS writes "$" + each end: give the rows their "$" too, or the defined name is relative ($A1:$F52).
    printArea: p.area.replace(/([A-Z]+)(\d+)/g, '$1$$$2'),
    printTitlesRow: p.titleRows,
    margins: p.margins,
  };
  ws.headerFooter = { oddHeader: p.header, oddFooter: p.footer };
}

/** One template workbook, as the bytes of its .xlsx file. */
export async function buildTemplate(layout: WorkbookLayout): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const date = new Date(TEMPLATE_DATE);
  wb.creator = TEMPLATE_AUTHOR;
  wb.lastModifiedBy = TEMPLATE_AUTHOR;
  wb.created = date;
  wb.modified = date;
  wb.title = `${layout.templateId} v${layout.version}`;
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of layout.sheets) addSheet(wb, sheet);
  return withFixedDates(new Uint8Array(await wb.xlsx.writeBuffer()), date);
}

/** ExcelJS stamps the zip entries with the current time: the same zip with every entry dated `date`. */
export function withFixedDates(written: Uint8Array, date: Date): Uint8Array {
  const entries = unzipSync(written);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(entries))
    if (!name.endsWith('/')) zippable[name] = [data, { mtime: date }]; // no directory entries
  return zipSync(zippable, { level: 6, mtime: date });
}

async function main(): Promise<void> {
  const out = resolve(
    process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'public', 'templates'),
  );
  mkdirSync(out, { recursive: true });
  for (const layout of TEMPLATE_LAYOUTS) {
    const bytes = await buildTemplate(layout);
    const file = join(out, `${layout.templateId}.xlsx`);
    writeFileSync(file, bytes);
    console.log(`${file}: ${bytes.length} bytes, ${layout.sheets.length} sheets`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
