// The member list's rules, each at its boundary, and its counts per unit under both conventions.
import { describe, expect, it } from 'vitest';
import { unitRow } from '../../../../src/core/list/list-validator';
import type { MemberRow } from '../../../../src/core/list/members';
import { memberFindingMessage } from '../../../../src/core/list/messages';
import { brief, members, rated, validatorOf, write } from './helpers';

const AN: MemberRow = { name: 'Nguyễn Văn An', birthYear: 1980, unit: 'u1', rating: 'HTTNV' };

/** The messages of a list's findings; the cap is left out unless asked for (one excellent member is over it). */
function messages(
  rows: Map<string, MemberRow>,
  year = 2022,
  lang: 'vi' | 'en' = 'vi',
  withCap = false,
): string[] {
  const v = validatorOf(rows, withCap ? { year } : { year, cap: null });
  return v.all().map((f) => memberFindingMessage(f, v.rules, lang, 'Chi bộ A'));
}

describe('a clean list', () => {
  it('has no findings', () => {
    const v = validatorOf(members(AN, { ...AN, name: 'Trần Thị Bình', rating: 'HTNV' }));
    expect(v.all()).toEqual([]);
    expect(v.countsOf()).toEqual({ error: 0, warning: 0 });
  });

  it('blank rows are no members: no findings, not counted', () => {
    const v = validatorOf(members({}, { name: null, unit: null }, AN));
    expect(v.all()).toEqual([]);
    expect(v.counts('u1').total).toBe(1);
  });
});

describe('sick leave of 3 months or more: rated HTNV at most', () => {
  it.each<[number, string, boolean]>([
    [2, 'HTTNV', false],
    [2, 'HTXSNV', false],
    [3, 'HTTNV', true],
    [3, 'HTXSNV', true],
    [3, 'HTNV', false],
    [3, 'KHTNV', false],
    [12, 'HTTNV', true],
    [0, 'HTXSNV', false],
  ])('%i months, %s: %s', (months, rating, wrong) => {
    const v = validatorOf(members({ ...AN, sickMonths: months, rating }), { cap: null });
    expect(brief(v)).toEqual(wrong ? ['members-sick-leave/over-level@m0:rating,sickMonths'] : []);
  });

  it('the message names the months and the rating', () => {
    expect(messages(members({ ...AN, sickMonths: 4, rating: 'HTXSNV' }))).toEqual([
      'Nghỉ ốm 4 tháng trong năm (từ 3 tháng trở lên) nên không được xếp loại HTXSNV: cao nhất là HTNV',
    ]);
    expect(messages(members({ ...AN, sickMonths: 4, rating: 'HTTNV' }), 2022, 'en')).toEqual([
      'On sick leave for 4 months in the year (3 or more), so cannot be rated HTTNV: at most HTNV',
    ]);
  });

  it('is an error for 2019–2022, an unconfirmed warning for 2023–2024, and gone from 2025 (QĐ 366)', () => {
    const rows = members({ ...AN, sickMonths: 3 });
    expect(
      validatorOf(rows, { year: 2022 })
        .list('error', 10)
        .map((f) => f.ruleId),
    ).toEqual(['members-sick-leave']);
    const later = validatorOf(rows, { year: 2024 });
    expect(later.list('warning', 10).map((f) => f.ruleId)).toEqual(['members-sick-leave']);
    expect(later.rule('members-sick-leave')?.unconfirmed).toBe(true);
    expect(validatorOf(rows, { year: 2025 }).all()).toEqual([]);
  });
});

describe('exempt and not yet rated members', () => {
  it.each<[string, MemberRow, string[]]>([
    [
      'exempt with a reason, no rating',
      { ...AN, rating: null, evaluation: 'exempt', reason: 'Tuổi cao' },
      [],
    ],
    [
      'exempt with a rating',
      { ...AN, evaluation: 'exempt', reason: 'Tuổi cao' },
      ['members-not-rated/exempt@m0:rating,evaluation'],
    ],
    [
      'pending with a rating',
      { ...AN, evaluation: 'pending', reason: 'Vắng' },
      ['members-not-rated/pending@m0:rating,evaluation'],
    ],
    [
      'exempt without a reason',
      { ...AN, rating: null, evaluation: 'exempt' },
      ['members-reason/exempt@m0:reason'],
    ],
    [
      'pending without a reason, with a rating',
      { ...AN, evaluation: 'pending' },
      ['members-not-rated/pending@m0:rating,evaluation', 'members-reason/pending@m0:reason'],
    ],
  ])('%s', (_, row, expected) => {
    expect(brief(validatorOf(members(row)))).toEqual(expected);
  });

  it('a rating on an exempt member is an error, a missing reason a warning', () => {
    const v = validatorOf(members({ ...AN, evaluation: 'exempt' }));
    expect(v.countsOf()).toEqual({ error: 1, warning: 1 });
    expect(v.findingsAt('m0', 'rating').map((f) => f.severity)).toEqual(['error']);
    expect(v.findingsAt('m0', 'reason').map((f) => f.severity)).toEqual(['warning']);
    expect(messages(members({ ...AN, evaluation: 'exempt' }))).toEqual([
      'Đảng viên miễn đánh giá không được xếp loại, nhưng đã ghi HTTNV',
      'Chưa ghi lý do miễn đánh giá',
    ]);
  });
});

describe('completeness', () => {
  it('a rated member without a rating is "not entered yet": a warning, counted as rated with no level', () => {
    const v = validatorOf(members({ ...AN, rating: null }));
    expect(brief(v)).toEqual(['members-rating-missing/missing@m0:rating']);
    expect(v.list('warning', 5)).toHaveLength(1);
    expect(v.counts('u1')).toMatchObject({ total: 1, rated: 1, x: 0, g: 0, h: 0, k: 0 });
  });

  it('a row without a name or a unit is incomplete (warnings); a row without a unit is not counted', () => {
    const v = validatorOf(members({ birthYear: 1980, rating: 'HTNV' }));
    expect(brief(v)).toEqual(['members-required/name@m0:name', 'members-required/unit@m0:unit']);
    expect(v.countsOf()).toEqual({ error: 0, warning: 2 });
    expect(v.counts('u1').total).toBe(0);
  });

  it("a unit that is not one of the report's is an error, and the member is not counted", () => {
    const v = validatorOf(members({ ...AN, unit: 'gone' }));
    expect(brief(v)).toEqual(['members-unit/unknown@m0:unit']);
    expect(v.countsOf().error).toBe(1);
    expect(messages(members({ ...AN, unit: 'gone' }))).toEqual([
      'Tổ chức cơ sở đảng "gone" không có trong báo cáo: đảng viên này không được tính vào Biểu 04',
    ]);
  });
});

describe('the cap: excellent ≤ 20 % of the good count (including excellent), per unit', () => {
  it.each<[string, number, number, boolean]>([
    ['5 of 25 good is exactly 20 %', 5, 20, false],
    ['6 of 29 good is over (5 allowed)', 6, 23, true],
    ['6 of 30 good is exactly 20 %', 6, 24, false],
    ['1 excellent, no other good', 1, 0, true],
    ['none', 0, 3, false],
  ])('%s', (_, x, g, over) => {
    const v = validatorOf(members(...rated(x, 'HTXSNV'), ...rated(g, 'HTTNV'), ...rated(5, 'HTNV')));
    expect(brief(v)).toEqual(over ? [`members-cap/over@${unitRow('u1')}:rating`] : []);
  });

  it('one finding per unit, on the unit row, with the same arithmetic as Biểu 04 (floor)', () => {
    const v = validatorOf(members(...rated(6, 'HTXSNV'), ...rated(23, 'HTTNV'), ...rated(2, 'HTXSNV', 'u2')));
    const [f, ...rest] = v.list('error', 10);
    expect(f).toMatchObject({
      ruleId: 'members-cap',
      sheet: 'members',
      row: '#unit:u1',
      columns: ['rating'],
      expected: 5,
      received: 6,
      values: { good: 29, percent: 20 },
    });
    // u2: 2 excellent of 2 good is over too.
    expect(rest.map((r) => r.row)).toEqual(['#unit:u2']);
    expect(v.findingsAt('#unit:u1', 'rating')).toEqual([f]);
    expect(memberFindingMessage(f!, v.rules, 'vi', 'Chi bộ A')).toBe(
      'Chi bộ A: 6 đảng viên xuất sắc vượt 20% của 29 đảng viên hoàn thành tốt (gồm xuất sắc): tối đa 5',
    );
  });

  it("the base does not depend on Biểu 04's convention", () => {
    const rows = members(...rated(6, 'HTXSNV'), ...rated(24, 'HTTNV'));
    expect(validatorOf(rows, { convention: 'exclusive' }).all()).toEqual([]);
    expect(validatorOf(rows, { convention: 'inclusive' }).all()).toEqual([]);
  });

  it('follows the template: an unconfirmed cap is a warning; no cap, no rule', () => {
    const rows = members(...rated(2, 'HTXSNV'));
    const unconfirmed = validatorOf(rows, {
      cap: { percent: 20, source: { vi: 'HD 25', en: 'HD 25' }, unconfirmed: true },
    });
    expect(unconfirmed.countsOf()).toEqual({ error: 0, warning: 1 });
    expect(validatorOf(rows, { cap: null }).all()).toEqual([]);
  });

  it('moves with an edit: one member more over the cap, one less back within', () => {
    const rows = members(...rated(5, 'HTXSNV'), ...rated(20, 'HTTNV'));
    const v = validatorOf(rows);
    expect(v.all()).toEqual([]);
    v.applyChanges([write(rows, 'm5', 'rating', 'HTXSNV')]);
    expect(brief(v)).toEqual(['members-cap/over@#unit:u1:rating']);
    v.applyChanges([write(rows, 'm5', 'unit', 'u2')]);
    // u1 is back to 5 of 24 (over: 4 allowed); u2 has 1 of 1.
    expect(brief(v)).toEqual(['members-cap/over@#unit:u1:rating', 'members-cap/over@#unit:u2:rating']);
    v.applyChanges([write(rows, 'm5', 'rating', 'HTTNV'), write(rows, 'm5', 'unit', 'u1')]);
    expect(v.all()).toEqual([]);
  });
});

describe('duplicates: same name, birth year and unit', () => {
  it.each<[string, MemberRow, boolean]>([
    ['the same', { ...AN }, true],
    ['other case and spacing', { ...AN, name: '  nguyễn  VĂN an ' }, true],
    ['decomposed Unicode', { ...AN, name: 'Nguyễn Văn An'.normalize('NFD') }, true],
    ['another diacritic is another name', { ...AN, name: 'Nguyễn Văn Ân' }, false],
    ['another year', { ...AN, birthYear: 1981 }, false],
    ['another unit', { ...AN, unit: 'u2' }, false],
    ['no birth year', { ...AN, birthYear: null }, false],
  ])('%s', (_, other, duplicate) => {
    const v = validatorOf(members(AN, other));
    const expected = duplicate
      ? ['members-duplicate/duplicate@m0:name', 'members-duplicate/duplicate@m1:name']
      : [];
    expect(brief(v)).toEqual(expected);
    expect(v.duplicatesOf('m0')).toEqual(duplicate ? ['m1'] : []);
  });

  it('the warning comes and goes with edits; a third copy, then two removed', () => {
    const rows = members(AN, { ...AN, birthYear: 1990 }, { ...AN, birthYear: 1991 });
    const v = validatorOf(rows);
    expect(v.all()).toEqual([]);
    v.applyChanges([write(rows, 'm1', 'birthYear', 1980)]);
    expect(v.countsOf().warning).toBe(2);
    v.applyChanges([write(rows, 'm2', 'birthYear', 1980)]);
    expect(v.countsOf().warning).toBe(3);
    expect(v.duplicatesOf('m2').sort()).toEqual(['m0', 'm1']);
    v.applyChanges([write(rows, 'm0', 'name', 'Lê Văn Cường')]);
    expect(v.countsOf().warning).toBe(2);
    v.applyChanges([write(rows, 'm1', 'birthYear', 1990)]);
    expect(v.all()).toEqual([]);
    expect(
      memberFindingMessage(validatorOf(members(AN, AN)).all()[0]!, validatorOf(members()).rules, 'vi'),
    ).toBe(
      'Một dòng khác cũng ghi "Nguyễn Văn An", sinh năm 1980, cùng tổ chức cơ sở đảng: kiểm tra trùng lặp',
    );
  });
});

describe('many copies of one member', () => {
  it('each is a duplicate; an edit in their bucket touches each key once (2,000 copies)', () => {
    const rows = members(...Array.from({ length: 2000 }, () => ({ ...AN })));
    const v = validatorOf(rows);
    expect(v.countsOf().warning).toBe(2000);
    const started = performance.now();
    v.applyChanges([write(rows, 'm7', 'birthYear', 1990)]);
    v.applyChanges([write(rows, 'm8', 'name', 'Lê Thị Hoa')]);
    // Generous: quadratic work here would take seconds.
    expect(performance.now() - started).toBeLessThan(500);
    expect(v.countsOf().warning).toBe(1998);
    expect(v.findingsAt('m7', 'name')).toEqual([]);
    expect(v.duplicatesOf('m0')).toHaveLength(1997);
  });
});

describe('counts per unit, as Biểu 04 counts them', () => {
  const rows = members(
    ...rated(2, 'HTXSNV'),
    ...rated(8, 'HTTNV'),
    ...rated(3, 'HTNV'),
    ...rated(1, 'KHTNV'),
    { name: 'Miễn', unit: 'u1', evaluation: 'exempt', reason: 'Tuổi cao' },
    { name: 'Chưa', unit: 'u1', evaluation: 'pending', reason: 'Vắng' },
    { name: 'Chưa 2', unit: 'u1', evaluation: 'pending', reason: 'Mới kết nạp' },
    { name: 'Chưa nhập', unit: 'u1' },
    ...rated(4, 'HTTNV', 'u2'),
  );

  it('inclusive: G counts the excellent too; total = exempt + pending + rated', () => {
    const v = validatorOf(rows);
    expect(v.counts('u1')).toEqual({ total: 18, exempt: 1, pending: 2, rated: 15, x: 2, g: 10, h: 3, k: 1 });
    expect(v.counts('u2')).toEqual({ total: 4, exempt: 0, pending: 0, rated: 4, x: 0, g: 4, h: 0, k: 0 });
  });

  it('exclusive: the levels are apart', () => {
    const v = validatorOf(rows, { convention: 'exclusive' });
    expect(v.counts('u1')).toEqual({ total: 18, exempt: 1, pending: 2, rated: 15, x: 2, g: 8, h: 3, k: 1 });
    // Either convention can be asked for, whatever the settings say.
    expect(v.counts('u1', 'inclusive').g).toBe(10);
  });

  it('a unit with no members, and an unknown unit, count zero', () => {
    const v = validatorOf(rows);
    expect(v.counts('u3')).toEqual({ total: 0, exempt: 0, pending: 0, rated: 0, x: 0, g: 0, h: 0, k: 0 });
    expect(v.hasMembers('u3')).toBe(false);
    expect(v.counts('nowhere').total).toBe(0);
  });

  it('a new unit list re-counts: members of a removed unit become errors', () => {
    const v = validatorOf(rows);
    v.setUnits([{ id: 'u1', name: 'A', form: 'chi_bo_co_so', bloc: 'co_quan' }]);
    expect(v.counts('u2').total).toBe(0);
    expect(v.list('error', 10).map((f) => f.ruleId)).toEqual(Array(4).fill('members-unit'));
  });
});

describe('edits', () => {
  it('a row deleted (its cells set to blank) leaves the counts and the findings', () => {
    const rows = members(AN, { ...AN, evaluation: 'exempt' });
    const v = validatorOf(rows);
    expect(v.counts('u1').total).toBe(2);
    const old = rows.get('m1') ?? {};
    rows.delete('m1');
    v.applyChanges(Object.entries(old).map(([col, before]) => ({ row: 'm1', col, before, after: null })));
    expect(v.counts('u1').total).toBe(1);
    expect(v.all()).toEqual([]);
  });

  it('a row added cell by cell joins the counts', () => {
    const rows = members(AN);
    const v = validatorOf(rows);
    v.applyChanges([write(rows, 'm9', 'name', 'Trần Thị Bình')]);
    expect(brief(v)).toEqual(['members-rating-missing/missing@m9:rating', 'members-required/unit@m9:unit']);
    v.applyChanges([write(rows, 'm9', 'unit', 'u1'), write(rows, 'm9', 'rating', 'HTNV')]);
    expect(v.all()).toEqual([]);
    expect(v.counts('u1')).toMatchObject({ total: 2, rated: 2, g: 1, h: 1 });
  });

  it('lists a few findings of one severity without the others', () => {
    const rows = members(...Array.from({ length: 50 }, () => ({ ...AN, evaluation: 'exempt' })));
    const v = validatorOf(rows);
    expect(v.list('error', 5)).toHaveLength(5);
    expect(v.list('error', 5).every((f) => f.severity === 'error')).toBe(true);
    expect(v.countsOf()).toEqual({ error: 50, warning: 50 + 50 });
  });
});
