// Reading what a user types into a member list cell: every column, Vietnamese and English words, with or without
// diacritics; bad input names what was received and what was expected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MEMBER_COLUMNS,
  memberIdTag,
  memberRowId,
  parseMemberCell,
  type MemberColumnId,
  type MemberParseErrorCode,
} from '../../../../src/core/list/members';
import { memberParseErrorMessage } from '../../../../src/core/list/messages';
import type { CellValue } from '../../../../src/core/model';
import { buildSampleReport } from '../../../../src/templates/sample';

const UNITS = buildSampleReport('members', 0).meta.units;

function value(col: MemberColumnId, raw: string): CellValue {
  const parsed = parseMemberCell(col, raw, UNITS);
  if (!parsed.ok) throw new Error(`${col} "${raw}": ${parsed.error.code}`);
  return parsed.value;
}

function errorCode(col: MemberColumnId, raw: string): MemberParseErrorCode | null {
  const parsed = parseMemberCell(col, raw, UNITS);
  return parsed.ok ? null : parsed.error.code;
}

describe('the columns', () => {
  it('are data: ten columns with ids, kinds and headers in both languages', () => {
    expect(MEMBER_COLUMNS.map((c) => c.id)).toEqual([
      'name',
      'birthYear',
      'unit',
      'cell',
      'standing',
      'evaluation',
      'reason',
      'sickMonths',
      'rating',
      'note',
    ]);
    for (const c of MEMBER_COLUMNS) expect(c.header.vi && c.header.en).toBeTruthy();
    expect(MEMBER_COLUMNS.find((c) => c.id === 'sickMonths')?.header.vi).toBe('Nghỉ ốm (tháng)');
  });

  it('row ids are m + base 36, then the tag of the session that made them', () => {
    expect([0, 35, 36, 100_000].map((n) => memberRowId(n))).toEqual(['m0', 'mz', 'm10', 'm255s']);
    expect(memberRowId(36, 'a7k0q')).toBe('m10-a7k0q');
    const tags = Array.from({ length: 50 }, () => memberIdTag());
    for (const tag of tags) expect(tag).toMatch(/^[0-9a-z]{5}$/);
    expect(new Set(tags).size).toBeGreaterThan(45);
  });
});

describe('parseMemberCell', () => {
  it('blank is blank in every column', () => {
    for (const c of MEMBER_COLUMNS)
      expect(parseMemberCell(c, '   ', UNITS)).toEqual({ ok: true, value: null });
  });

  it.each<[MemberColumnId, string, CellValue]>([
    ['name', '  Nguyễn Văn An ', 'Nguyễn Văn An'],
    ['cell', 'Chi bộ ấp 1', 'Chi bộ ấp 1'],
    ['reason', 'Tuổi cao, sức yếu', 'Tuổi cao, sức yếu'],
    ['note', 'x', 'x'],
    ['birthYear', '1980', 1980],
    ['birthYear', '1.980', 1980],
    ['birthYear', '1900', 1900],
    ['birthYear', '2100', 2100],
    ['sickMonths', '0', 0],
    ['sickMonths', '3', 3],
    ['sickMonths', '12', 12],
    ['standing', 'chính thức', 'chinh_thuc'],
    ['standing', 'Chinh thuc', 'chinh_thuc'],
    ['standing', 'CT', 'chinh_thuc'],
    ['standing', 'ct', 'chinh_thuc'],
    ['standing', 'Đảng viên chính thức', 'chinh_thuc'],
    ['standing', 'Dự bị', 'du_bi'],
    ['standing', 'DU BI', 'du_bi'],
    ['standing', 'DB', 'du_bi'],
    ['standing', 'ĐB', 'du_bi'],
    ['standing', 'probationary', 'du_bi'],
    ['standing', 'du_bi', 'du_bi'],
    ['evaluation', 'Miễn đánh giá', 'exempt'],
    ['evaluation', 'mien danh gia', 'exempt'],
    ['evaluation', 'Miễn', 'exempt'],
    ['evaluation', 'Miễn công tác và sinh hoạt đảng', 'exempt'],
    ['evaluation', 'exempt', 'exempt'],
    ['evaluation', 'Chưa đánh giá', 'pending'],
    ['evaluation', 'CHUA DANH GIA', 'pending'],
    ['evaluation', 'not yet rated', 'pending'],
    ['evaluation', 'Được đánh giá', 'rated'],
    ['evaluation', 'rated', 'rated'],
    ['rating', 'HTXSNV', 'HTXSNV'],
    ['rating', 'htxsnv', 'HTXSNV'],
    ['rating', 'Hoàn thành xuất sắc nhiệm vụ', 'HTXSNV'],
    ['rating', 'hoan thanh tot nhiem vu', 'HTTNV'],
    ['rating', 'Good (HTTNV)', 'HTTNV'],
    ['rating', 'Hoàn thành', 'HTNV'],
    ['rating', 'Không hoàn thành nhiệm vụ', 'KHTNV'],
    ['rating', 'KHTNV', 'KHTNV'],
    ['unit', 'Đảng bộ xã Tân Hộ Cơ', 'u05'],
    ['unit', 'ĐB xã Tân Hộ Cơ', 'u05'],
    ['unit', 'dang bo xa tan ho co', 'u05'],
    ['unit', 'Tân Hộ Cơ', 'u05'],
    ['unit', 'CB Tòa án nhân dân huyện', 'u16'],
    ['unit', 'u16', 'u16'],
  ])('%s "%s" → %s', (col, raw, expected) => {
    expect(value(col, raw)).toBe(expected);
  });

  it.each<[MemberColumnId, string, MemberParseErrorCode]>([
    ['birthYear', '1899', 'out-of-range'],
    ['birthYear', '2101', 'out-of-range'],
    ['birthYear', '1980,5', 'fraction'],
    ['birthYear', '-1980', 'negative'],
    ['birthYear', 'năm 1980', 'not-a-number'],
    ['birthYear', '=1980', 'formula'],
    ['birthYear', 'x', 'not-applicable'],
    ['sickMonths', '13', 'out-of-range'],
    ['sickMonths', '2,5', 'fraction'],
    ['sickMonths', '-1', 'negative'],
    ['sickMonths', 'ba', 'not-a-number'],
    ['standing', 'chính', 'unknown-standing'],
    ['standing', 'HTTNV', 'unknown-standing'],
    ['evaluation', 'miễn giảm', 'unknown-evaluation'],
    ['evaluation', 'HTNV', 'unknown-evaluation'],
    ['rating', 'tốt lắm', 'unknown-rating'],
    ['rating', 'Chưa xếp loại', 'not-a-level'],
    ['rating', 'chưa đánh giá', 'not-a-level'],
    ['unit', 'Đảng bộ xã Không Có', 'unknown-unit'],
    ['unit', 'Tân Thành', 'uncertain-unit'],
    ['name', 'a'.repeat(501), 'too-long'],
  ])('%s "%s" is refused: %s', (col, raw, code) => {
    expect(errorCode(col, raw)).toBe(code);
  });

  it('an error carries what was received, what the column takes, and for a resembling unit the candidate', () => {
    const year = parseMemberCell('birthYear', '1899', UNITS);
    expect(year).toEqual({
      ok: false,
      error: {
        code: 'out-of-range',
        received: '1899',
        column: 'birthYear',
        expected: { vi: 'một năm sinh từ 1900 đến 2100', en: 'a year of birth from 1900 to 2100' },
      },
    });
    const unit = parseMemberCell('unit', 'Tân Thành', UNITS);
    expect(unit.ok ? null : unit.error.candidate?.name).toMatch(/^Đảng bộ xã Tân Thành [AB]$/);
  });

  it('the messages say both, in Vietnamese and English', () => {
    const parsed = parseMemberCell('sickMonths', '13', UNITS);
    if (parsed.ok) throw new Error('13 months must be refused');
    expect(memberParseErrorMessage(parsed.error, 'vi')).toBe(
      'Đã nhập "13": ngoài khoảng cho phép. Cần số tháng nghỉ ốm trong năm, số nguyên từ 0 đến 12.',
    );
    expect(memberParseErrorMessage(parsed.error, 'en')).toBe(
      'Received "13": out of range. Expected the months of sick leave in the year, a whole number from 0 to 12.',
    );
    const level = parseMemberCell('rating', 'Chưa xếp loại', UNITS);
    if (level.ok) throw new Error('"chưa xếp loại" must be refused');
    expect(memberParseErrorMessage(level.error, 'vi')).toContain('ghi ở cột Đánh giá');
    const unit = parseMemberCell('unit', 'Tân Thành', UNITS);
    if (unit.ok) throw new Error('an uncertain unit must be refused');
    expect(memberParseErrorMessage(unit.error, 'en')).toMatch(/only resembles "Đảng bộ xã Tân Thành [AB]"/);
  });

  it('is total: any string in any column gives a value or an error, never a throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MEMBER_COLUMNS), fc.string({ maxLength: 40 }), (col, raw) => {
        const parsed = parseMemberCell(col, raw, UNITS);
        if (!parsed.ok) expect(parsed.error.received).toBe(raw);
      }),
      { numRuns: 2000 },
    );
  });
});
