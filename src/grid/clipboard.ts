// Copy and paste between the sheet and Excel: the grid-side glue. The core reads and writes the clipboard
// flavours and plans a paste; this module builds blocks from the grid's range and reads the paste event.
import { toClipboardHtml, toClipboardText, parseClipboardText, parseHtmlTable } from '../core/clipboard';
import { formatNumber } from '../core/format';
import { CONTROL_ROW, type CellValue, type Lang } from '../core/model';
import type { SheetDef } from '../core/template';
import type { Range } from '../state/selection.svelte';
import type { ReportSession } from '../state/report-session.svelte';
import { cellText, cellValue } from './columns';

/** The range's cells as text (what Excel shows) and as values (numbers stay numbers in the HTML flavour). */
export function copyBlock(
  session: ReportSession,
  sheet: SheetDef,
  rows: readonly string[],
  columns: readonly string[],
  range: Range,
  lang: Lang,
): { text: string; html: string } {
  const texts: string[][] = [];
  const values: (string | number | null)[][] = [];
  const percentColumns = new Set<number>();
  for (let r = range.top; r <= range.bottom; r++) {
    const row = rows[r];
    if (row === undefined) continue;
    const textRow: string[] = [];
    const valueRow: (string | number | null)[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const col = columns[c] ?? '';
      const value: CellValue = cellValueOf(session, sheet, row, col);
      if (sheet.columns.find((d) => d.id === col)?.percent) percentColumns.add(c - range.left);
      // Counts go out without grouping: "2682" reads the same in vi-VN and en-US Excel.
      textRow.push(
        typeof value === 'number'
          ? plainNumber(value, sheet, col, lang)
          : cellText(session, sheet, row, col, lang),
      );
      valueRow.push(typeof value === 'number' ? value : cellText(session, sheet, row, col, lang));
    }
    texts.push(textRow);
    values.push(valueRow);
  }
  return { text: toClipboardText(texts), html: toClipboardHtml(values, percentColumns) };
}

function plainNumber(value: number, sheet: SheetDef, col: string, lang: Lang): string {
  const def = sheet.columns.find((c) => c.id === col);
  if (def?.percent)
    return `${formatNumber(value, lang, def.percent.decimals).replace(/[.,](?=\d{3}(\D|$))/g, '')}%`;
  return String(value).replace('.', lang === 'vi' ? ',' : '.');
}

function cellValueOf(session: ReportSession, sheet: SheetDef, row: string, col: string): CellValue {
  const def = sheet.columns.find((c) => c.id === col);
  return def ? cellValue(session, sheet, row, def) : null;
}

/** The block a paste event carries: Excel's HTML table when there is one, else its tab-separated text. */
export function readPastedBlock(data: DataTransfer | null): string[][] | null {
  if (!data) return null;
  const html = data.getData('text/html');
  const fromHtml = html ? parseHtmlTable(html) : null;
  if (fromHtml && fromHtml.length > 0) return fromHtml;
  const text = data.getData('text/plain');
  return text ? parseClipboardText(text) : null;
}

export function rowLabel(
  session: ReportSession,
  row: string,
  totalLabel: string,
  controlLabel: string,
): string {
  if (row === CONTROL_ROW) return controlLabel;
  return session.meta.units.find((u) => u.id === row)?.name ?? totalLabel;
}
