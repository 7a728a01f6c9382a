// A block pasted into the member list: placed by header or from the focused column, new members added beyond the
// end, unreadable cells refused with their line.
import { describe, expect, it } from 'vitest';
import { memberBlockOf, planMemberPaste } from '../../../../src/core/list/paste';
import { buildSampleReport } from '../../../../src/templates/sample';

const units = buildSampleReport('r', 1).meta.units;
let seq = 0;
const newId = () => `n${seq++}`;

describe('planMemberPaste', () => {
  it('places columns by a district list’s headers and adds every row as a new member, whatever the focus', () => {
    seq = 0;
    const plan = planMemberPaste(
      [
        ['STT', 'Họ tên', 'Năm sinh', 'Đơn vị', 'Xếp loại'],
        ['1', 'Nguyễn Văn An', '1980', 'ĐB xã Tân Hộ Cơ', 'HTXSNV'],
        ['2', 'Trần Thị Bình', '1975', 'Đảng bộ xã An Phước', 'Hoàn thành tốt nhiệm vụ'],
      ],
      { rows: ['m0', 'm1'], startRow: 0, startCol: 'birthYear' },
      units,
      newId,
    );
    expect(plan.header).toBe(true);
    expect(plan.unknownHeaders).toEqual(['STT']);
    expect(plan.added).toEqual(['n0', 'n1']);
    expect(plan.refused).toEqual([]);
    expect(plan.writes).toEqual([
      { row: 'n0', col: 'name', value: 'Nguyễn Văn An' },
      { row: 'n0', col: 'birthYear', value: 1980 },
      { row: 'n0', col: 'unit', value: 'u05' },
      { row: 'n0', col: 'rating', value: 'HTXSNV' },
      { row: 'n1', col: 'name', value: 'Trần Thị Bình' },
      { row: 'n1', col: 'birthYear', value: 1975 },
      { row: 'n1', col: 'unit', value: 'u02' },
      { row: 'n1', col: 'rating', value: 'HTTNV' },
    ]);
  });

  it('without a header, writes from the focused cell over the shown rows, then adds', () => {
    seq = 0;
    const plan = planMemberPaste(
      [
        ['1981', 'Đảng bộ xã Bình Phú'],
        ['1990', 'Đảng bộ xã Bình Phú'],
      ],
      { rows: ['m0', 'm1'], startRow: 1, startCol: 'birthYear' },
      units,
      newId,
    );
    expect(plan.header).toBe(false);
    expect(plan.added).toEqual(['n0']);
    expect(plan.writes).toEqual([
      { row: 'm1', col: 'birthYear', value: 1981 },
      { row: 'm1', col: 'unit', value: 'u03' },
      { row: 'n0', col: 'birthYear', value: 1990 },
      { row: 'n0', col: 'unit', value: 'u03' },
    ]);
  });

  it('refuses an unreadable cell with its line and writes the rest of the row', () => {
    seq = 0;
    const plan = planMemberPaste(
      [
        ['Họ và tên', 'Năm sinh', 'Xếp loại'],
        ['Lê Văn Cường', 'năm tám mươi', 'HTNV'],
      ],
      { rows: [], startRow: 0, startCol: 'name' },
      units,
      newId,
    );
    expect(plan.refused.map((r) => [r.line, r.col, r.error.received])).toEqual([
      [2, 'birthYear', 'năm tám mươi'],
    ]);
    expect(plan.writes.map((w) => w.col)).toEqual(['name', 'rating']);
  });
});

describe('memberBlockOf', () => {
  const cellOf = (v: string | number | null) => (v === null ? null : { v, text: String(v) });
  const sheet = (name: string, rows: (string | number | null)[][], hidden = false) => ({
    name,
    hidden,
    rows: rows.map((r) => r.map(cellOf)),
  });

  it('finds the list below its title rows on the first sheet that has one, numbers read as their value', () => {
    const found = memberBlockOf({
      fileName: 'ds.xlsx',
      customProps: {},
      sheets: [
        sheet('Ghi chú', [['Danh sách gửi huyện ủy']]),
        sheet('Ẩn', [['Họ và tên', 'Năm sinh']], true),
        sheet('DS', [['DANH SÁCH ĐẢNG VIÊN'], [], ['Họ và tên', 'Năm sinh'], ['An', 1980]]),
      ],
    });
    expect(found).toEqual({
      sheet: 'DS',
      block: [
        ['Họ và tên', 'Năm sinh'],
        ['An', '1980'],
      ],
    });
  });

  it('is null for a workbook without the list’s header', () => {
    expect(
      memberBlockOf({ fileName: 'x.xlsx', customProps: {}, sheets: [sheet('A', [['Tổng số', 12]])] }),
    ).toBeNull();
  });
});
