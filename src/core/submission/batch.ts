// The board's policy over the files received: each file's status, what a later file of the same unit would
// change against the accepted one, and the replacement of one by the other. Pure: the caller stores the result.
import type { Recognition, Submission, SubmissionDiff, SubmissionStatus } from './types';

/** Error findings, invalid cells and wrong percentages: everything that makes a file "có lỗi". */
export function errorCount(r: Recognition): number {
  let n = r.invalid.length + r.percentChecks.length;
  for (const f of r.findings) if (f.severity === 'error') n++;
  return n;
}

/** On the board for its unit: waiting to be combined, or combined (a replaced or dismissed file is not). */
function isActive(s: Submission): boolean {
  return s.state === 'pending' || s.state === 'combined';
}

/**
 * The status of an incoming file against the submissions already listed. The caller classifies a batch file by
 * file in the order given, adding each to `existing`, so the second file of a unit in one drop is a duplicate
 * of the first; the staff then replace or dismiss.
 */
export function classify(existing: readonly Submission[], incoming: Recognition): SubmissionStatus {
  if (incoming.reason !== null || incoming.unitId === null) return 'unrecognised';
  // `incoming` may be listed already (a stored submission classified again): it is no duplicate of itself.
  if (existing.some((s) => s !== incoming && s.unitId === incoming.unitId && isActive(s))) return 'duplicate';
  return errorCount(incoming) > 0 ? 'errors' : 'ok';
}

/**
 * Every cell whose value differs between the accepted file `a` and the newcomer `b` of the same unit, over the
 * sheets and columns either holds, in the order `a` then `b` lists them. A blank is null.
 */
export function diffSubmissions(a: Recognition, b: Recognition): SubmissionDiff[] {
  const sheets = new Set([...a.sheets, ...Object.keys(a.values), ...b.sheets, ...Object.keys(b.values)]);
  const out: SubmissionDiff[] = [];
  for (const sheet of sheets) {
    const before = a.values[sheet] ?? {};
    const after = b.values[sheet] ?? {};
    for (const col of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const x = before[col] ?? null;
      const y = after[col] ?? null;
      if (x !== y) out.push({ sheet, col, before: x, after: y });
    }
  }
  return out;
}

/**
 * The newcomer takes its unit's place: the accepted submissions of that unit (pending or combined, status ok
 * or errors) become 'replaced'; the newcomer is pending again with its own status ('ok' or 'errors'). Other
 * duplicates of the unit stay duplicates, now of the newcomer. A combined file that is replaced keeps its
 * values in the report until the newcomer is combined: the combine plan then shows each cell's before and after.
 * Unknown ids, unrecognised newcomers and a newcomer already combined leave the list as it is.
 */
export function replaceWith(all: readonly Submission[], newcomerId: string): Submission[] {
  const newcomer = all.find((s) => s.id === newcomerId);
  const unitId = newcomer?.unitId ?? null;
  if (!newcomer || unitId === null || newcomer.reason !== null || newcomer.state === 'combined')
    return [...all];
  const status: SubmissionStatus = errorCount(newcomer) > 0 ? 'errors' : 'ok';
  return all.map((s): Submission => {
    if (s === newcomer) return { ...s, status, state: 'pending' };
    const accepted = s.status === 'ok' || s.status === 'errors';
    return s.unitId === unitId && accepted && isActive(s) ? { ...s, state: 'replaced' } : s;
  });
}
