// The Tân Hồng 2022 sample (product data: samples/tan-hong-2022.json) turned into a report. The published
// district totals become the sheets' control rows, so the "Cộng" checks have something to compare with.
import {
  CONTROL_ROW,
  type ReportMeta,
  type RowValues,
  type SheetsData,
  type Unit,
  type UnitBloc,
} from '../core/model';
import sample from './samples/tan-hong-2022.json';
import { templateIdForYear } from './index';

const BLOC: Readonly<Record<string, UnitBloc>> = { xa_thi_tran: 'xa', co_quan: 'co_quan' };

export function buildSampleReport(id: string, now: number): { meta: ReportMeta; data: SheetsData } {
  const units: Unit[] = sample.units.map((u, i) => ({
    id: `u${String(i + 1).padStart(2, '0')}`,
    name: u.name,
    form: u.form === 'dang_bo_co_so' ? 'dang_bo' : 'chi_bo_co_so',
    bloc: BLOC[u.kind] ?? 'khac',
  }));
  const idOf = new Map(units.map((u) => [u.name, u.id]));
  const data: SheetsData = new Map();
  const put = (sheet: string, unitName: string, values: RowValues) => {
    const unitId = idOf.get(unitName);
    if (!unitId) throw new Error(`sample: unknown unit ${unitName}`); // the bundled sample is wrong: a programmer error
    const rows = data.get(sheet) ?? new Map<string, RowValues>();
    rows.set(unitId, values);
    data.set(sheet, rows);
  };
  const control = (sheet: string, values: RowValues) => data.get(sheet)?.set(CONTROL_ROW, values);

  sample.units.forEach((u) => put('b01', u.name, { rating: u.xep_loai_2022 }));
  for (const r of sample.chi_bo_truc_thuoc)
    put('b02', r.unit, {
      total: r.tong_so,
      rated: r.duoc_danh_gia,
      x: r.htxs,
      g: r.htt_gom_xs,
      h: r.ht,
      k: r.kht,
    });
  for (const r of sample.tap_the) {
    const rated = r.htxs + r.htt_khong_gom_xs + r.ht + r.kht;
    put('b03', r.unit, { total: r.tong_so, rated, x: r.htxs, g: r.htt_khong_gom_xs, h: r.ht, k: r.kht });
  }
  for (const r of sample.dang_vien)
    put('b04', r.unit, {
      total: r.tong_so,
      exempt: r.mien,
      pending: r.chua_danh_gia,
      rated: r.duoc_danh_gia,
      x: r.htxs,
      g: r.htt_gom_xs,
      h: r.ht,
      k: r.kht,
    });
  for (const r of sample.ket_nap)
    put('b06', r.unit, {
      target: r.chi_tieu,
      admitted: r.ket_nap,
      awareness: r.du_lop_nhan_thuc,
      'members-end': r.dang_vien_cuoi_ky,
    });

  const t = sample.published_totals;
  control('b02', {
    total: t.chi_bo_truc_thuoc.tong_so,
    rated: t.chi_bo_truc_thuoc.duoc_danh_gia,
    x: t.chi_bo_truc_thuoc.htxs,
    g: t.chi_bo_truc_thuoc.htt_gom_xs,
  });
  const tt = t.tap_the_lanh_dao_quan_ly;
  control('b03', { total: tt.tong_so, x: tt.htxs, g: tt.htt_khong_gom_xs, h: tt.ht });
  const dv = t.dang_vien;
  control('b04', {
    total: dv.tong_so,
    rated: dv.duoc_danh_gia,
    x: dv.htxs,
    g: dv.htt_gom_xs,
    h: dv.ht,
    k: dv.kht_suy_ra,
  });
  control('b06', {
    admitted: t.ket_nap.ket_nap,
    awareness: t.ket_nap.du_lop_nhan_thuc,
    'members-end': t.ket_nap.tong_dang_vien_sau,
  });

  const meta: ReportMeta = {
    id,
    name: 'Tân Hồng 2022',
    committee: { name: 'Huyện ủy Tân Hồng', level: 'huyen' },
    year: 2022,
    templateId: templateIdForYear(2022),
    units,
    settings: {},
    createdAt: now,
    updatedAt: now,
  };
  return { meta, data };
}
