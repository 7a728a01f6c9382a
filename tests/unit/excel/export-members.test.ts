// The member list written into its template and read back: every member's values where the layout puts them,
// rows inserted beyond the three provided, and the file imported again gives back the same list.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { memberBlockOf, planMemberPaste } from '../../../src/core/list/paste';
import type { RowValues } from '../../../src/core/model';
import { exportMembersWorkbook } from '../../../src/excel/export-members';
import { buildSampleReport } from '../../../src/templates/sample';
import { readBytes } from './helpers';

/** A cell's value by address; SheetJS types a sheet's keys loosely. */
function valueAt(ws: XLSX.WorkSheet | undefined, ref: string): unknown {
  const cell: unknown = ws?.[ref];
  return typeof cell === 'object' && cell !== null && 'v' in cell ? (cell as XLSX.CellObject).v : undefined;
}

const template = new Uint8Array(readFileSync('public/templates/members.xlsx'));
const { meta } = buildSampleReport('r1', 1);
const LEVELS = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];

function list(n: number): { order: string[]; rows: Map<string, RowValues> } {
  const rows = new Map<string, RowValues>();
  for (let i = 0; i < n; i++)
    rows.set(`m${i.toString(36)}`, {
      name: `Đảng viên số ${i + 1}`,
      birthYear: 1950 + (i % 50),
      unit: meta.units[i % meta.units.length]?.id ?? 'u01',
      standing: i % 9 === 0 ? 'du_bi' : 'chinh_thuc',
      ...(i % 13 === 0 ? { evaluation: 'exempt', reason: 'Tuổi cao' } : { rating: LEVELS[i % 4] ?? 'HTNV' }),
      ...(i % 17 === 0 ? { sickMonths: 4 } : {}),
    });
  return { order: [...rows.keys()], rows };
}

describe('exportMembersWorkbook', () => {
  it.each([1, 3, 1000])('writes %i members where the layout puts them, header filled', (n) => {
    const { order, rows } = list(n);
    const bytes = exportMembersWorkbook({ meta, order, rows }, template);
    const wb = XLSX.read(bytes, { type: 'array' });
    const ws = wb.Sheets['Danh sách đảng viên'];
    if (!ws) throw new Error('no sheet');
    expect(valueAt(ws, 'A1')).toBe('HUYỆN ỦY TÂN HỒNG');
    expect(String(valueAt(ws, 'A2'))).toContain('NĂM 2022');
    expect(valueAt(ws, 'B5')).toBe('Đảng viên số 1');
    expect(valueAt(ws, 'D5')).toBe('Đảng bộ thị trấn Sa Rài');
    expect(valueAt(ws, `A${4 + n}`)).toBe(n);
    expect(valueAt(ws, `B${4 + n}`)).toBe(`Đảng viên số ${n}`);
    expect(valueAt(ws, `B${5 + n}`)).toBeUndefined();
    expect((wb.Custprops as Record<string, string>)['TongHop.Template']).toBe('members');
  });

  it('imported again, gives back the same list', () => {
    const { order, rows } = list(300);
    const bytes = exportMembersWorkbook({ meta, order, rows }, template);
    const read = readBytes('members.xlsx', bytes);
    if (!read.ok) throw new Error(read.error.code);
    const found = memberBlockOf(read.workbook);
    if (!found) throw new Error('no member list found');
    let seq = 0;
    const plan = planMemberPaste(
      found.block,
      { rows: [], startRow: 0, startCol: 'name' },
      meta.units,
      () => `m${(seq++).toString(36)}`,
    );
    expect(plan.refused).toEqual([]);
    const back = new Map<string, Record<string, unknown>>();
    for (const w of plan.writes)
      if (w.value !== null) back.set(w.row, { ...back.get(w.row), [w.col]: w.value });
    expect(back).toEqual(rows);
  });
});
