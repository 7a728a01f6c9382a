// Test helpers for the core: contexts and validators built from literal rows, the way a sheet reads.
// Everything is the real thing (real sheets, real loader, real validator); nothing is mocked.
import type { Finding } from '../../../src/core/finding';
import {
  CONTROL_ROW,
  DEFAULT_YEAR_CHANGE,
  type CellValue,
  type RowValues,
  type SheetSettings,
  type SheetsData,
  type Unit,
  type UnitForm,
  type YearChangeThreshold,
} from '../../../src/core/model';
import { RULE_KINDS, type RuleKindId } from '../../../src/core/rules';
import type {
  AggregateContext,
  ParamContext,
  PreviousYearView,
  RowContext,
  RuleKind,
} from '../../../src/core/rules/kind';
import { DEFAULT_SETTINGS, type RuleDef, type SheetDef, type TemplateSet } from '../../../src/core/template';
import { loadTemplate, type CompiledTemplate } from '../../../src/core/template-loader';
import { Validator } from '../../../src/core/validator';
import { templateById } from '../../../src/templates';
import { yearChangeRules } from '../../../src/templates/rules';
import { buildSampleReport } from '../../../src/templates/sample';
import { sheet01, sheet02, sheet03, sheet04, sheet05, sheet06 } from '../../../src/templates/sheets';

/** sheet id → column id → value: one unit's cells across the workbook. */
export type UnitCells = Readonly<Record<string, RowValues>>;
/** sheet id → partial settings; whatever is left out is inclusive / half-up. */
export type SettingsLiteral = Readonly<Record<string, Partial<SheetSettings>>>;

/** The six sheets of the built-in workbook (2019–2024 layout; pass `withScore` for 2025's Biểu 01). */
export function workbookSheets(withScore = false): SheetDef[] {
  return [sheet01(withScore), sheet02, sheet03, sheet04, sheet05, sheet06];
}

export function unit(id: string, form: UnitForm = 'chi_bo_co_so', name = `Đơn vị ${id}`): Unit {
  return { id, name, form, bloc: form === 'dang_bo' ? 'xa' : 'co_quan' };
}

function settingsOf(literal: SettingsLiteral, sheet: string): SheetSettings {
  return { ...DEFAULT_SETTINGS, ...literal[sheet] };
}

/** One unit's view of the workbook: `rowContext({ b04: { rated: 26, x: 5 } }, { b04: { convention: 'exclusive' } })`. */
export function rowContext(
  cells: UnitCells,
  settings: SettingsLiteral = {},
  form: UnitForm = 'chi_bo_co_so',
  previousYear: PreviousYearView | null = null,
): RowContext {
  return {
    unit: unit('u1', form),
    get: (sheet, col) => cells[sheet]?.[col] ?? null,
    settings: (sheet) => settingsOf(settings, sheet),
    previousYear,
  };
}

/** The same unit's cells in last year's report: `previousYear({ b04: { x: 20 } })`. */
export function previousYear(
  cells: UnitCells,
  threshold: YearChangeThreshold = DEFAULT_YEAR_CHANGE,
): PreviousYearView {
  return { get: (sheet, col) => cells[sheet]?.[col] ?? null, threshold };
}

export interface SheetRows {
  readonly rows: readonly RowValues[];
  readonly control?: RowValues;
}

/** What an aggregate rule sees of sheets given as unit rows plus the reported "Cộng" row. */
export function aggregateContext(
  sheets: Readonly<Record<string, SheetRows>>,
  settings: SettingsLiteral = {},
): AggregateContext {
  return {
    column: (sheet, col) => {
      const rows = sheets[sheet]?.rows ?? [];
      let sum = 0;
      let filled = 0;
      for (const row of rows) {
        const v = row[col] ?? null;
        if (v === null) continue;
        filled += 1;
        if (typeof v === 'number') sum += v;
      }
      return { sum, filled, rows: rows.length };
    },
    countOf: (sheet, col, value) => (sheets[sheet]?.rows ?? []).filter((r) => r[col] === value).length,
    control: (sheet, col) => sheets[sheet]?.control?.[col] ?? null,
    settings: (sheet) => settingsOf(settings, sheet),
  };
}

/** `repeat(5, { rating: 'HTXSNV' })`: n identical unit rows. */
export function repeat(n: number, row: RowValues): RowValues[] {
  return Array.from({ length: n }, () => row);
}

/** Parses a rule's parameters the way the loader does, collecting what `ctx.fail` receives. */
export function parseParams<P>(
  kind: RuleKind<P>,
  params: Readonly<Record<string, unknown>>,
  ruleSheet: SheetDef,
  sheets: readonly SheetDef[] = workbookSheets(true),
): { params: P; failures: string[] } {
  const failures: string[] = [];
  const ctx: ParamContext = {
    ruleSheet,
    sheetById: (id) => sheets.find((s) => s.id === id),
    fail: (message) => failures.push(message),
  };
  return { params: kind.parse(params, ctx), failures };
}

/** Parameters that must parse cleanly; a failure here is a broken test, so it throws. */
export function validParams<P>(
  kind: RuleKind<P>,
  params: Readonly<Record<string, unknown>>,
  ruleSheet: SheetDef,
): P {
  const { params: parsed, failures } = parseParams(kind, params, ruleSheet);
  if (failures.length > 0) throw new Error(`test parameters do not parse: ${failures.join('; ')}`);
  return parsed;
}

/** A rule as a template states it, with a message for every variant of its kind in both languages. */
export function ruleDef(
  id: string,
  kind: RuleKindId,
  sheet: string,
  params: Record<string, unknown> = {},
): RuleDef {
  const messages = Object.fromEntries(
    RULE_KINDS[kind].variants.map((v) => [
      v,
      { vi: `${id} ${v}: {expected}/{received}`, en: `${id} ${v}: {expected}/{received}` },
    ]),
  );
  return {
    id,
    kind,
    sheet,
    params,
    severity: 'error',
    title: { vi: id, en: id },
    source: { vi: 'Kiểm thử', en: 'Test' },
    messages,
  };
}

export function templateSet(
  sheets: readonly SheetDef[],
  rules: readonly RuleDef[],
  id = 'tiny',
): TemplateSet {
  return {
    id,
    version: 1,
    title: { vi: 'Mẫu thử', en: 'Test template' },
    years: { from: 2019, to: null },
    regulations: [],
    sheets,
    rules,
  };
}

/** A template set that must load; the loader's messages become the test's failure. */
export function compile(set: TemplateSet): CompiledTemplate {
  const loaded = loadTemplate(set);
  if (!loaded.ok) throw new Error(`template does not load:\n${loaded.errors.join('\n')}`);
  return loaded.template;
}

/** A built-in template by id ('tcd-2019', 'tcd-2023', 'tcd-2025'). */
export function builtIn(id: string): CompiledTemplate {
  const found = templateById(id);
  if (!found.ok) throw new Error(found.error);
  return found.template;
}

/** A built-in set with the year-change rules of every level sheet, whether or not its period lists them yet. */
export function builtInWithYearChange(id: string): CompiledTemplate {
  const { set } = builtIn(id);
  const listed = new Set(set.rules.map((r) => r.id));
  return compile({ ...set, rules: [...set.rules, ...yearChangeRules().filter((r) => !listed.has(r.id))] });
}

/** sheet id → row id (unit id or '#control') → values. */
export function workbook(literal: Readonly<Record<string, Readonly<Record<string, RowValues>>>>): SheetsData {
  return new Map(Object.entries(literal).map(([sheet, rows]) => [sheet, new Map(Object.entries(rows))]));
}

export function validatorOver(
  template: CompiledTemplate,
  data: SheetsData,
  units: readonly Unit[],
  settings: Readonly<Record<string, SheetSettings>> = {},
): Validator {
  return new Validator(template, data, settings, units);
}

/** The Tân Hồng 2022 sample under its own template, with the data it validates (edit it, then revalidate). */
export function sampleReport() {
  const { meta, data } = buildSampleReport('tan-hong-2022', 0);
  const template = builtIn(meta.templateId);
  return { meta, data, template, validator: validatorOver(template, data, meta.units, meta.settings) };
}

/** The fields of a finding that say what is wrong and where. */
export interface FindingSummary {
  readonly ruleId: string;
  readonly sheet: string;
  readonly row: string;
  readonly variant: string;
  readonly columns: readonly string[];
  readonly expected: CellValue;
  readonly received: CellValue;
}

export function summarize(f: Finding): FindingSummary {
  return {
    ruleId: f.ruleId,
    sheet: f.sheet,
    row: f.row,
    variant: f.variant,
    columns: f.columns,
    expected: f.expected,
    received: f.received,
  };
}

const summaryKey = (f: FindingSummary) => `${f.ruleId}|${f.row}|${f.variant}|${f.columns.join(',')}`;

/** The error findings, summarized and in a stable order (rule, row, variant, columns). */
export function errorsOf(validator: Validator): FindingSummary[] {
  return sortSummaries(
    validator
      .all()
      .filter((f) => f.severity === 'error')
      .map(summarize),
  );
}

export function sortSummaries(list: readonly FindingSummary[]): FindingSummary[] {
  return [...list].sort((a, b) => summaryKey(a).localeCompare(summaryKey(b)));
}

/** Every finding as one string, sorted: two validators agree when these lists are equal. */
export function serializedFindings(validator: Validator): string[] {
  return validator
    .all()
    .map((f) => JSON.stringify(f))
    .sort();
}

export { CONTROL_ROW };
