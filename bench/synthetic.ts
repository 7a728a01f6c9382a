// A synthetic report of many units: the Tân Hồng sample's rows repeated under ids s000001…, the unit forms
// alternating (đảng bộ, chi bộ cơ sở) so Biểu 02 gets rows too, and control rows set to the column sums so
// the "Cộng" checks pass. Every unit copies one sample unit of its form, so every per-unit rule still holds.
// syntheticData fills the six sheets for units made elsewhere (the member list's, bench/members.ts) the same way.
import { CONTROL_ROW, type RowValues, type SheetsData, type Unit, type UnitForm } from '../src/core/model';
import { buildSampleReport } from '../src/templates/sample';

export interface SyntheticReport {
  readonly templateId: string;
  readonly units: readonly Unit[];
  readonly data: SheetsData;
}

const sample = () => buildSampleReport('bench-sample', 0);

function poolsOf(units: readonly Unit[]): Record<UnitForm, Unit[]> {
  const pools: Record<UnitForm, Unit[]> = { dang_bo: [], chi_bo_co_so: [] };
  for (const unit of units) pools[unit.form].push(unit);
  return pools;
}

export function buildSyntheticReport(count: number): SyntheticReport {
  const { meta } = sample();
  const pools = poolsOf(meta.units);
  const units: Unit[] = [];
  for (let i = 0; i < count; i++) {
    const pool = i % 2 === 0 ? pools.dang_bo : pools.chi_bo_co_so;
    const source = pool[Math.floor(i / 2) % pool.length];
    if (!source) throw new Error('synthetic: the sample has no unit of this form');
    units.push({ ...source, id: `s${String(i + 1).padStart(6, '0')}`, name: `${source.name} #${i + 1}` });
  }
  return { templateId: meta.templateId, units, data: syntheticData(units).data };
}

/**
 * The six sheets' values for `units`: the k-th unit of a form copies the rows of the sample's (k mod n)-th unit
 * of that form (for buildSyntheticReport's alternating forms, the same copy as before), then the control rows.
 */
export function syntheticData(units: readonly Unit[]): { templateId: string; data: SheetsData } {
  const { meta, data: sampleData } = sample();
  const pools = poolsOf(meta.units);
  const seen: Record<UnitForm, number> = { dang_bo: 0, chi_bo_co_so: 0 };
  const data: SheetsData = new Map(
    [...sampleData.keys()].map((sheet) => [sheet, new Map<string, RowValues>()]),
  );
  for (const unit of units) {
    const pool = pools[unit.form];
    const source = pool[seen[unit.form]++ % pool.length];
    if (!source) throw new Error('synthetic: the sample has no unit of this form');
    for (const [sheet, rows] of sampleData) {
      const row = rows.get(source.id);
      if (row) data.get(sheet)?.set(unit.id, { ...row });
    }
  }

  // The control rows name the same columns as the sample's, now with the sums of the synthetic rows.
  for (const [sheet, rows] of sampleData) {
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
  return { templateId: meta.templateId, data };
}
