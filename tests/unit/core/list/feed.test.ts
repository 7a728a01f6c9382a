// The list feeding Biểu 04: computed rows for units the list has members of, and the cross-check of typed rows,
// each difference an error on the Biểu 04 cell naming both numbers.
import { describe, expect, it } from 'vitest';
import { bieu04FromList, crossCheck, crossCheckUnit } from '../../../../src/core/list/feed';
import { memberFindingMessage } from '../../../../src/core/list/messages';
import { memberListSettings } from '../../../../src/core/list/rules';
import type { RowValues } from '../../../../src/core/model';
import { PERIOD_2019, PERIOD_2023, PERIOD_2025 } from '../../../../src/templates/periods';
import { builtIn, sampleReport, validatorOver } from '../helpers';
import { UNITS, members, rated, validatorOf } from './helpers';

const rows = members(
  ...rated(2, 'HTXSNV'),
  ...rated(10, 'HTTNV'),
  ...rated(1, 'HTNV'),
  { name: 'Miễn', unit: 'u1', evaluation: 'exempt', reason: 'Tuổi cao' },
  ...rated(3, 'HTTNV', 'u2'),
);

describe('bieu04FromList', () => {
  it('gives the count columns of every unit with members, under the convention asked', () => {
    const v = validatorOf(rows);
    expect(bieu04FromList(v, UNITS)).toEqual(
      new Map([
        ['u1', { total: 14, exempt: 1, pending: 0, rated: 13, x: 2, g: 12, h: 1, k: 0 }],
        ['u2', { total: 3, exempt: 0, pending: 0, rated: 3, x: 0, g: 3, h: 0, k: 0 }],
      ]),
    );
    expect(bieu04FromList(v, UNITS, 'exclusive').get('u1')?.g).toBe(10);
  });

  it("the computed rows pass Biểu 04's own rules (coverage, partition, cap) when the list is clean", () => {
    const { meta, data } = sampleReport();
    const template = builtIn(meta.templateId);
    // Three of the sample's units under the ids the rows name; Biểu 04 holds only the computed rows.
    const units = meta.units.slice(0, 3).map((u, i) => ({ ...u, id: `u${i + 1}` }));
    const v = validatorOf(rows, {}, units);
    data.set('b04', bieu04FromList(v, units));
    const sheets = validatorOver(template, data, units, meta.settings);
    const b04Errors = sheets
      .all()
      .filter(
        (f) => f.sheet === 'b04' && f.severity === 'error' && f.row !== '#control' && f.row !== '#total',
      );
    expect(b04Errors).toEqual([]);
    // Not vacuous: one member too many in the total is caught by Biểu 04's coverage rule.
    const u1 = data.get('b04')?.get('u1');
    data.get('b04')?.set('u1', { ...u1, total: 15 });
    sheets.applyChanges([{ sheet: 'b04', row: 'u1', col: 'total', before: 14, after: 15 }]);
    expect(sheets.findingsAt('b04', 'u1', 'total').map((f) => f.ruleId)).toContain('b04-coverage');
  });
});

describe('crossCheck', () => {
  const v = validatorOf(rows);

  it('a typed row equal to the list passes; blank cells are not checked', () => {
    const typed = new Map([['u1', { total: 14, exempt: 1, rated: 13, x: 2, g: 12, h: 1, k: 0 }]]);
    expect(crossCheck(v, UNITS, typed)).toEqual([]);
  });

  it('each difference is an error on that Biểu 04 cell, naming both numbers', () => {
    const typed = new Map([
      ['u1', { total: 293, exempt: 1, pending: 0, rated: 13, x: 3, g: 12, h: 1, k: 0 }],
    ]);
    const findings = crossCheck(v, UNITS, typed);
    expect(findings.map((f) => [f.sheet, f.row, f.columns, f.severity, f.expected, f.received])).toEqual([
      ['b04', 'u1', ['total'], 'error', 14, 293],
      ['b04', 'u1', ['x'], 'error', 2, 3],
    ]);
    expect(findings.map((f) => memberFindingMessage(f, v.rules, 'vi'))).toEqual([
      'Biểu 04 ghi 293 đảng viên, danh sách có 14',
      'Biểu 04 ghi 3 đảng viên hoàn thành xuất sắc nhiệm vụ, danh sách có 2',
    ]);
    expect(memberFindingMessage(findings[0]!, v.rules, 'en')).toBe(
      'Form 04 says 293 members, the member list has 14',
    );
  });

  it("G is compared under Biểu 04's convention", () => {
    const typed = new Map([['u1', { g: 10 }]]);
    expect(crossCheck(v, UNITS, typed).map((f) => f.expected)).toEqual([12]);
    expect(crossCheck(v, UNITS, typed, 'exclusive')).toEqual([]);
  });

  it('units with no typed row, or no members in the list, are not checked', () => {
    const typed = new Map<string, RowValues>([
      ['u2', {}],
      ['u3', { total: 40 }],
    ]);
    expect(crossCheck(v, UNITS, typed)).toEqual([]);
    expect(crossCheckUnit(v, 'u1', undefined)).toEqual([]);
  });

  it('numbers in the thousands read the Vietnamese way', () => {
    const big = validatorOf(members(...rated(1200, 'HTNV')), { cap: null });
    const [f] = crossCheck(big, UNITS, new Map([['u1', { total: 1201 }]]));
    expect(memberFindingMessage(f!, big.rules, 'vi')).toBe('Biểu 04 ghi 1.201 đảng viên, danh sách có 1.200');
  });
});

describe('memberListSettings: the list takes its cap from the template set', () => {
  it.each([
    [PERIOD_2019, 2022, false],
    [PERIOD_2023, 2023, true],
    [PERIOD_2025, 2025, false],
  ] as const)('%s', (set, year, unconfirmed) => {
    const settings = memberListSettings(set, { convention: 'exclusive', rounding: 'half-up' }, year);
    expect(settings.convention).toBe('exclusive');
    expect(settings.cap?.percent).toBe(20);
    expect(settings.cap?.unconfirmed ?? false).toBe(unconfirmed);
    const b04Cap = set.rules.find((r) => r.id === 'b04-cap');
    expect(settings.cap?.source).toEqual(b04Cap?.source);
  });
});
