// Inputs of the browser benchmarks, made in node: unit names, a pasted Biểu 04 block (TSV) and a Biểu 04 workbook
// written by SheetJS. Every count row is valid under the inclusive convention (total = exempt + pending + rated,
// rated = g + h + k, x ≤ 20 % of g), so there is no error and every cell is written. Their x sits at the 20 % cap,
// above the plausibility warning's 15 % of rated in 86,402 of 100,000 rows: the import lists that many warnings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Node loads xlsx as CommonJS (as scripts/make-fixtures.ts does).
const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');

/** The district's header texts of Biểu 04 (STT, name, the eight counts), from the clipboard fixture. */
export function districtHeader(root: string): string[] {
  const tsv = readFileSync(`${root}/tests/fixtures/clipboard/tan-hong-2022-dang-vien.tsv`, 'utf8');
  const first = tsv.split(/\r?\n/)[0] ?? '';
  const header = first.split('\t');
  if (header.length !== 10)
    throw new Error(`clipboard fixture: expected 10 header cells, got ${header.length}`);
  return header;
}

export const unitName = (i: number): string => `Chi bộ số ${i + 1}`;

export function unitNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => unitName(i));
}

/** total, exempt, pending, rated, x, g, h, k of unit i: valid, varied, the first row's total below 1,000. */
export function counts(i: number): number[] {
  const g = 20 + (i % 180);
  const x = Math.floor(g / 5) - (i % 3 === 0 ? 1 : 0);
  const h = 3 + (i % 11);
  const k = i % 4;
  const rated = g + h + k;
  const exempt = 5 + (i % 7);
  const pending = i % 5;
  return [rated + exempt + pending, exempt, pending, rated, x, g, h, k];
}

const percentText = (num: number, den: number) =>
  `${(den === 0 ? 0 : (100 * num) / den).toFixed(2).replace('.', ',')}%`;

/**
 * The pasted block: `n` rows × 10 columns from 'total', positional (no header, no names): the eight counts,
 * then the district's first two percentage columns, which land on read-only columns and are skipped.
 */
export function pasteTsv(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = counts(i);
    const [rated = 0, x = 0, g = 0] = [c[3], c[4], c[5]];
    lines.push([...c, percentText(x, rated), percentText(g, rated)].join('\t'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A workbook with one sheet "Biểu 04": the district's header row, then `n` unit rows. */
export function b04Workbook(root: string, n: number): Uint8Array {
  const rows: (string | number)[][] = [districtHeader(root)];
  for (let i = 0; i < n; i++) rows.push([i + 1, unitName(i), ...counts(i)]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Biểu 04');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}
