// Column definitions of one sheet, built from its template definition: two-level headers as on paper, the
// unit columns pinned left, computed columns read-only. Values are read from the session, never copied.
import type {
  CellClassParams,
  ColDef,
  ColGroupDef,
  ValueFormatterParams,
  ValueGetterParams,
} from 'ag-grid-community';
import { TOTAL_ROW } from '../core/finding';
import { formatNumber, formatPercent } from '../core/format';
import { findingMessage } from '../core/messages';
import { CONTROL_ROW, RATINGS, type CellValue, type Lang } from '../core/model';
import { computePercents } from '../core/percent';
import type { ColumnDef, SheetDef } from '../core/template';
import type { ReportSession } from '../state/report-session.svelte';
import { BLOC_NAMES, FORM_NAMES, LEVEL_NAMES, translate } from '../ui/i18n';

/** A grid row: a unit row or one of the pinned rows (totals, reported totals). */
export interface GridRow {
  readonly id: string;
  readonly index: number;
}

export type GridColumn = ColDef<GridRow> | ColGroupDef<GridRow>;

/** The grid's column ids in display order (columns cannot be moved, so this is fixed per sheet). */
export function columnOrder(sheet: SheetDef): string[] {
  return [
    'stt',
    'name',
    ...(sheet.unitColumns ?? []).map((a) => `unit-${a}`),
    ...sheet.columns.map((c) => c.id),
  ];
}

/** The first column a range may start at: the unit's number and name are not data. */
export const FIRST_DATA_COLUMN = 2;

/** Extra classes a cell gets from the view (the selected range). */
export type ExtraCellClass = (row: string, col: string) => string | null;

export function buildColumns(
  session: ReportSession,
  sheet: SheetDef,
  lang: Lang,
  extraClass: ExtraCellClass = () => null,
): GridColumn[] {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const settings = session.settingsOf(sheet.id);
  const fixedClass = (p: CellClassParams<GridRow>) => {
    const extra = p.data ? extraClass(p.data.id, p.colDef.colId ?? '') : null;
    const classes =
      p.node.rowPinned && p.colDef.colId === 'name' ? 'cell-fixed cell-pinned-label' : 'cell-fixed';
    return extra ? `${classes} ${extra}` : classes;
  };
  const fixedColumn = (
    colId: string,
    headerName: string,
    width: number,
    pinned: boolean,
  ): ColDef<GridRow> => ({
    colId,
    headerName,
    width,
    ...(pinned ? { pinned: 'left' as const } : {}),
    valueGetter: (p: ValueGetterParams<GridRow>) =>
      p.data ? cellText(session, sheet, p.data.id, colId, lang) : '',
    cellClass: fixedClass,
  });
  const fixed: ColDef<GridRow>[] = [
    fixedColumn('stt', t('stt'), 64, true),
    fixedColumn('name', t('unitName'), 300, true),
    ...(sheet.unitColumns ?? []).map((attr) =>
      fixedColumn(`unit-${attr}`, t(attr === 'form' ? 'unitForm' : 'unitBloc'), 150, false),
    ),
  ];

  const dataColumn = (col: ColumnDef): ColDef<GridRow> => {
    const header =
      settings.convention === 'inclusive' && sheet.hasConvention && col.headerInclusive
        ? col.headerInclusive
        : col.header;
    return {
      colId: col.id,
      headerName: header[lang],
      headerTooltip: col.note ? `${header[lang]} ${col.note}` : header[lang],
      width: col.width ?? (col.kind === 'percent' ? 96 : 112),
      wrapHeaderText: true,
      autoHeaderHeight: true,
      editable: (p) => !!p.data && session.isEditable(sheet.id, p.data.id, col.id),
      valueGetter: (p: ValueGetterParams<GridRow>) =>
        p.data ? cellValue(session, sheet, p.data.id, col) : null,
      valueFormatter: (p: ValueFormatterParams<GridRow>) => formatCell(p.value as CellValue, col, lang), // valueGetter returns CellValue
      ...(col.kind === 'rating' ? ratingEditor(lang) : { cellEditor: 'agTextCellEditor' }),
      cellClass: (p: CellClassParams<GridRow>) => {
        const row = p.data?.id ?? '';
        const extra = extraClass(row, col.id);
        const classes = cellClasses(session, sheet.id, row, col);
        return extra ? [...classes, extra] : classes;
      },
    };
  };

  const grouped: GridColumn[] = [...fixed];
  let current: ColGroupDef<GridRow> | null = null;
  for (const col of sheet.columns) {
    const def = dataColumn(col);
    if (!col.group) {
      current = null;
      grouped.push(def);
    } else if (current && current.headerName === col.group[lang]) {
      current.children.push(def);
    } else {
      current = { headerName: col.group[lang], children: [def], marryChildren: true };
      grouped.push(current);
    }
  }
  return grouped;
}

/** What a data cell holds as the grid shows it: typed values, the Cộng sums, computed percentages. */
export function cellValue(session: ReportSession, sheet: SheetDef, row: string, col: ColumnDef): CellValue {
  const read = (c: ColumnDef) =>
    row === TOTAL_ROW ? totalOf(session, sheet.id, c) : session.value(sheet.id, row, c.id);
  if (!col.percent) return read(col);
  const values: Record<string, CellValue> = {};
  for (const c of sheet.columns) values[c.id] = read(c);
  const settings = session.settingsOf(sheet.id);
  return computePercents(sheet, settings.convention, settings.rounding, values).get(col.id) ?? null;
}

/** What any cell shows, as text: the unit columns and the formatted data cells. */
export function cellText(
  session: ReportSession,
  sheet: SheetDef,
  row: string,
  colId: string,
  lang: Lang,
): string {
  const unit = session.validator.unit(row);
  if (colId === 'stt') return unit ? String(session.validator.rowIndex(sheet.id, row) + 1) : '';
  if (colId === 'name')
    return row === TOTAL_ROW
      ? translate(lang, 'totalRow')
      : row === CONTROL_ROW
        ? translate(lang, 'controlRow')
        : (unit?.name ?? '');
  if (colId === 'unit-form') return unit ? (FORM_NAMES[unit.form]?.[lang] ?? unit.form) : '';
  if (colId === 'unit-bloc') return unit ? (BLOC_NAMES[unit.bloc]?.[lang] ?? unit.bloc) : '';
  const col = sheet.columns.find((c) => c.id === colId);
  return col ? formatCell(cellValue(session, sheet, row, col), col, lang) : '';
}

/**
 * A rating is picked from a dropdown (F2, double-click); typing a letter starts a text editor instead, as
 * typing replaces a cell in Excel, and the typed code or name is read by the core ("htxsnv", "Hoàn thành tốt…").
 */
function ratingEditor(lang: Lang): Pick<ColDef<GridRow>, 'cellEditorSelector'> {
  const select = {
    component: 'agSelectCellEditor',
    params: {
      values: ['', ...RATINGS],
      formatValue: (v: string) => (v ? (LEVEL_NAMES[v]?.[lang] ?? v) : ''),
    },
  };
  return {
    cellEditorSelector: (p) =>
      p.eventKey && p.eventKey.length === 1 ? { component: 'agTextCellEditor' } : select,
  };
}

function totalOf(session: ReportSession, sheet: string, col: ColumnDef): CellValue {
  if (col.kind !== 'count') return null;
  const agg = session.validator.column(sheet, col.id);
  return agg.filled === 0 ? null : agg.sum;
}

export function formatCell(value: CellValue, col: ColumnDef, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return col.kind === 'rating' ? (LEVEL_NAMES[value]?.[lang] ?? value) : value;
  if (col.percent) return formatPercent(value, lang, col.percent.decimals);
  return formatNumber(value, lang);
}

function cellClasses(session: ReportSession, sheet: string, row: string, col: ColumnDef): string[] {
  const classes = [session.isEditable(sheet, row, col.id) ? 'cell-input' : 'cell-computed'];
  if (col.kind !== 'text' && col.kind !== 'rating') classes.push('cell-num');
  const findings = session.validator.findingsAt(sheet, row, col.id);
  if (findings.some((f) => f.severity === 'error')) classes.push('cell-error');
  else if (findings.length > 0) classes.push('cell-warning');
  return classes;
}

export interface CellNote {
  readonly text: string;
  readonly severity: 'error' | 'warning' | 'info';
}

/** The note shown over a cell: its findings, or what the cell is when it is not typed. */
export function cellNote(
  session: ReportSession,
  sheet: SheetDef,
  row: string,
  colId: string,
  lang: Lang,
): CellNote | null {
  const col = sheet.columns.find((c) => c.id === colId);
  if (!col)
    return row === CONTROL_ROW && colId === 'name'
      ? { text: translate(lang, 'controlHint'), severity: 'info' }
      : null;
  const findings = session.validator.findingsAt(sheet.id, row, col.id);
  if (findings.length === 0)
    return col.kind === 'percent' || row === TOTAL_ROW
      ? { text: translate(lang, 'computedHint'), severity: 'info' }
      : null;
  const unit = session.validator.unit(row)?.name ?? '';
  const text = findings.map((f) => findingMessage(f, session.template, lang, unit)).join('\n');
  return { text, severity: findings.some((f) => f.severity === 'error') ? 'error' : 'warning' };
}
