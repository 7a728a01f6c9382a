// The combine plan: what writing the pending files into the committee's report would change, cell by cell.
// A file is its unit's whole row in each sheet it holds, so a blank in it clears the report's cell; the "Cộng"
// rows are never written (the report's reported totals stay the committee's own).
import type { ImportChange, ImportContext } from '../import/types';
import { getCell } from '../model';
import type { CombinePlan, CombineWrite, Submission } from './types';

/** A file to combine: recognised, waiting, and not set aside as a duplicate. */
function isCombinable(s: Submission): s is Submission & { readonly unitId: string } {
  return s.state === 'pending' && (s.status === 'ok' || s.status === 'errors') && s.unitId !== null;
}

export function planCombine(ctx: ImportContext, submissions: readonly Submission[]): CombinePlan {
  // One file per unit, the earliest (ties in list order). The caller marks a later one duplicate; two pending
  // files of a unit would otherwise write the same cells twice with the last one silently winning.
  const taken = new Map<string, Submission & { readonly unitId: string }>();
  submissions
    .filter(isCombinable)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.receivedAt - b.s.receivedAt || a.i - b.i)
    .forEach(({ s }) => {
      if (!taken.has(s.unitId)) taken.set(s.unitId, s);
    });

  const writes: CombineWrite[] = [];
  const perSubmission = new Map<string, readonly ImportChange[]>();
  let overwritten = 0;
  for (const s of submissions) {
    if (taken.get(s.unitId ?? '') !== s) continue;
    const row = s.unitId ?? '';
    const changes: ImportChange[] = [];
    for (const sheet of new Set(s.sheets)) {
      const def = ctx.template.sheets.get(sheet);
      // The unit may have left the sheet since the file was read (its form changed, the unit was removed).
      if (!def || !ctx.unitsOf(sheet).some((u) => u.id === row)) continue;
      for (const col of def.columns) {
        if (!ctx.isEditable(sheet, row, col.id)) continue;
        const after = s.values[sheet]?.[col.id] ?? null;
        const before = getCell(ctx.data, sheet, row, col.id);
        if (before === after) continue;
        if (before !== null) overwritten++;
        changes.push({ sheet, row, col: col.id, before, after });
        writes.push({ sheet, row, col: col.id, value: after });
      }
    }
    perSubmission.set(s.id, changes);
  }
  return { writes, perSubmission, overwritten };
}
