// The submission board's core: a unit's returned form (written with the fixture writer, one unit row and a
// "Cộng" row, with or without the unit marker) is told apart, read and validated on its own; the board's files
// are classified one by one; a newcomer's differences are listed; the combine plan writes each waiting file as
// its unit's whole row. The Tân Hồng sample under its real template; nothing is mocked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOTAL_ROW, type Finding } from '../../../src/core/finding';
import { MARKER, type ImportContext } from '../../../src/core/import-plan';
import {
  cloneData,
  CONTROL_ROW,
  setCell,
  type RowValues,
  type SheetsData,
  type Unit,
} from '../../../src/core/model';
import {
  classify,
  diffSubmissions,
  errorCount,
  planCombine,
  recognizeSubmission,
  replaceWith,
  unreadable,
  type Recognition,
  type Submission,
  type SubmissionState,
  type SubmissionStatus,
} from '../../../src/core/submission';
import { Validator } from '../../../src/core/validator';
import { unitFormWorkbook, type UnitFormOptions, type UnitFormRow } from '../../fixtures/unit-form';
import { rowArbitrary } from '../arbitraries';
import { sampleReport } from './helpers';
import { bookOf, contextOf, sheetOf } from './import-plan.helpers';

const { meta, data, template } = sampleReport();

function unitOf(id: string): Unit {
  const unit = meta.units.find((u) => u.id === id);
  if (!unit) throw new Error(`no unit ${id} in the sample`);
  return unit;
}

/** A unit's rows in the sample: sheet id → values (the sample stores no blanks). */
function sampleRows(id: string): Record<string, RowValues> {
  const out: Record<string, RowValues> = {};
  for (const [sheet, rows] of data) {
    const row = rows.get(id);
    if (row) out[sheet] = row;
  }
  return out;
}

/** A copy without one key: a sheet left out, a cell left blank. */
function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

const emptyContext = () => contextOf(template, meta, new Map());
const sampleContext = () => contextOf(template, meta, cloneData(data));

function recognise(rows: readonly UnitFormRow[], options: UnitFormOptions = {}, ctx = emptyContext()) {
  return recognizeSubmission(unitFormWorkbook(template, meta, rows, options), ctx);
}

/** The sample's own rows for one unit, as the unit returns them. */
const returned = (id: string, options: UnitFormOptions = {}) =>
  recognise([{ unit: unitOf(id), values: sampleRows(id) }], options);

const ALL_SHEETS = ['b01', 'b02', 'b03', 'b04', 'b05', 'b06'];
const SA_RAI = unitOf('u01');
const TAN_HO_CO = unitOf('u05');

describe('recognising a returned unit form', () => {
  it('with the unit marker: the unit, its values as read, its "Cộng" row apart, its own findings', () => {
    const r = returned('u05');
    expect(r).toMatchObject({
      fileName: `${TAN_HO_CO.name}.xlsx`,
      unitId: 'u05',
      via: 'marker',
      reason: null,
    });
    expect(r.values).toEqual(sampleRows('u05'));
    // The form has a row for the unit in every sheet (Biểu 02 too: it is a đảng bộ), blank in Biểu 05.
    expect(r.sheets).toEqual(ALL_SHEETS);
    const counted = without(sampleRows('u05'), 'b01');
    expect(r.control).toEqual(counted);
    expect(r.invalid).toEqual([]);
    expect(r.percentChecks).toEqual([]);
    // Alone, the unit's row findings are those the whole sample gives its row.
    const together = new Validator(template, data, meta.settings, meta.units)
      .all()
      .filter((f) => f.row === 'u05');
    expect(r.findings).toEqual(together);
    expect(classify([], r)).toBe('ok');
  });

  it("a marker unit id the report does not have falls back to the marker's unit name, normalized", () => {
    const r = returned('u05', { props: { [MARKER.unitId]: 'old-07', [MARKER.unit]: 'DB xa Tan Ho Co' } });
    expect(r).toMatchObject({ unitId: 'u05', via: 'marker', reason: null });
    expect(r.values).toEqual(sampleRows('u05'));
  });

  it.each([
    ['no marker at all', { marker: false }],
    ['the committee marker only', { unitMarker: false }],
    [
      'a unit marker naming nothing the report has',
      { props: { [MARKER.unitId]: 'x', [MARKER.unit]: 'Xã Mới' } },
    ],
  ] satisfies [string, UnitFormOptions][])(
    'with %s: told by its row name, diacritics folded',
    (_, options) => {
      const r = recognise([{ unit: TAN_HO_CO, values: sampleRows('u05'), name: 'DB xa Tan Ho Co' }], options);
      expect(r).toMatchObject({ unitId: 'u05', via: 'name', reason: null });
      expect(r.values).toEqual(sampleRows('u05'));
      expect(r.sheets).toEqual(ALL_SHEETS);
    },
  );

  it('a file for a unit the report does not have is unrecognised, naming it once', () => {
    const ghost: Unit = { id: 'ghost', name: 'Chi bộ Không Có Thật', form: 'chi_bo_co_so', bloc: 'co_quan' };
    const r = recognise([{ unit: ghost, values: { b04: { total: 10, rated: 9 } } }]);
    expect(r).toMatchObject({
      unitId: null,
      via: null,
      reason: { code: 'unknown-unit', names: ['Chi bộ Không Có Thật'] },
      values: {},
      findings: [],
    });
    expect(r.sheets).toEqual(ALL_SHEETS);
    expect(r.control).toEqual({ b04: { total: 10, rated: 9 } });
    expect(classify([], r)).toBe('unrecognised');
  });

  it('a name that fits two units is unrecognised as uncertain, with the name and the candidate', () => {
    const r = recognise([{ unit: unitOf('u07'), values: sampleRows('u07'), name: 'Đảng bộ xã Tân Thành' }], {
      marker: false,
    });
    expect(r.unitId).toBeNull();
    expect(r.reason).toMatchObject({ code: 'uncertain-unit', name: 'Đảng bộ xã Tân Thành' });
    const candidate = r.reason?.code === 'uncertain-unit' ? r.reason.candidate : '';
    expect([unitOf('u07').name, unitOf('u08').name]).toContain(candidate);
  });

  it('the same uncertain name under the unit marker is the marked unit', () => {
    const r = recognise([{ unit: unitOf('u07'), values: sampleRows('u07'), name: 'Đảng bộ xã Tân Thành' }]);
    expect(r).toMatchObject({ unitId: 'u07', via: 'marker', reason: null });
  });

  it('values for two units are unrecognised, naming both in report order', () => {
    const rows = [
      { unit: unitOf('u06'), values: sampleRows('u06') },
      { unit: TAN_HO_CO, values: sampleRows('u05') },
    ];
    expect(recognise(rows).reason).toEqual({
      code: 'several-units',
      names: [TAN_HO_CO.name, unitOf('u06').name],
    });
  });

  it("a unit marker over another unit's row is unrecognised too: the marked unit first", () => {
    const r = recognise([{ unit: unitOf('u06'), values: sampleRows('u06') }], {
      props: { [MARKER.unitId]: 'u05', [MARKER.unit]: TAN_HO_CO.name },
    });
    expect(r.reason).toEqual({ code: 'several-units', names: [TAN_HO_CO.name, unitOf('u06').name] });
  });

  it('under the unit marker, rows whose name matches no unit cannot be placed: unknown, naming them', () => {
    const r = recognise([{ unit: TAN_HO_CO, values: sampleRows('u05'), name: 'Chi bộ Không Có Thật' }], {
      props: { [MARKER.unitId]: 'u05', [MARKER.unit]: TAN_HO_CO.name },
    });
    expect(r.reason).toEqual({ code: 'unknown-unit', names: ['Chi bộ Không Có Thật'] });
  });

  it.each([
    [{ [MARKER.year]: '2021' }, { code: 'other-year', expected: '2022', received: '2021' }],
    [
      { [MARKER.committee]: 'Huyện ủy Hồng Ngự' },
      { code: 'other-committee', expected: 'Huyện ủy Tân Hồng', received: 'Huyện ủy Hồng Ngự' },
    ],
  ])('a file for another year or committee is refused (%o)', (props, refusal) => {
    const r = returned('u05', { props });
    expect(r).toMatchObject({ unitId: null, reason: { code: 'refused', refusal }, values: {}, sheets: [] });
    expect(classify([], r)).toBe('unrecognised');
  });

  it('an empty workbook is refused as empty', () => {
    const r = recognizeSubmission(bookOf([sheetOf('Biểu 04', [])]), emptyContext());
    expect(r.reason).toMatchObject({ code: 'refused', refusal: { code: 'empty' } });
  });

  it.each([
    ['with', {}],
    ['without', { marker: false }],
  ] satisfies [string, UnitFormOptions][])(
    'a form returned blank %s the marker is its unit with no values: recognised, "ok"',
    (_, options) => {
      const r = recognise([{ unit: TAN_HO_CO, values: {} }], options);
      expect(r).toMatchObject({ unitId: 'u05', reason: null, values: {}, control: {}, findings: [] });
      expect(r.sheets).toEqual(ALL_SHEETS);
      expect(classify([], r)).toBe('ok');
    },
  );

  it('a unit whose total is not the sum of its parts has "errors", found on its own row only', () => {
    const rows = sampleRows('u05');
    const b04 = rows.b04 ?? {};
    const r = recognise([
      { unit: TAN_HO_CO, values: { ...rows, b04: { ...b04, total: Number(b04.total) + 1 } } },
    ]);
    expect(r.reason).toBeNull();
    expect(r.findings.map((f) => f.ruleId)).toContain('b04-coverage');
    for (const f of r.findings) expect(f.row).toBe('u05');
    expect(errorCount(r)).toBeGreaterThan(0);
    expect(classify([], r)).toBe('errors');
  });

  it('a single excellent organization is not held to the 20 % cap over all base organizations', () => {
    const quanSu = unitOf('u10');
    expect(sampleRows('u10').b01).toEqual({ rating: 'HTXSNV' });
    const r = returned('u10');
    expect(r.findings.map((f) => f.ruleId)).not.toContain('b01-cap');
    // The cap does fire on a one-unit report (1 excellent of 1 good): the findings kept are the unit's row only.
    const alone = new Validator(template, new Map([['b01', new Map([['u10', { rating: 'HTXSNV' }]])]]), {}, [
      quanSu,
    ]).all();
    expect(alone.filter((f) => f.ruleId === 'b01-cap').map((f) => f.row)).toEqual([TOTAL_ROW]);
  });

  it('cells that do not read are carried with their sheet and count as errors', () => {
    const r = recognise([{ unit: SA_RAI, values: { b04: { total: 'nhiều', rated: 250 } } }]);
    expect(r.reason).toBeNull();
    expect(r.invalid).toEqual([
      {
        sheet: 'b04',
        row: 'u01',
        col: 'total',
        raw: 'nhiều',
        error: { code: 'not-a-number', received: 'nhiều', kind: 'count' },
      },
    ]);
    expect(r.values).toEqual({ b04: { rated: 250 } });
    expect(classify([], r)).toBe('errors');
  });

  it("a file that could not be read is unrecognised with the reader's detail", () => {
    const r = unreadable('hong.xlsx', 'truncated');
    expect(r).toMatchObject({
      fileName: 'hong.xlsx',
      unitId: null,
      reason: { code: 'read-error', detail: 'truncated' },
    });
    expect(classify([], r)).toBe('unrecognised');
    expect(structuredClone(r)).toEqual(r);
  });

  it('a recognition is plain data: it survives structured cloning (IndexedDB) unchanged', () => {
    const r = recognise([{ unit: SA_RAI, values: { b04: { total: 'nhiều', rated: 250 } } }]);
    expect(structuredClone(r)).toEqual(r);
  });
});

/** A board entry made from a recognition; `at` orders the files. */
function entry(
  r: Recognition,
  id: string,
  status: SubmissionStatus,
  state: SubmissionState = 'pending',
  at = 0,
): Submission {
  return { ...r, id, receivedAt: at, status, state };
}

/** Files classified one by one in order, each against the board with the files before it (as the caller does). */
function receive(board: readonly Submission[], files: readonly [string, Recognition][]): Submission[] {
  let out = [...board];
  for (const [id, r] of files) out = [...out, entry(r, id, classify(out, r))];
  return out;
}

describe('the batch policy', () => {
  const a = returned('u05');
  const b = returned('u06');
  const rows = sampleRows('u05');
  const wrong = recognise([{ unit: TAN_HO_CO, values: { ...rows, b04: { ...rows.b04, total: 1 } } }]);

  it('a second file of the same unit in one drop is a duplicate of the first', () => {
    const board = receive(
      [],
      [
        ['1', a],
        ['2', b],
        ['3', a],
        ['4', unreadable('x.xlsx', '?')],
      ],
    );
    expect(board.map((s) => s.status)).toEqual(['ok', 'ok', 'duplicate', 'unrecognised']);
  });

  it('a combined file makes a newcomer a duplicate; a replaced or dismissed one does not', () => {
    expect(classify([entry(a, '1', 'ok', 'combined')], a)).toBe('duplicate');
    expect(classify([entry(a, '1', 'ok', 'replaced')], a)).toBe('ok');
    expect(classify([entry(a, '1', 'errors', 'dismissed')], wrong)).toBe('errors');
    // A stored submission classified again is no duplicate of itself.
    const s = entry(a, '1', 'ok');
    expect(classify([s], s)).toBe('ok');
  });

  it('replacing: the accepted file is replaced, the newcomer pending with its own status; later files duplicate it', () => {
    const board = receive(
      [entry(a, '1', 'ok', 'combined')],
      [
        ['2', wrong],
        ['3', a],
      ],
    );
    expect(board.map((s) => s.status)).toEqual(['ok', 'duplicate', 'duplicate']);
    const next = replaceWith(board, '2');
    expect(next.map((s) => [s.id, s.status, s.state])).toEqual([
      ['1', 'ok', 'replaced'],
      ['2', 'errors', 'pending'],
      ['3', 'duplicate', 'pending'],
    ]);
    expect(classify(next, a)).toBe('duplicate');
    // Dismissing the newcomer frees the unit: the next file is taken.
    const dismissed = next.map((s) => (s.id === '2' ? { ...s, state: 'dismissed' as const } : s));
    expect(
      classify(
        dismissed.filter((s) => s.id !== '3'),
        a,
      ),
    ).toBe('ok');
    // A dismissed file can be brought back in place of the one that took over.
    expect(replaceWith(dismissed, '2').map((s) => [s.id, s.state])).toEqual([
      ['1', 'replaced'],
      ['2', 'pending'],
      ['3', 'pending'],
    ]);
  });

  it('replacing with an unknown, unrecognised or combined file changes nothing', () => {
    const board = [
      entry(a, '1', 'ok'),
      entry(unreadable('x', '?'), '2', 'unrecognised'),
      entry(b, '3', 'ok', 'combined'),
    ];
    for (const id of ['0', '2', '3']) expect(replaceWith(board, id)).toEqual(board);
  });

  it('errorCount: error findings, invalid cells and wrong percentages; warnings do not count', () => {
    const warning: Finding = {
      ruleId: 'b04-plausibility',
      severity: 'warning',
      sheet: 'b04',
      row: 'u05',
      columns: ['x'],
      variant: 'over',
      expected: 15,
      received: 40,
      values: {},
    };
    const check = {
      sheet: 'b03',
      row: CONTROL_ROW,
      col: 'pct-h',
      received: 2.47,
      expected: 2.25,
      count: 2,
      base: 89,
    };
    expect(errorCount({ ...a, findings: [warning] })).toBe(0);
    expect(errorCount({ ...a, findings: [], percentChecks: [check] })).toBe(1);
    expect(errorCount({ ...wrong, findings: [...wrong.findings, warning] })).toBe(errorCount(wrong));
    expect(errorCount(wrong)).toBe(wrong.findings.filter((f) => f.severity === 'error').length);
  });

  it('diff: every cell the newcomer changes, clears or adds against the accepted file', () => {
    const b04 = rows.b04 ?? {};
    const b03 = without(rows.b03 ?? {}, 'k');
    const newer = recognise([
      {
        unit: TAN_HO_CO,
        values: { ...rows, b01: { ...rows.b01, note: 'Thành lập mới' }, b03, b04: { ...b04, h: 7 } },
      },
    ]);
    expect(diffSubmissions(a, newer)).toEqual([
      { sheet: 'b01', col: 'note', before: null, after: 'Thành lập mới' },
      { sheet: 'b03', col: 'k', before: rows.b03?.k, after: null },
      { sheet: 'b04', col: 'h', before: b04.h, after: 7 },
    ]);
    expect(diffSubmissions(a, a)).toEqual([]);
  });
});

describe('the combine plan', () => {
  it('writes the file as the unit\'s whole row: changed cells only, blanks clear, never the "Cộng" row', () => {
    const report = cloneData(data);
    setCell(report, 'b05', 'u05', 'total', 3); // typed by the staff; the file's Biểu 05 row is blank
    const base = contextOf(template, meta, report);
    const ctx: ImportContext = {
      ...base,
      isEditable: (s, r, c) => !(s === 'b04' && c === 'x') && base.isEditable(s, r, c),
    };
    const rows = sampleRows('u05');
    const b04 = rows.b04 ?? {};
    const cleared = without(b04, 'h');
    const file = recognise(
      [{ unit: TAN_HO_CO, values: { ...rows, b04: { ...cleared, total: Number(b04.total) + 1, x: 0 } } }],
      { control: { b04: { total: 1 } } },
    );
    expect(file.control.b04).toEqual({ total: 1 });
    const plan = planCombine(ctx, [entry(file, 's1', classify([], file))]);
    expect(plan.writes).toEqual([
      { sheet: 'b04', row: 'u05', col: 'total', value: Number(b04.total) + 1 },
      { sheet: 'b04', row: 'u05', col: 'h', value: null },
      { sheet: 'b05', row: 'u05', col: 'total', value: null },
    ]);
    expect(plan.overwritten).toBe(3);
    expect(plan.perSubmission.get('s1')).toEqual([
      { sheet: 'b04', row: 'u05', col: 'total', before: b04.total, after: Number(b04.total) + 1 },
      { sheet: 'b04', row: 'u05', col: 'h', before: b04.h, after: null },
      { sheet: 'b05', row: 'u05', col: 'total', before: 3, after: null },
    ]);
  });

  it('into an empty report nothing is overwritten; a file identical to the report writes nothing', () => {
    const file = returned('u05');
    const into = planCombine(emptyContext(), [entry(file, 's1', 'ok')]);
    expect(into.overwritten).toBe(0);
    expect(into.writes).toHaveLength(Object.values(sampleRows('u05')).flatMap((r) => Object.keys(r)).length);
    const same = planCombine(sampleContext(), [entry(file, 's1', 'ok')]);
    expect(same).toEqual({ writes: [], perSubmission: new Map([['s1', []]]), overwritten: 0 });
  });

  it('a sheet the file does not hold is left alone, even where the file has no values for it', () => {
    const file: Recognition = { ...returned('u05'), sheets: ['b04'], values: {} };
    const plan = planCombine(sampleContext(), [entry(file, 's1', 'ok')]);
    expect(new Set(plan.writes.map((w) => w.sheet))).toEqual(new Set(['b04']));
  });

  it('only waiting, recognised, non-duplicate files are combined, the earliest of a unit', () => {
    const zero = (id: string) => recognise([{ unit: unitOf(id), values: { b06: { target: 0 } } }]);
    const one = recognise([{ unit: TAN_HO_CO, values: { b06: { target: 1 } } }]);
    const plan = planCombine(emptyContext(), [
      entry(one, 'later', 'ok', 'pending', 2),
      entry(zero('u05'), 'earlier', 'errors', 'pending', 1),
      entry(zero('u01'), 'dup', 'duplicate'),
      entry(zero('u02'), 'done', 'ok', 'combined'),
      entry(zero('u03'), 'gone', 'ok', 'dismissed'),
      entry(zero('u04'), 'old', 'ok', 'replaced'),
      entry(unreadable('x', '?'), 'bad', 'unrecognised'),
    ]);
    expect([...plan.perSubmission.keys()]).toEqual(['earlier']);
    expect(plan.writes).toEqual([{ sheet: 'b06', row: 'u05', col: 'target', value: 0 }]);
  });
});

describe('random unit rows written with the fixture writer', () => {
  const NOTES = ['Sáp nhập từ ngày 01/7', 'Thành lập mới', 'Chưa đủ 6 tháng'];
  const unitRows = (unit: Unit) =>
    fc.record(
      Object.fromEntries(
        [...template.sheets.values()]
          .filter((def) => !def.rowsFor || def.rowsFor === unit.form)
          .map((def) => [def.id, rowArbitrary(def.columns, NOTES)]),
      ),
    );
  const file = fc.constantFrom(...meta.units).chain((unit) =>
    fc.record({
      unit: fc.constant(unit),
      values: unitRows(unit),
      options: fc.record({
        lang: fc.constantFrom('vi' as const, 'en' as const),
        numbersAsText: fc.boolean(),
        marker: fc.boolean(),
      }),
    }),
  );
  /** The stored shape: blanks left out, empty sheets too. */
  const nonBlank = (values: Readonly<Record<string, RowValues>>) => {
    const out: SheetsData = new Map();
    for (const [sheet, row] of Object.entries(values))
      for (const [col, v] of Object.entries(row)) if (v !== null) setCell(out, sheet, 'row', col, v);
    return Object.fromEntries([...out].map(([sheet, rows]) => [sheet, rows.get('row')]));
  };

  it('are recognised with exactly their values, and combined into an empty report as exactly those', () => {
    fc.assert(
      fc.property(file, ({ unit, values, options }) => {
        const r = recognise([{ unit, values }], options);
        expect(r).toMatchObject({ unitId: unit.id, via: options.marker ? 'marker' : 'name', reason: null });
        expect(r.values).toEqual(nonBlank(values));
        expect(r.sheets).toEqual(Object.keys(values));
        const plan = planCombine(emptyContext(), [entry(r, 's', classify([], r))]);
        const written: Record<string, Record<string, unknown>> = {};
        for (const w of plan.writes) {
          expect(w.row).toBe(unit.id);
          (written[w.sheet] ??= {})[w.col] = w.value;
        }
        expect(written).toEqual(nonBlank(values));
        expect(plan.overwritten).toBe(0);
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
