// Unit names as staff write them, matched to the report's units: abbreviations, no diacritics, parts of names;
// never one unit for two names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../src/core/model';
import { ABBREVIATIONS, matchUnits, normalizeName } from '../../../src/core/names';
import { foldText } from '../../../src/core/parse';
import { buildSampleReport } from '../../../src/templates/sample';

const UNITS = buildSampleReport('names', 0).meta.units;
const idOf = (name: string) => UNITS.find((u) => u.name === name)?.id;

describe('normalizeName', () => {
  it.each<[string, string]>([
    ['Đảng bộ xã Tân Hộ Cơ', 'dang bo xa tan ho co'],
    ['ĐB xã Tân Hộ Cơ', 'dang bo xa tan ho co'],
    ['DB x. Tan Ho Co', 'dang bo xa tan ho co'],
    ['  Đảng  bộ   xã\tTân Hộ Cơ ', 'dang bo xa tan ho co'],
    ['CB THPT Sa Rài', 'chi bo truong trung hoc pho thong sa rai'],
    ['ĐBCS TT Sa Rài', 'dang bo co so thi tran sa rai'],
    ['CBCS UBND xã', 'chi bo co so uy ban nhan dan xa'],
    ['Chi bộ Trường THCS Tân Hộ Cơ', 'chi bo truong trung hoc co so tan ho co'],
    ['Đảng ủy P. 1, H. Tân Hồng', 'dang uy phuong 1 huyen tan hong'],
    [
      'Đảng bộ Cơ quan Đảng, Mặt trận và các đoàn thể huyện',
      'dang bo co quan dang mat tran va cac doan the huyen',
    ],
    ['Trung tâm GDNN - GDTX', 'trung tam giao duc nghe nghiep giao duc thuong xuyen'],
    ['HOÀN THÀNH TỐT NHIỆM VỤ (gồm xuất sắc)', 'hoan thanh tot nhiem vu gom xuat sac'],
    ['No.', 'no'],
  ])('%s → %s', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });

  it('expands a single letter only before a name: a lone "X" stays itself', () => {
    expect(normalizeName('X')).toBe('x');
    expect(normalizeName('Tân Thành X')).toBe('tan thanh x');
    expect(normalizeName('x Tân Phước')).toBe('xa tan phuoc');
  });

  // The reference: foldText, then words split on anything that is not a letter or digit, then abbreviations.
  const reference = (name: string): string => {
    const tokens = foldText(name)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .filter((t) => t !== '');
    const out: string[] = [];
    tokens.forEach((t, i) => {
      const expansion = ABBREVIATIONS[t] ?? (i + 1 < tokens.length ? BEFORE[t] : undefined);
      if (expansion === undefined) return void out.push(t);
      const words = expansion.split(' ');
      out.push(...(words[0] === out[out.length - 1] ? words.slice(1) : words));
    });
    return out.join(' ');
  };
  const BEFORE: Readonly<Record<string, string>> = { x: 'xa', p: 'phuong', h: 'huyen' };
  const VIETNAMESE = 'ĐđÂâĂăÊêÔôƠơƯưÁáÀàẢảÃãẠạẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặÉéÈèẺẻẼẽẸẹẾếỀềỂểỄễỆệ';
  const PIECES = [...VIETNAMESE, ...'aAzZ09 .,-_()%\t\u00a0\u0301\u0323\u0130\u00df\u00d7\u00aa\u01c4ĳæ'];

  it('folds character by character exactly as the whole-text folding does', () => {
    const pieces = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 20 })), (s) => {
        expect(normalizeName(s)).toBe(reference(s));
      }),
      { numRuns: 2000 },
    );
    for (let code = 0; code < 0x2000; code++) {
      const ch = String.fromCharCode(code);
      expect(normalizeName(`Tân${ch}Hộ ${ch}Cơ`)).toBe(reference(`Tân${ch}Hộ ${ch}Cơ`));
    }
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
      }),
    );
  });
});

describe('matchUnits', () => {
  it('matches every unit name to itself, with certainty', () => {
    const matches = matchUnits(
      UNITS.map((u) => u.name),
      UNITS,
    );
    expect(matches).toEqual(UNITS.map((u, index) => ({ index, unitId: u.id, score: 1, certain: true })));
  });

  it.each<[string, string]>([
    ['DB xa Tan Ho Co', 'Đảng bộ xã Tân Hộ Cơ'],
    ['đảng bộ xã tân hộ cơ', 'Đảng bộ xã Tân Hộ Cơ'],
    ['Tân Hộ Cơ', 'Đảng bộ xã Tân Hộ Cơ'],
    ['Xã Tân Phước', 'Đảng bộ xã Tân Phước'],
    ['CB THPT Sa Rài', 'Chi bộ Trường Trung học phổ thông Sa Rài'],
    ['Chi bộ Trường THPT Giồng Thị Đam', 'Chi bộ Trường Trung học phổ thông Giồng Thị Đam'],
  ])('"%s" is %s, with certainty', (name, unit) => {
    const [m] = matchUnits([name], UNITS);
    expect(m).toMatchObject({ index: 0, unitId: idOf(unit), certain: true });
  });

  // A name that leaves out or adds words that tell units apart is matched, but the user is asked.
  it.each<[string, string]>([
    ['Viện Kiểm sát', 'Chi bộ Viện Kiểm sát nhân dân huyện'],
    ['Đảng bộ xã Tân Hộ Cơ (huyện Tân Hồng)', 'Đảng bộ xã Tân Hộ Cơ'],
    ['Chi bộ Ngân hàng Nông nghiệp', 'Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn huyện'],
    ['DB Tan Cong', 'Đảng bộ xã Tân Công Chí'],
  ])('"%s" is %s, without certainty', (name, unit) => {
    const [m] = matchUnits([name], UNITS);
    expect(m).toMatchObject({ index: 0, unitId: idOf(unit), certain: false });
  });

  it('"Đảng bộ Cơ quan" fits two units: matched without certainty', () => {
    const [m] = matchUnits(['Đảng bộ Cơ quan'], UNITS);
    expect(m?.certain).toBe(false);
  });

  it.each(['Tân Thành', 'Phước', 'Chi bộ Trường THPT'])('"%s" is matched without certainty', (name) => {
    const [m] = matchUnits([name], UNITS);
    expect(m?.unitId).not.toBeNull();
    expect(m?.certain).toBe(false);
    expect(m?.score).toBeGreaterThanOrEqual(0.5);
  });

  it.each(['Chi bộ Bưu điện huyện', 'Hợp tác xã Phú Mỹ', 'Đảng bộ', '', '   ', '12'])(
    '"%s" matches no unit',
    (name) => {
      expect(matchUnits([name], UNITS)).toEqual([{ index: 0, unitId: null, score: 0, certain: false }]);
    },
  );

  it('gives the unit to the better name; the other falls back to its next candidate, uncertain', () => {
    const [exact, vague] = matchUnits(['Tân Thành', 'Đảng bộ xã Tân Thành A'], UNITS);
    expect(vague).toMatchObject({ unitId: idOf('Đảng bộ xã Tân Thành A'), certain: true });
    expect(exact).toMatchObject({ unitId: idOf('Đảng bộ xã Tân Thành B'), certain: false });
  });

  it('never gives one unit to two names, even to the same name twice', () => {
    const [first, second] = matchUnits(['Đảng bộ xã Tân Phước', 'Đảng bộ xã Tân Phước'], UNITS);
    expect(first).toMatchObject({ unitId: idOf('Đảng bộ xã Tân Phước'), certain: true });
    expect(second?.unitId).not.toBe(first?.unitId);
    expect(second?.certain).toBe(false);
  });

  it('matches nothing against no units', () => {
    expect(matchUnits(['Tân Hộ Cơ'], [])).toEqual([{ index: 0, unitId: null, score: 0, certain: false }]);
  });

  /** A name as staff might write it: a unit name with words dropped, abbreviated or unaccented, or noise. */
  const writtenName = fc.oneof(
    fc.constantFrom(...UNITS.map((u) => u.name)).chain((name) =>
      fc
        .subarray(name.split(' '), { minLength: 1 })
        .map((words) => words.join(' '))
        .chain((n) =>
          fc.constantFrom(n, n.replace('Đảng bộ', 'ĐB'), n.normalize('NFD').replace(/\p{M}/gu, '')),
        ),
    ),
    fc.string({ maxLength: 12 }),
  );

  it('never gives one unit to two names, one result per name in order, certain only when matched', () => {
    const units = fc.subarray(UNITS as Unit[]);
    fc.assert(
      fc.property(fc.array(writtenName, { maxLength: 20 }), units, (names, subset) => {
        const matches = matchUnits(names, subset);
        expect(matches.map((m) => m.index)).toEqual(names.map((_, i) => i));
        const assigned = matches.flatMap((m) => (m.unitId === null ? [] : [m.unitId]));
        expect(new Set(assigned).size).toBe(assigned.length);
        for (const m of matches) {
          expect(m.score).toBeGreaterThanOrEqual(0);
          expect(m.score).toBeLessThanOrEqual(1);
          if (m.unitId === null) expect(m).toMatchObject({ score: 0, certain: false });
          else expect(m.score).toBeGreaterThanOrEqual(0.5);
          if (m.unitId !== null) expect(subset.some((u) => u.id === m.unitId)).toBe(true);
        }
      }),
    );
  });
});
