// A synthetic report of many units: the Tân Hồng sample's rows repeated under ids s000001…, the unit forms
// alternating (đảng bộ, chi bộ cơ sở) so Biểu 02 gets rows too, and control rows set to the column sums so
// the "Cộng" checks pass. Every unit copies one sample unit of its form, so every per-unit rule still holds.
import { CONTROL_ROW, type RowValues, type SheetsData, type Unit, type UnitForm } from '../src/core/model';
import { buildSampleReport } from '../src/templates/sample';

export interface SyntheticReport {
  readonly templateId: string;
  readonly units: readonly Unit[];
  readonly data: SheetsData;
}

export function buildSyntheticReport(count: number): SyntheticReport {
  const sample = buildSampleReport('bench-sample', 0);
  const pools: Record<UnitForm, Unit[]> = { dang_bo: [], chi_bo_co_so: [] };
  for (const unit of sample.meta.units) pools[unit.form].push(unit);

  const units: Unit[] = [];
  const data: SheetsData = new Map(
    [...sample.data.keys()].map((sheet) => [sheet, new Map<string, RowValues>()]),
  );
  for (let i = 0; i < count; i++) {
    const pool = i % 2 === 0 ? pools.dang_bo : pools.chi_bo_co_so;
    const source = pool[Math.floor(i / 2) % pool.length];
    if (!source) throw new Error('synthetic: the sample has no unit of this form');
    const id = `s${String(i + 1).padStart(6, '0')}`;
    units.push({ ...source, id, name: `${source.name} #${i + 1}` });
    for (const [sheet, rows] of sample.data) {
      const row = rows.get(source.id);
      if (row) data.get(sheet)?.set(id, { ...row });
    }
  }

  // The control rows name the same columns as the sample's, now with the sums of the synthetic rows.
  for (const [sheet, rows] of sample.data) {
    const control = rows.get(CONTROL_ROW);
    const target = data.get(sheet);
    if (!control || !target) continue;
    const sums: Record<string, number> = {};
    for (const col of Object.keys(control)) sums[col] = 0;
    for (const row of target.values())
      for (const col of Object.keys(sums)) {
        const v = row[col];
        if (typeof v === 'number') sums[col] = (sums[col] ?? 0) + v;
      }
    target.set(CONTROL_ROW, sums satisfies RowValues);
  }
  return { templateId: sample.meta.templateId, units, data };
}
