// The year-change rules of the built-in template sets: they load into every period, they are plausibility
// warnings (not regulations, not unconfirmed ones), and their messages read as staff read numbers.
import { describe, expect, it } from 'vitest';
import { findingMessage } from '../../../src/core/messages';
import { DEFAULT_YEAR_CHANGE, type Lang, type RowValues } from '../../../src/core/model';
import type { TemplateSet } from '../../../src/core/template';
import { loadTemplate, type CompiledTemplate } from '../../../src/core/template-loader';
import { Validator } from '../../../src/core/validator';
import { PERIOD_2019, TEMPLATE_SETS } from '../../../src/templates/periods';
import { yearChange, yearChangeRules } from '../../../src/templates/rules';

/** A period's set with the year-change rules it does not list yet. */
function withYearChange(set: TemplateSet): TemplateSet {
  const listed = new Set(set.rules.map((r) => r.id));
  return { ...set, rules: [...set.rules, ...yearChangeRules().filter((r) => !listed.has(r.id))] };
}

function compiled(set: TemplateSet): CompiledTemplate {
  const loaded = loadTemplate(withYearChange(set));
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.template;
}

describe('the year-change rules', () => {
  it('cover the level counts of Biểu 02–05, one rule per sheet', () => {
    expect(yearChangeRules().map((r) => [r.id, r.sheet, r.params])).toEqual(
      ['b02', 'b03', 'b04', 'b05'].map((sheet) => [
        `${sheet}-year-change`,
        sheet,
        { columns: ['x', 'g', 'h', 'k'] },
      ]),
    );
  });

  it.each(TEMPLATE_SETS.map((s) => [s.id, s] as const))('load into %s as plausibility warnings', (_, set) => {
    const template = compiled(set);
    for (const sheet of ['b02', 'b03', 'b04', 'b05']) {
      const rule = template.ruleById.get(`${sheet}-year-change`);
      expect(rule?.severity).toBe('warning');
      expect(rule?.def.unconfirmed).toBeUndefined();
      expect(rule?.def.source.en).toMatch(/not a regulation/);
      expect(rule?.def.source.vi).toMatch(/không phải quy định/);
      expect(rule?.reads).toEqual(['x', 'g', 'h', 'k'].map((col) => ({ sheet, col })));
    }
  });

  it('the sheets without level counts have none: Biểu 01 holds ratings, Biểu 06 admissions', () => {
    for (const sheet of ['b01', 'b06']) {
      const loaded = loadTemplate({ ...PERIOD_2019, rules: [yearChange(sheet)] });
      expect(loaded.ok).toBe(false);
    }
  });
});

describe('year-change messages', () => {
  const template = compiled(PERIOD_2019);
  const u1 = { id: 'u1', name: 'Đảng bộ xã Tân Hộ Cơ', form: 'dang_bo', bloc: 'xa' } as const;

  function message(now: RowValues, last: RowValues, lang: Lang): string[] {
    const v = new Validator(template, new Map([['b04', new Map([['u1', now]])]]), {}, [u1]);
    v.setPreviousYear({ rows: new Map([['b04', new Map([['u1', last]])]]), threshold: DEFAULT_YEAR_CHANGE });
    return v
      .all()
      .filter((f) => f.ruleId === 'b04-year-change')
      .map((f) => findingMessage(f, template, lang));
  }

  it.each<[string, RowValues, RowValues, Lang, string]>([
    [
      'an increase, vi',
      { g: 3700 },
      { g: 2682 },
      'vi',
      'Thay đổi lớn so với năm trước: 2.682 → 3.700 (chênh lệch 1.018, 38%): kiểm tra lại',
    ],
    [
      'an increase, en',
      { g: 3700 },
      { g: 2682 },
      'en',
      'Large change from last year: 2,682 → 3,700 (a change of 1,018, 38%): please check',
    ],
    [
      'a decrease',
      { x: 13 },
      { x: 20 },
      'vi',
      'Thay đổi lớn so với năm trước: 20 → 13 (chênh lệch -7, -35%): kiểm tra lại',
    ],
    [
      'from zero, vi',
      { k: 6 },
      { k: 0 },
      'vi',
      'Thay đổi lớn so với năm trước: 0 → 6 (chênh lệch 6): kiểm tra lại',
    ],
    [
      'from zero, en',
      { k: 6 },
      { k: 0 },
      'en',
      'Large change from last year: 0 → 6 (a change of 6): please check',
    ],
  ])('%s', (_, now, last, lang, text) => {
    expect(message(now, last, lang)).toEqual([text]);
  });
});
