// Loading a template set: the built-in ones load; a malformed one is refused with messages naming what is wrong,
// before any cell is validated with it.
import { describe, expect, it } from 'vitest';
import type { ColumnDef, RuleDef, SheetDef, TemplateSet } from '../../../src/core/template';
import { loadTemplate } from '../../../src/core/template-loader';
import { PERIOD_2019, TEMPLATE_SETS } from '../../../src/templates/periods';
import { cap, partition } from '../../../src/templates/rules';
import { sheet04 } from '../../../src/templates/sheets';
import { templateById } from '../../../src/templates';

const KIND_LIST =
  'sum-equals, partition, part-of-whole, cap, ratio-max, percent, equal-across, eligibility, score-band, totals, level-cap, year-change';
const HD21 = { text: { vi: 'Hướng dẫn 21-HD/BTCTW', en: 'Guideline 21-HD/BTCTW' } };

/** The 2019 set with extra rules appended (at index `AT`) or with sheets replaced. */
const AT = PERIOD_2019.rules.length;
const withRules = (...rules: RuleDef[]): TemplateSet => ({
  ...PERIOD_2019,
  rules: [...PERIOD_2019.rules, ...rules],
});
const withSheet04 = (sheet: SheetDef): TemplateSet => ({
  ...PERIOD_2019,
  sheets: PERIOD_2019.sheets.map((s) => (s.id === 'b04' ? sheet : s)),
});
const withColumn = (column: ColumnDef): TemplateSet =>
  withSheet04({ ...sheet04, columns: [...sheet04.columns, column] });

function errorsOf(set: TemplateSet): readonly string[] {
  const loaded = loadTemplate(set);
  return loaded.ok ? [] : loaded.errors;
}

describe('the built-in template sets', () => {
  it.each(TEMPLATE_SETS.map((s) => [s.id, s] as const))('%s loads with every rule compiled', (_, set) => {
    const loaded = loadTemplate(set);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.template.rules.map((r) => r.def.id)).toEqual(set.rules.map((r) => r.id));
    expect([...loaded.template.sheets.keys()]).toEqual(['b01', 'b02', 'b03', 'b04', 'b05', 'b06']);
    expect(templateById(set.id).ok).toBe(true);
  });

  it('an unconfirmed rule is a warning whatever its stated severity', () => {
    const loaded = loadTemplate(TEMPLATE_SETS[1] ?? PERIOD_2019);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    expect(loaded.template.set.id).toBe('tcd-2023');
    expect(loaded.template.ruleById.get('b04-cap')?.severity).toBe('warning');
    expect(loaded.template.ruleById.get('b04-partition')?.severity).toBe('error');
  });

  it('an unknown template id is refused by name', () => {
    expect(templateById('tcd-1999')).toEqual({ ok: false, error: 'unknown template "tcd-1999"' });
  });
});

describe('malformed templates are refused, naming what is wrong', () => {
  it.each<[string, TemplateSet, string[]]>([
    [
      'an unknown rule kind',
      withRules({ ...cap('b04', HD21), id: 'b04-median', kind: 'median' }),
      [`rules[${AT}] (b04-median): kind "median" is not one of ${KIND_LIST}`],
    ],
    [
      'a rule on a missing sheet',
      withRules({ ...cap('b04', HD21), id: 'b07-cap', sheet: 'b07' }),
      [`rules[${AT}] (b07-cap): sheet "b07" is not in this template`],
    ],
    [
      'a parameter naming a missing column',
      withRules({ ...cap('b04', HD21), id: 'b04-cap-2', params: { x: 'xs', g: 'g', percent: 20 } }),
      [`rules[${AT}] (b04-cap-2): params.x: column "xs" is not in sheet b04`],
    ],
    [
      'a parameter naming a column of the wrong kind',
      withRules({ ...cap('b04', HD21), id: 'b04-cap-2', params: { x: 'x', g: 'pct-g', percent: 20 } }),
      [`rules[${AT}] (b04-cap-2): params.g: column "pct-g" is a percent column, expected count`],
    ],
    [
      'a missing message variant',
      withRules({
        ...partition('b04'),
        id: 'b04-partition-2',
        messages: { sum: partition('b04').messages.sum ?? { vi: '', en: '' } },
      }),
      [
        `rules[${AT}] (b04-partition-2): messages.x-over-g.vi is missing`,
        `rules[${AT}] (b04-partition-2): messages.x-over-g.en is missing`,
      ],
    ],
    [
      'a missing language',
      withRules({
        ...cap('b04', HD21),
        id: 'b04-cap-2',
        messages: { over: { vi: 'Vượt {percent}%', en: ' ' } },
      }),
      [`rules[${AT}] (b04-cap-2): messages.over.en is missing`],
    ],
    [
      'a missing title and source',
      withRules({
        ...cap('b04', HD21),
        id: 'b04-cap-2',
        title: { vi: '', en: 'Cap' },
        source: { vi: 'HD 21', en: '' },
      }),
      [`rules[${AT}] (b04-cap-2): title.vi is missing`, `rules[${AT}] (b04-cap-2): source.en is missing`],
    ],
    [
      'a duplicate rule id',
      withRules(cap('b04', HD21)),
      [`rules[${AT}] (b04-cap): the rule id is used twice`],
    ],
    [
      'a duplicate sheet id',
      { ...PERIOD_2019, sheets: [...PERIOD_2019.sheets, sheet04] },
      ['sheets[6] (b04): the sheet id is used twice'],
    ],
    [
      'a duplicate column id',
      withColumn({ id: 'x', kind: 'count', header: { vi: 'Xuất sắc', en: 'Excellent' } }),
      ['sheets[3] (b04): column "x" is defined twice'],
    ],
    [
      'a column id with capitals',
      withColumn({ id: 'Tong', kind: 'count', header: { vi: 'Tổng', en: 'Total' } }),
      ['sheets[3] (b04): column "Tong": expected lower-case letters, digits and dashes'],
    ],
    [
      'a percent column without its spec',
      withColumn({ id: 'pct-t', kind: 'percent', header: { vi: '%', en: '%' } }),
      ['sheets[3] (b04): column "pct-t": a percent column needs its percent spec'],
    ],
    [
      'a percent spec on a count column',
      withColumn({
        id: 'xg',
        kind: 'count',
        header: { vi: 'X/G', en: 'X/G' },
        percent: { numerator: 'x', denominator: ['g'], decimals: 2 },
      }),
      ['sheets[3] (b04): column "xg": only percent columns have a percent spec'],
    ],
    [
      'a percent over a non-count column',
      withColumn({
        id: 'pct-pct',
        kind: 'percent',
        header: { vi: '%', en: '%' },
        percent: { numerator: 'pct-x', denominator: ['rated'], decimals: 2 },
      }),
      ['sheets[3] (b04): column "pct-pct": "pct-x" is not a count column of the sheet'],
    ],
    [
      'a percent over a missing column',
      withColumn({
        id: 'pct-m',
        kind: 'percent',
        header: { vi: '%', en: '%' },
        percent: { numerator: 'x', denominator: ['members'], decimals: 2 },
      }),
      ['sheets[3] (b04): column "pct-m": "members" is not a count column of the sheet'],
    ],
    [
      'a percent with 5 decimals',
      withColumn({
        id: 'pct-5',
        kind: 'percent',
        header: { vi: '%', en: '%' },
        percent: { numerator: 'x', denominator: ['rated'], decimals: 5 },
      }),
      ['sheets[3] (b04): column "pct-5": decimals must be a whole number from 0 to 4, received 5'],
    ],
    [
      'a template id with spaces',
      { ...PERIOD_2019, id: 'tcd 2019' },
      ['id: expected lower-case letters, digits and dashes, received "tcd 2019"'],
    ],
  ])('%s', (_, set, errors) => {
    expect(errorsOf(set)).toEqual(errors);
  });

  it('every problem is reported at once, not only the first', () => {
    const set = withRules(
      { ...cap('b04', HD21), id: 'b04-median', kind: 'median' },
      { ...cap('b04', HD21), id: 'b07-cap', sheet: 'b07' },
      { ...cap('b04', HD21), id: 'b04-cap-2', params: { x: 'xs', g: 'g', percent: 120 } },
    );
    expect(errorsOf(set)).toEqual([
      `rules[${AT}] (b04-median): kind "median" is not one of ${KIND_LIST}`,
      `rules[${AT + 1}] (b07-cap): sheet "b07" is not in this template`,
      `rules[${AT + 2}] (b04-cap-2): params.x: column "xs" is not in sheet b04`,
      `rules[${AT + 2}] (b04-cap-2): params.percent: expected a number from 0 to 100, received 120`,
    ]);
  });
});
