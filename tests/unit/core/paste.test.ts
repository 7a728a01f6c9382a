// Planning a paste into a sheet: Biểu 04 copied out of Excel lands on the right units and columns wherever it
// is pasted; bare numbers go cell by cell from the anchor; every cell not written says why.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClipboardText } from '../../../src/core/clipboard';
import { TOTAL_ROW } from '../../../src/core/finding';
import { CONTROL_ROW, type CellValue, type Unit } from '../../../src/core/model';
import { planPaste, type PastePlan, type PasteRequest, type PlannedWrite } from '../../../src/core/paste';
import type { SheetDef } from '../../../src/core/template';
import { buildSampleReport } from '../../../src/templates/sample';
import { sheet01, sheet04 } from '../../../src/templates/sheets';

const TSV = readFileSync(
  new URL('../../fixtures/clipboard/tan-hong-2022-dang-vien.tsv', import.meta.url),
  'utf8',
);
const SAMPLE = buildSampleReport('paste', 0);
const UNITS = SAMPLE.meta.units;
const B04_INPUTS = ['total', 'exempt', 'pending', 'rated', 'x', 'g', 'h', 'k'];
const idOf = (name: string) => UNITS.find((u) => u.name === name)?.id ?? '?';

/** The grid's column ids, as src/grid/columns.ts lays them out. */
function gridColumns(sheet: SheetDef): string[] {
  return [
    'stt',
    'name',
    ...(sheet.unitColumns ?? []).map((a) => `unit-${a}`),
    ...sheet.columns.map((c) => c.id),
  ];
}

/** A paste into an empty sheet of the sample's 27 units, editable as the session decides. */
function request(
  block: readonly (readonly string[])[],
  anchor: { row: number; col: string | number },
  extra: Partial<PasteRequest> = {},
  sheet: SheetDef = sheet04,
  units: readonly Unit[] = UNITS,
): PasteRequest {
  const columns = gridColumns(sheet);
  const rows = [...units.map((u) => u.id), ...(sheet.totals ? [TOTAL_ROW, CONTROL_ROW] : [])];
  return {
    sheet,
    units,
    columns,
    rows,
    anchor: {
      row: anchor.row,
      col: typeof anchor.col === 'number' ? anchor.col : columns.indexOf(anchor.col),
    },
    block,
    isEditable: (row, col) => {
      const def = sheet.columns.find((c) => c.id === col);
      if (!def || def.kind === 'percent') return false;
      if (row === CONTROL_ROW) return def.kind === 'count';
      return units.some((u) => u.id === row);
    },
    ...extra,
  };
}

const key = (w: { row: string; col: string }) => `${w.row}|${w.col}`;
const byCell = (writes: readonly PlannedWrite[]) =>
  [...writes].sort((a, b) => key(a).localeCompare(key(b))).map((w) => [w.row, w.col, w.value] as const);

/** Biểu 04's typed values in the sample, as [row, col, value], sorted like byCell. */
function sampleB04(): (readonly [string, string, CellValue])[] {
  const rows = SAMPLE.data.get('b04');
  const cells = UNITS.flatMap((u) =>
    B04_INPUTS.map((col) => [u.id, col, rows?.get(u.id)?.[col] ?? null] as const),
  );
  return cells.sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
}

const TSV_BLOCK = parseClipboardText(TSV);
const DATA_ROWS = TSV_BLOCK.slice(1);
const NUMBERS_ONLY = DATA_ROWS.map((r) => r.slice(2));

describe('the Biểu 04 sheet copied out of Excel', () => {
  const expected = sampleB04();

  const checkSample = (plan: PastePlan) => {
    expect(plan.writes).toHaveLength(27 * 8);
    expect(byCell(plan.writes)).toEqual(expected);
  };

  it('lands on the right units and columns wherever it is pasted: header recognised, rows matched by name', () => {
    const columns = gridColumns(sheet04).length;
    const anchors = fc.record({
      row: fc.integer({ min: 0, max: 28 }),
      col: fc.integer({ min: 0, max: columns - 1 }),
    });
    fc.assert(
      fc.property(anchors, (anchor) => {
        const plan = planPaste(request(TSV_BLOCK, anchor));
        checkSample(plan);
        expect(plan.skipped).toEqual([]);
        expect(plan.needsConfirmation).toBe(false);
        expect(plan.header?.columns.map((c) => c.col)).toEqual(['stt', 'name', ...B04_INPUTS]);
        expect(plan.names?.blockCol).toBe(1);
        expect(plan.names?.matches).toHaveLength(27);
        expect(
          plan.names?.matches.every((m, i) => m.certain && m.unitId === UNITS[i]?.id && m.blockRow === i + 1),
        ).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps each raw text beside its value', () => {
    const plan = planPaste(request(TSV_BLOCK, { row: 0, col: 'stt' }));
    expect(plan.writes).toContainEqual({
      row: idOf('Đảng bộ xã Tân Hộ Cơ'),
      col: 'total',
      value: 275,
      raw: '275',
    });
  });

  it('without its header, the numbers pasted on "total" of the first row go cell by cell', () => {
    const plan = planPaste(request(NUMBERS_ONLY, { row: 0, col: 'total' }));
    checkSample(plan);
    expect(plan).toMatchObject({ skipped: [], header: null, names: null, needsConfirmation: false });
  });

  it('without its header, rows with STT and names are matched by name and laid out like the grid', () => {
    for (const col of ['stt', 'name', 'total', 'k']) {
      const plan = planPaste(request(DATA_ROWS, { row: 20, col }));
      checkSample(plan);
      expect(plan.skipped).toEqual([]);
      expect(plan.header).toBeNull();
      expect(plan.names?.blockCol).toBe(1);
    }
  });

  it('names then numbers pasted on a value column: the numbers start there', () => {
    const block = DATA_ROWS.map((r) => [r[1] ?? '', ...r.slice(6)]);
    const plan = planPaste(request(block, { row: 3, col: 'x' }));
    expect(plan.names?.blockCol).toBe(0);
    expect(byCell(plan.writes)).toEqual(sampleB04().filter(([, col]) => ['x', 'g', 'h', 'k'].includes(col)));
  });

  it('rows in another order, a few of them, still go to their units', () => {
    const block = [TSV_BLOCK[0] ?? [], TSV_BLOCK[9] ?? [], TSV_BLOCK[2] ?? []];
    const plan = planPaste(request(block, { row: 0, col: 'total' }));
    expect(plan.writes.filter((w) => w.col === 'total')).toEqual([
      { row: idOf('Đảng bộ xã Thông Bình'), col: 'total', value: 340, raw: '340' },
      { row: idOf('Đảng bộ xã An Phước'), col: 'total', value: 272, raw: '272' },
    ]);
  });
});

describe('names', () => {
  it('"DB xa Tan Ho Co" is Đảng bộ xã Tân Hộ Cơ, with certainty', () => {
    const plan = planPaste(request([['DB xa Tan Ho Co', '275', '47']], { row: 0, col: 'name' }));
    expect(plan.names?.matches).toEqual([
      {
        index: 0,
        unitId: idOf('Đảng bộ xã Tân Hộ Cơ'),
        score: 1,
        certain: true,
        blockRow: 0,
        text: 'DB xa Tan Ho Co',
      },
    ]);
    expect(plan.needsConfirmation).toBe(false);
    expect(byCell(plan.writes)).toEqual([
      [idOf('Đảng bộ xã Tân Hộ Cơ'), 'exempt', 47],
      [idOf('Đảng bộ xã Tân Hộ Cơ'), 'total', 275],
    ]);
  });

  it('a vaguely named row makes the UI ask first', () => {
    const block = [
      ['Tên đơn vị', 'Tổng số đảng viên'],
      ['Đảng bộ xã Tân Thành A', '241'],
      ['Tân Thành', '304'],
    ];
    const plan = planPaste(request(block, { row: 0, col: 'total' }));
    expect(plan.needsConfirmation).toBe(true);
    expect(plan.names?.matches.map((m) => [m.text, m.unitId, m.certain])).toEqual([
      ['Đảng bộ xã Tân Thành A', idOf('Đảng bộ xã Tân Thành A'), true],
      ['Tân Thành', idOf('Đảng bộ xã Tân Thành B'), false],
    ]);
  });

  it('a name that matches no unit: its cells are skipped as unknown-unit', () => {
    const block = [
      ['STT', 'Tên TCCSĐ', 'Tổng số đảng viên', 'Miễn đánh giá'],
      ['1', 'Chi bộ Bưu điện huyện', '12', ''],
      ['2', 'Đảng bộ xã Bình Phú', '293', '50'],
    ];
    const plan = planPaste(request(block, { row: 0, col: 'stt' }));
    expect(plan.skipped).toEqual([
      { reason: 'unknown-unit', blockRow: 1, blockCol: 2, row: null, col: 'total', raw: '12' },
    ]);
    expect(plan.writes).toHaveLength(2);
    expect(plan.needsConfirmation).toBe(false);
  });

  it('rows labelled like the pinned rows go to them: "Cộng" is computed, the reported totals are typed', () => {
    const block = [
      ['Đơn vị', 'Tổng số đảng viên', 'Tỷ lệ'],
      ['Đảng bộ xã Bình Phú', '293', ''],
      ['Cộng', '3.328', ''],
      ['Số liệu đã báo cáo', '3.328', ''],
    ];
    const plan = planPaste(request(block, { row: 0, col: 'total' }));
    expect(byCell(plan.writes)).toEqual([
      [CONTROL_ROW, 'total', 3328],
      [idOf('Đảng bộ xã Bình Phú'), 'total', 293],
    ]);
    expect(plan.skipped).toEqual([
      { reason: 'unknown-column', blockRow: 0, blockCol: 2, row: null, col: null, raw: 'Tỷ lệ' },
      { reason: 'read-only', blockRow: 2, blockCol: 1, row: TOTAL_ROW, col: 'total', raw: '3.328' },
    ]);
    expect(plan.names?.matches.map((m) => m.text)).toEqual(['Đảng bộ xã Bình Phú']);
  });
});

describe('headers', () => {
  it('English headers, columns in another order, no name column: rows go from the anchor', () => {
    const block = [
      ['Rated', 'Members', 'Remarks'],
      ['222', '272', 'ok'],
      ['239', '293', ''],
    ];
    const plan = planPaste(request(block, { row: 1, col: 'k' }));
    expect(plan.header?.columns).toEqual([
      { blockCol: 0, col: 'rated', text: 'Rated' },
      { blockCol: 1, col: 'total', text: 'Members' },
      { blockCol: 2, col: null, text: 'Remarks' },
    ]);
    expect(plan.names).toBeNull();
    expect(byCell(plan.writes)).toEqual([
      ['u02', 'rated', 222],
      ['u02', 'total', 272],
      ['u03', 'rated', 239],
      ['u03', 'total', 293],
    ]);
    expect(plan.skipped).toEqual([
      { reason: 'unknown-column', blockRow: 0, blockCol: 2, row: null, col: null, raw: 'Remarks' },
    ]);
  });

  it('one matching cell is not a header: the first row is data', () => {
    const plan = planPaste(request([['Tổng số đảng viên', '1']], { row: 0, col: 'total' }));
    expect(plan.header).toBeNull();
    expect(plan.skipped.map((s) => s.reason)).toEqual(['invalid']);
  });

  it('a second block column for the same grid column is not pasted', () => {
    const block = [
      ['Tổng số đảng viên', 'Members'],
      ['5', '6'],
    ];
    const plan = planPaste(request(block, { row: 0, col: 'total' }));
    expect(plan.writes).toEqual([{ row: 'u01', col: 'total', value: 5, raw: '5' }]);
    expect(plan.skipped.map((s) => [s.reason, s.blockCol])).toEqual([['unknown-column', 1]]);
  });

  it('Biểu 01: ratings by name, the unit attributes are read-only', () => {
    const block = [
      ['STT', 'Tên tổ chức cơ sở đảng', 'Loại hình', 'Khối', 'Xếp loại', 'Ghi chú'],
      ['1', 'ĐB TT Sa Rài', 'Đảng bộ', 'Xã, thị trấn', 'Hoàn thành xuất sắc nhiệm vụ', 'Tiêu biểu'],
      ['2', 'CB Điện lực Tân Hồng', 'Chi bộ cơ sở', 'Khác', 'httnv', ''],
    ];
    const plan = planPaste(request(block, { row: 0, col: 'note' }, {}, sheet01(false)));
    expect(byCell(plan.writes)).toEqual([
      [idOf('Đảng bộ thị trấn Sa Rài'), 'note', 'Tiêu biểu'],
      [idOf('Đảng bộ thị trấn Sa Rài'), 'rating', 'HTXSNV'],
      [idOf('Chi bộ Điện lực Tân Hồng'), 'note', null],
      [idOf('Chi bộ Điện lực Tân Hồng'), 'rating', 'HTTNV'],
    ]);
    expect(plan.skipped.map((s) => [s.reason, s.col])).toEqual([
      ['read-only', 'unit-form'],
      ['read-only', 'unit-bloc'],
      ['read-only', 'unit-form'],
      ['read-only', 'unit-bloc'],
    ]);
    expect(plan.needsConfirmation).toBe(false);
  });
});

describe('cell by cell', () => {
  it('percentages are computed: pasted ones are skipped as read-only', () => {
    const plan = planPaste(request([['96,29', '3,71']], { row: 0, col: 'pct-g' }));
    expect(plan.writes).toEqual([]);
    expect(plan.skipped).toEqual([
      { reason: 'read-only', blockRow: 0, blockCol: 0, row: 'u01', col: 'pct-g', raw: '96,29' },
      { reason: 'read-only', blockRow: 0, blockCol: 1, row: 'u01', col: 'pct-h', raw: '3,71' },
    ]);
  });

  it('numbers that are not counts are skipped as invalid, with what was received', () => {
    const plan = planPaste(
      request([['2.5', '-3', 'abc', '=SUM(C2:C9)', 'x', '2,682']], { row: 0, col: 'total' }),
    );
    expect(plan.skipped.map((s) => [s.reason, s.col, s.raw, s.error?.code, s.error?.received])).toEqual([
      ['invalid', 'total', '2.5', 'fraction', '2.5'],
      ['invalid', 'exempt', '-3', 'negative', '-3'],
      ['invalid', 'pending', 'abc', 'not-a-number', 'abc'],
      ['invalid', 'rated', '=SUM(C2:C9)', 'formula', '=SUM(C2:C9)'],
      ['invalid', 'x', 'x', 'not-applicable', 'x'],
    ]);
    expect(plan.writes).toEqual([{ row: 'u01', col: 'g', value: 2682, raw: '2,682' }]);
  });

  it('vi-VN and en-US numbers both read', () => {
    const plan = planPaste(request([['2.682'], ['2,682'], ['2 682'], ['2682']], { row: 0, col: 'total' }));
    expect(plan.writes.map((w) => w.value)).toEqual([2682, 2682, 2682, 2682]);
  });

  it('cells past the grid are outside; blank ones are not reported', () => {
    const plan = planPaste(
      request(
        [
          ['1', '2', ''],
          ['3', '4', ''],
        ],
        { row: 28, col: 'pct-cap' },
      ),
    );
    expect(plan.writes).toEqual([]);
    expect(plan.skipped).toEqual([
      { reason: 'read-only', blockRow: 0, blockCol: 0, row: CONTROL_ROW, col: 'pct-cap', raw: '1' },
      { reason: 'outside', blockRow: 0, blockCol: 1, row: CONTROL_ROW, col: null, raw: '2' },
      { reason: 'outside', blockRow: 1, blockCol: 0, row: null, col: 'pct-cap', raw: '3' },
      { reason: 'outside', blockRow: 1, blockCol: 1, row: null, col: null, raw: '4' },
    ]);
  });

  it('the computed "Cộng" row is read-only; the reported totals take counts', () => {
    const plan = planPaste(request([['3328'], ['3328']], { row: 27, col: 'total' }));
    expect(plan.writes).toEqual([{ row: CONTROL_ROW, col: 'total', value: 3328, raw: '3328' }]);
    expect(plan.skipped).toEqual([
      { reason: 'read-only', blockRow: 0, blockCol: 0, row: TOTAL_ROW, col: 'total', raw: '3328' },
    ]);
  });

  it('blank cells clear their cells; a trailing all-blank row is dropped', () => {
    const plan = planPaste(
      request(
        [
          ['', '5'],
          ['', ''],
        ],
        { row: 26, col: 'total' },
      ),
    );
    expect(plan.writes).toEqual([
      { row: 'u27', col: 'total', value: null, raw: '' },
      { row: 'u27', col: 'exempt', value: 5, raw: '5' },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('one cell pasted on a selection fills every editable cell of it', () => {
    const cols = gridColumns(sheet04);
    const selection = { top: 26, bottom: 28, left: cols.indexOf('name'), right: cols.indexOf('pct-x') };
    const plan = planPaste(request([['0']], { row: 26, col: 'name' }, { selection }));
    expect(byCell(plan.writes)).toEqual(
      [...['u27', CONTROL_ROW].flatMap((row) => B04_INPUTS.map((col) => [row, col, 0] as const))].sort(
        (a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`),
      ),
    );
    expect(plan.skipped).toEqual([]);
  });

  it('one cell on a one-cell selection, and an empty block, are ordinary pastes', () => {
    const one = { top: 0, bottom: 0, left: 2, right: 2 };
    expect(planPaste(request([['7']], { row: 0, col: 2 }, { selection: one })).writes).toEqual([
      { row: 'u01', col: 'total', value: 7, raw: '7' },
    ]);
    expect(planPaste(request([], { row: 0, col: 2 })).writes).toEqual([]);
    expect(planPaste(request([[]], { row: 0, col: 2 })).writes).toEqual([]);
  });
});

describe('properties', () => {
  const COLUMNS = gridColumns(sheet04);
  const cellText = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '0',
      '12',
      '2.682',
      '96,29%',
      '-1',
      'x',
      '=A1',
      'STT',
      'Tổng số đảng viên',
      'Rated',
      'Tên đơn vị',
      'Cộng',
      'Số liệu đã báo cáo',
      'Tân Thành',
      'DB xa Tan Ho Co',
      ...UNITS.map((u) => u.name),
    ),
    fc.string({ maxLength: 8 }),
  );
  const block = fc.array(fc.array(cellText, { maxLength: 12 }), { maxLength: 12 });
  const index = fc.integer({ min: -2, max: 32 });
  const selection = fc.option(fc.record({ top: index, left: index, bottom: index, right: index }), {
    nil: undefined,
  });
  const unitsSubset = fc.subarray(UNITS as Unit[]);

  it('never throws, writes each cell at most once and only editable cells, never one unit for two names', () => {
    fc.assert(
      fc.property(block, index, index, selection, unitsSubset, (b, row, col, sel, units) => {
        const req = request(b, { row, col }, sel ? { selection: sel } : {}, sheet04, units);
        const plan = planPaste(req);
        const keys = plan.writes.map(key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const w of plan.writes) {
          expect(req.isEditable(w.row, w.col)).toBe(true);
          expect(COLUMNS).toContain(w.col);
        }
        const assigned = (plan.names?.matches ?? []).flatMap((m) => (m.unitId ? [m.unitId] : []));
        expect(new Set(assigned).size).toBe(assigned.length);
        expect(plan.needsConfirmation).toBe(
          (plan.names?.matches ?? []).some((m) => m.unitId !== null && !m.certain),
        );
      }),
      { numRuns: 300 },
    );
  });
});
