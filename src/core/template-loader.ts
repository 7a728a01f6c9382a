// Checks a template set before any cell is validated with it: a malformed template is refused with messages
// that name what is wrong ("rules[3] (b04-cap): params.x: column "xs" is not in sheet b04").
import { CONVENTIONS, ROUNDINGS, type Lang } from './model';
import { RULE_KINDS, isRuleKindId } from './rules';
import type { CellRead, RuleKind } from './rules/kind';
import type { RuleDef, SheetDef, TemplateSet } from './template';

export interface CompiledRule {
  readonly def: RuleDef;
  readonly kind: RuleKind<unknown>;
  readonly params: unknown;
  readonly severity: RuleDef['severity'];
  readonly reads: readonly CellRead[];
}

export interface CompiledTemplate {
  readonly set: TemplateSet;
  readonly sheets: ReadonlyMap<string, SheetDef>;
  readonly rules: readonly CompiledRule[];
  readonly ruleById: ReadonlyMap<string, CompiledRule>;
}

export type LoadResult =
  | { readonly ok: true; readonly template: CompiledTemplate }
  | { readonly ok: false; readonly errors: readonly string[] };

const LANGS: readonly Lang[] = ['vi', 'en'];
const ID = /^[a-z0-9][a-z0-9-]*$/;

export function loadTemplate(set: TemplateSet): LoadResult {
  const errors: string[] = [];
  const sheets = new Map<string, SheetDef>();
  if (!ID.test(set.id))
    errors.push(`id: expected lower-case letters, digits and dashes, received "${set.id}"`);
  set.sheets.forEach((sheet, i) => {
    const at = `sheets[${i}] (${sheet.id})`;
    if (sheets.has(sheet.id)) errors.push(`${at}: the sheet id is used twice`);
    sheets.set(sheet.id, sheet);
    errors.push(...checkSheet(sheet).map((e) => `${at}: ${e}`));
  });
  const rules: CompiledRule[] = [];
  const ruleById = new Map<string, CompiledRule>();
  set.rules.forEach((def, i) => {
    const at = `rules[${i}] (${def.id})`;
    const fail = (message: string) => errors.push(`${at}: ${message}`);
    if (ruleById.has(def.id)) fail('the rule id is used twice');
    const sheet = sheets.get(def.sheet);
    if (!sheet) return fail(`sheet "${def.sheet}" is not in this template`);
    if (!isRuleKindId(def.kind))
      return fail(`kind "${def.kind}" is not one of ${Object.keys(RULE_KINDS).join(', ')}`);
    const kind: RuleKind<unknown> = RULE_KINDS[def.kind];
    const params = kind.parse(def.params, { ruleSheet: sheet, sheetById: (id) => sheets.get(id), fail });
    for (const variant of kind.variants)
      for (const lang of LANGS)
        if (!def.messages[variant]?.[lang]?.trim()) fail(`messages.${variant}.${lang} is missing`);
    for (const lang of LANGS) {
      if (!def.title[lang]?.trim()) fail(`title.${lang} is missing`);
      if (!def.source[lang]?.trim()) fail(`source.${lang} is missing`);
    }
    const severity = def.unconfirmed ? 'warning' : def.severity;
    const rule: CompiledRule = { def, kind, params, severity, reads: kind.reads(params, def.sheet) };
    rules.push(rule);
    ruleById.set(def.id, rule);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, template: { set, sheets, rules, ruleById } };
}

function checkSheet(sheet: SheetDef): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  for (const col of sheet.columns) {
    if (!ID.test(col.id)) errors.push(`column "${col.id}": expected lower-case letters, digits and dashes`);
    if (ids.has(col.id)) errors.push(`column "${col.id}" is defined twice`);
    ids.add(col.id);
    if (col.kind === 'percent' && !col.percent)
      errors.push(`column "${col.id}": a percent column needs its percent spec`);
    if (col.percent && col.kind !== 'percent')
      errors.push(`column "${col.id}": only percent columns have a percent spec`);
  }
  for (const col of sheet.columns) {
    const spec = col.percent;
    if (!spec) continue;
    const refs = [spec.numerator, ...spec.denominator, ...(spec.denominatorExclusive ?? [])];
    for (const ref of refs) {
      const target = sheet.columns.find((c) => c.id === ref);
      if (!target || target.kind !== 'count')
        errors.push(`column "${col.id}": "${ref}" is not a count column of the sheet`);
    }
    if (!Number.isInteger(spec.decimals) || spec.decimals < 0 || spec.decimals > 4)
      errors.push(
        `column "${col.id}": decimals must be a whole number from 0 to 4, received ${spec.decimals}`,
      );
  }
  if (!CONVENTIONS.includes(sheet.defaults.convention))
    errors.push(`defaults.convention: unknown "${sheet.defaults.convention}"`);
  if (!ROUNDINGS.includes(sheet.defaults.rounding))
    errors.push(`defaults.rounding: unknown "${sheet.defaults.rounding}"`);
  if (
    sheet.levelSummary &&
    !sheet.columns.some((c) => c.id === sheet.levelSummary?.column && c.kind === 'rating')
  )
    errors.push(`levelSummary.column: "${sheet.levelSummary.column}" is not a rating column of the sheet`);
  return errors;
}
