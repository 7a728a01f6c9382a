// Unit forms (src/excel/unit-forms.ts): the Tân Hồng sample cut into one filled template per base organization,
// read back the way the app reads a dropped file (preflight → SheetJS → convert → planImport): each holds its
// unit's name and values and nothing of the other units, with the unit marker; Biểu 02 for a đảng bộ and not for
// a chi bộ cơ sở; unique file names; and the zip of them all, stored, reproducible and read back byte for byte.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MARKER, planImport } from '../../../src/core/import-plan';
import {
  CONTROL_ROW,
  getCell,
  setCell,
  cloneData,
  type CellValue,
  type ReportMeta,
  type SheetsData,
  type Unit,
} from '../../../src/core/model';
import type { CompiledTemplate } from '../../../src/core/template-loader';
import { Validator } from '../../../src/core/validator';
import { exportFileName, OPEN_FINDINGS_PROP, type ExportRequest } from '../../../src/excel/export';
import type { PlainWorkbook } from '../../../src/excel/plain-workbook';
import { unitFormFileName, unitFormRequest, unitForms, zipFiles } from '../../../src/excel/unit-forms';
import { templateById } from '../../../src/templates';
import { bindingFor } from '../../../src/templates/bindings';
import { buildSampleReport } from '../../../src/templates/sample';
import { contextOf } from '../core/import-plan.helpers';
import { cell, readBytes } from './helpers';

function sample() {
  const { meta, data } = buildSampleReport('tan-hong-2022', 0);
  const found = templateById(meta.templateId);
  if (!found.ok) throw new Error(found.error);
  const binding = bindingFor(meta.templateId);
  if (!binding) throw new Error(`no binding for ${meta.templateId}`);
  const bytes = new Uint8Array(readFileSync(new URL(`../../../public/${binding.file}`, import.meta.url)));
  return { meta, data, template: found.template, binding, bytes };
}

function requestOf(template: CompiledTemplate, meta: ReportMeta, data: SheetsData): ExportRequest {
  const validator = new Validator(template, data, meta.settings, meta.units);
  return { template, meta, data, unitsOf: (s) => validator.unitsOf(s), openFindings: 0 };
}

function unitById(meta: ReportMeta, id: string): Unit {
  const unit = meta.units.find((u) => u.id === id);
  if (!unit) throw new Error(`no unit ${id}`);
  return unit;
}

function read(fileName: string, bytes: Uint8Array): PlainWorkbook {
  const result = readBytes(fileName, bytes);
  if (!result.ok) throw new Error(`${fileName}: ${result.error.code} ${result.error.detail}`);
  return result.workbook;
}

/** Every non-blank stored cell of one unit: "b04|total" → 250. */
function cellsOf(template: CompiledTemplate, data: SheetsData, unitId: string): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const def of template.sheets.values())
    for (const col of def.columns) {
      const v = getCell(data, def.id, unitId, col.id);
      if (v !== null && col.kind !== 'percent') out[`${def.id}|${col.id}`] = v;
    }
  return out;
}

/** Every cell text of a sheet. */
const textsOf = (wb: PlainWorkbook, sheetName: string): string[] =>
  (wb.sheets.find((s) => s.name === sheetName)?.rows ?? []).flat().map((c) => c?.text ?? '');

describe('unit forms of the Tân Hồng sample', () => {
  const { meta, data, template, binding, bytes } = sample();
  const req = requestOf(template, meta, data);
  const forms = unitForms(req, bytes);
  const xaTanHoCo = unitById(meta, 'u05'); // Đảng bộ xã Tân Hộ Cơ: a đảng bộ of a commune
  const vienKiemSat = unitById(meta, 'u15'); // Chi bộ Viện Kiểm sát nhân dân huyện: a chi bộ cơ sở, an agency
  const formOf = (unit: Unit) => {
    const form = forms.find((f) => f.unitId === unit.id);
    if (!form) throw new Error(`no form for ${unit.id}`);
    return form;
  };

  it('one file per unit, in unit order, with unique names', () => {
    expect(forms.map((f) => f.unitId)).toEqual(meta.units.map((u) => u.id));
    expect(forms).toHaveLength(27);
    const names = forms.map((f) => f.fileName);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(27);
    for (const n of names) expect(n).toMatch(/^TanHong_2022_[A-Za-z0-9_]+\.xlsx$/);
    expect(formOf(xaTanHoCo).fileName).toBe('TanHong_2022_XaTanHoCo.xlsx');
    expect(formOf(unitById(meta, 'u01')).fileName).toBe('TanHong_2022_ThiTranSaRai.xlsx');
    expect(formOf(unitById(meta, 'u10')).fileName).toBe('TanHong_2022_QuanSuHuyen.xlsx');
    expect(formOf(vienKiemSat).fileName).toBe('TanHong_2022_VienKiemSatNhanDanHuyen.xlsx');
    for (const f of forms) expect(unitFormFileName(meta, unitById(meta, f.unitId))).toBe(f.fileName);
  });

  it('the unit marker and the committee level are in the custom properties', () => {
    const wb = read('XaTanHoCo.xlsx', formOf(xaTanHoCo).bytes);
    expect(wb.customProps).toEqual({
      [MARKER.template]: meta.templateId,
      [MARKER.templateVersion]: String(template.set.version),
      [MARKER.year]: '2022',
      [MARKER.committee]: 'Huyện ủy Tân Hồng',
      [MARKER.committeeLevel]: 'huyen',
      [MARKER.unitId]: 'u05',
      [MARKER.unit]: 'Đảng bộ xã Tân Hộ Cơ',
      [MARKER.unitForm]: 'dang_bo',
      [MARKER.unitBloc]: 'xa',
      [OPEN_FINDINGS_PROP]: '0',
    });
    expect(read('VKS.xlsx', formOf(vienKiemSat).bytes).customProps).toMatchObject({
      [MARKER.unitId]: 'u15',
      [MARKER.unit]: 'Chi bộ Viện Kiểm sát nhân dân huyện',
      [MARKER.unitForm]: 'chi_bo_co_so',
      [MARKER.unitBloc]: 'co_quan',
    });
  });

  it.each([
    ['u05', 'a đảng bộ'],
    ['u15', 'a chi bộ cơ sở'],
  ])('%s (%s): the file gives back its own values into the committee report, and nothing else', (id) => {
    const unit = unitById(meta, id);
    const wb = read(`${id}.xlsx`, formOf(unit).bytes);
    const plan = planImport(wb, contextOf(template, meta, new Map()));
    expect(plan.refusal).toBeNull();
    expect(plan.kind).toBe('tong-hop');
    expect(new Set(plan.changes.map((c) => c.row))).toEqual(new Set([unit.id]));
    const back: SheetsData = new Map();
    for (const c of plan.changes) setCell(back, c.sheet, c.row, c.col, c.after);
    expect(cellsOf(template, back, unit.id)).toEqual(cellsOf(template, data, unit.id));
    for (const s of plan.sheets) {
      expect(s.unmatchedNames, s.fileSheet).toEqual([]);
      expect(s.invalid, s.fileSheet).toEqual([]);
    }
  });

  it('each sheet holds one unit row, that unit’s, and no other unit’s name', () => {
    const wb = read('XaTanHoCo.xlsx', formOf(xaTanHoCo).bytes);
    const others = new Set(meta.units.filter((u) => u.id !== xaTanHoCo.id).map((u) => u.name));
    for (const sb of binding.sheets) {
      const texts = textsOf(wb, sb.sheetName);
      expect(
        texts.filter((t) => t === xaTanHoCo.name),
        sb.sheetName,
      ).toHaveLength(1);
      expect(
        texts.filter((t) => others.has(t)),
        sb.sheetName,
      ).toEqual([]);
    }
    const plan = planImport(wb, contextOf(template, meta, new Map()));
    for (const s of plan.sheets) if (s.sheet !== null) expect(s.matchedUnits, s.fileSheet).toBe(1);
  });

  it('Biểu 02 (chi bộ trực thuộc): a row for a đảng bộ, none for a chi bộ cơ sở', () => {
    const sb = binding.sheets.find((s) => s.sheet === 'b02');
    if (!sb) throw new Error('no Biểu 02');
    expect(getCell(data, 'b02', xaTanHoCo.id, 'total')).not.toBeNull();

    const dangBo = read('a.xlsx', formOf(xaTanHoCo).bytes);
    expect(textsOf(dangBo, sb.sheetName)).toContain(xaTanHoCo.name);
    const total = getCell(data, 'b02', xaTanHoCo.id, 'total');
    const dangBoPlan = planImport(dangBo, contextOf(template, meta, new Map()));
    expect(dangBoPlan.changes.filter((c) => c.sheet === 'b02' && c.col === 'total')).toEqual([
      { sheet: 'b02', row: xaTanHoCo.id, col: 'total', before: null, after: total },
    ]);

    const cut = unitFormRequest(req, vienKiemSat);
    expect(cut.unitsOf('b02')).toEqual([]);
    expect(cut.unitsOf('b04')).toEqual([vienKiemSat]);
    const chiBo = read('b.xlsx', formOf(vienKiemSat).bytes);
    const names = textsOf(chiBo, sb.sheetName);
    expect(names).not.toContain(vienKiemSat.name);
    // The template's unit rows are cleared: no running number, no name in the unit block.
    const sheet = chiBo.sheets.find((s) => s.name === sb.sheetName);
    if (!sheet) throw new Error('no Biểu 02 in the file');
    for (let r = sb.firstUnitRow; r < sb.firstUnitRow + sb.rowsProvided; r++) {
      expect(cell(sheet, `${sb.unit.stt}${r}`), `${sb.unit.stt}${r}`).toBeNull();
      expect(cell(sheet, `${sb.unit.name}${r}`), `${sb.unit.name}${r}`).toBeNull();
    }
    const chiBoPlan = planImport(chiBo, contextOf(template, meta, new Map()));
    expect(chiBoPlan.changes.filter((c) => c.sheet === 'b02')).toEqual([]);
    expect(chiBoPlan.sheets.find((s) => s.sheet === 'b02')?.matchedUnits ?? 0).toBe(0);
    expect(chiBoPlan.changes.filter((c) => c.sheet === 'b04').length).toBeGreaterThan(0);
  });
});

describe('unitFormRequest', () => {
  const { meta, data, template } = sample();
  const req = requestOf(template, meta, data);
  const unit = unitById(meta, 'u05');

  it('the report cut to the unit: one unit, its base unit, its rows only, no reported totals', () => {
    const cut = unitFormRequest(req, unit);
    expect(cut.meta.units).toEqual([unit]);
    expect(cut.meta.baseUnit).toBe('u05');
    expect(cut.meta.committee).toEqual(meta.committee);
    for (const [sheet, rows] of cut.data) {
      expect(rows.has(CONTROL_ROW), sheet).toBe(false);
      expect(
        [...rows.keys()].every((id) => id === 'u05'),
        sheet,
      ).toBe(true);
      expect(rows.get('u05')).toBe(data.get(sheet)?.get('u05'));
    }
    for (const sheet of template.sheets.keys())
      expect(cut.unitsOf(sheet)).toEqual(req.unitsOf(sheet).filter((u) => u.id === 'u05'));
    // The original report is left as it was.
    expect(data.get('b04')?.size).toBeGreaterThan(1);
  });

  it('counts the errors of the cut report as its open findings', () => {
    expect(unitFormRequest(req, unit).openFindings).toBe(0);
    const broken = cloneData(data);
    // T = M + C + R broken for u05 only.
    setCell(broken, 'b04', 'u05', 'total', 9999);
    const brokenReq = requestOf(template, meta, broken);
    expect(unitFormRequest(brokenReq, unit).openFindings).toBeGreaterThan(0);
    expect(unitFormRequest(brokenReq, unitById(meta, 'u06')).openFindings).toBe(0);
  });

  it('refuses a unit that is not in the report, and an unknown id in unitForms', () => {
    const stranger: Unit = { id: 'x1', name: 'Chi bộ Ấp 9', form: 'chi_bo_co_so', bloc: 'xa' };
    expect(() => unitFormRequest(req, stranger)).toThrow(/x1/);
    expect(() => unitForms(req, new Uint8Array(0), ['x1'])).toThrow(/x1/);
  });

  it('exportFileName names a unit form as it was sent, so it comes back under the same name', () => {
    const cut = unitFormRequest(req, unit);
    expect(exportFileName(cut.meta)).toBe('TanHong_2022_XaTanHoCo.xlsx');
    expect(exportFileName(cut.meta, 'Biểu 04')).toBe('TanHong_2022_XaTanHoCo_Bieu04.xlsx');
    // A base unit that is not one of the units: the committee's name.
    expect(exportFileName({ ...meta, baseUnit: 'zz' })).toBe('TanHong_2022.xlsx');
  });
});

describe('unitFormFileName', () => {
  const { meta } = sample();
  const unit = (id: string, name: string): Unit => ({ id, name, form: 'chi_bo_co_so', bloc: 'xa' });
  const withUnits = (...units: Unit[]): ReportMeta => ({ ...meta, units });

  it.each([
    ['Đảng bộ xã Tân Hộ Cơ', 'TanHong_2022_XaTanHoCo.xlsx'],
    ['Chi bộ Tòa án nhân dân huyện', 'TanHong_2022_ToaAnNhanDanHuyen.xlsx'],
    ['Chi bộ cơ sở Ấp Gò Bắc', 'TanHong_2022_ApGoBac.xlsx'],
    [
      'Đảng bộ Cơ quan Đảng, Mặt trận và các đoàn thể huyện',
      'TanHong_2022_CoQuanDangMatTranVaCacDoanTheHuyen.xlsx',
    ],
    ['Chi bộ', 'TanHong_2022_ChiBo.xlsx'],
    ['???', 'TanHong_2022_DonVi.xlsx'],
  ])('%s → %s', (name, expected) => {
    const u = unit('a', name);
    expect(unitFormFileName(withUnits(u), u)).toBe(expected);
  });

  it('a long name is cut at a word, at most 60 characters', () => {
    const u = unit('a', `Chi bộ ${'Trung tâm Giáo dục nghề nghiệp '.repeat(4)}`);
    const part = /^TanHong_2022_(.*)\.xlsx$/.exec(unitFormFileName(withUnits(u), u))?.[1] ?? '';
    expect(part.length).toBeLessThanOrEqual(60);
    expect(part).toMatch(/^TrungTamGiaoDucNgheNghiep(TrungTam|GiaoDuc|NgheNghiep)*$/);
  });

  it('two units folding to the same name: the later ones get _2, _3 (case-insensitively)', () => {
    const units = [
      unit('a', 'Chi bộ Ấp 1'),
      unit('b', 'Đảng bộ ấp 1'),
      unit('c', 'Chi bộ AP 1'),
      unit('d', 'Chi bộ Ấp 2'),
    ];
    const m = withUnits(...units);
    expect(units.map((u) => unitFormFileName(m, u))).toEqual([
      'TanHong_2022_Ap1.xlsx',
      'TanHong_2022_Ap1_2.xlsx',
      'TanHong_2022_Ap1_3.xlsx',
      'TanHong_2022_Ap2.xlsx',
    ]);
    // A unit not in the list gets its plain name.
    expect(unitFormFileName(m, unit('z', 'Chi bộ Ấp 1'))).toBe('TanHong_2022_Ap1.xlsx');
  });
});

describe('zipFiles', () => {
  const { meta, data, template, bytes } = sample();
  const forms = unitForms(requestOf(template, meta, data), bytes);
  const zip = zipFiles(forms);

  it('unzips to the same bytes per entry, in order', () => {
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(forms.map((f) => f.fileName));
    for (const f of forms)
      expect(Buffer.from(back[f.fileName] ?? []).equals(Buffer.from(f.bytes)), f.fileName).toBe(true);
  });

  it('stores the entries (an .xlsx is deflated already): the zip is the files plus the headers', () => {
    // Per entry: a 30-byte local header and a 46-byte directory record, each with the name; then the end record.
    const headers = forms.reduce((n, f) => n + 76 + 2 * new TextEncoder().encode(f.fileName).length, 22);
    const content = forms.reduce((n, f) => n + f.bytes.length, 0);
    expect(zip.length).toBe(content + headers);
  });

  it('is reproducible, dated 1980-01-01 00:00 in every time zone', () => {
    expect(Buffer.from(zipFiles(forms)).equals(Buffer.from(zip))).toBe(true);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0); // stored
    expect(view.getUint16(10, true)).toBe(0); // time 00:00:00
    expect(view.getUint16(12, true)).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
  });

  it('writes non-ASCII names in UTF-8, and refuses two files of one name', () => {
    const files = [{ fileName: 'Tân Hộ Cơ/Biểu 04.xlsx', bytes: new Uint8Array([1, 2, 3]) }];
    expect(Object.keys(unzipSync(zipFiles(files)))).toEqual(['Tân Hộ Cơ/Biểu 04.xlsx']);
    expect(() => zipFiles([...files, ...files])).toThrow(/Biểu 04/);
  });
});
