// Writes the member-list template, public/templates/members.xlsx: one sheet "Danh sách đảng viên" with the
// committee and title rows, the list's header, and three styled member rows that the exporter fills and extends
// (src/excel/export-members.ts). Reproducible like scripts/make-templates.ts: fixed dates, fixed zip times.
//
//   npx tsx scripts/make-members-template.ts [output directory]
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT, TEMPLATE_AUTHOR, TEMPLATE_DATE } from '../src/templates/layouts';
import { MEMBERS_LAYOUT } from '../src/templates/members-layout';
import { withFixedDates } from './make-templates';

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const HAIR: Partial<ExcelJS.Border> = { style: 'hair' };

export async function buildMembersTemplate(): Promise<Uint8Array> {
  const L = MEMBERS_LAYOUT;
  const wb = new ExcelJS.Workbook();
  const date = new Date(TEMPLATE_DATE);
  wb.creator = TEMPLATE_AUTHOR;
  wb.lastModifiedBy = TEMPLATE_AUTHOR;
  wb.created = date;
  wb.modified = date;
  wb.title = `members v${L.version}`;
  const ws = wb.addWorksheet(L.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: L.headerRow }],
  });
  const font = { name: FONT.name, size: FONT.size };
  L.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const last = L.columns[L.columns.length - 1]?.letter ?? 'A';
  ws.mergeCells(`A1:D1`);
  ws.getCell('A1').value = L.committeeText;
  ws.getCell('A1').style = { font, alignment: { horizontal: 'center' } };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = L.titleText;
  ws.getCell('A2').style = { font: { ...font, bold: true, size: 14 }, alignment: { horizontal: 'center' } };
  L.columns.forEach((c) => {
    const cell = ws.getCell(`${c.letter}${L.headerRow}`);
    cell.value = c.header;
    cell.style = {
      font: { ...font, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: { top: THIN, bottom: THIN, left: THIN, right: THIN },
    };
  });
  ws.getRow(L.headerRow).height = 48;
  for (let r = L.firstRow; r < L.firstRow + L.rowsProvided; r++)
    L.columns.forEach((c) => {
      const cell = ws.getCell(`${c.letter}${r}`);
      cell.value = null;
      cell.style = {
        font,
        alignment: { horizontal: c.align, vertical: 'middle', wrapText: c.align === 'left' },
        border: { top: HAIR, bottom: HAIR, left: THIN, right: THIN },
        ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      };
    });
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printArea: `$A$1:$${last}$${L.firstRow + L.rowsProvided - 1}`,
    printTitlesRow: `${L.headerRow}:${L.headerRow}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&CTrang &P / &N' };
  return withFixedDates(new Uint8Array(await wb.xlsx.writeBuffer()), date);
}

async function main(): Promise<void> {
  const out = resolve(
    process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'public', 'templates'),
  );
  mkdirSync(out, { recursive: true });
  const bytes = await buildMembersTemplate();
  const file = join(out, MEMBERS_LAYOUT.file);
  writeFileSync(file, bytes);
  console.log(`${file}: ${bytes.length} bytes`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
