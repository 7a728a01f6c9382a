// Node benchmarks of the member list (src/core/list): a full pass over a 100,000-member list together with the six
// aggregate sheets of the same units, and one member edit's revalidation; the heap the list and its validator hold.
// Compiled by Vite like bench/core.ts, so the timed code runs as the browser build runs it.
import { benchMembers, benchRatingEdits } from '../src/core/list/synthetic';
import { MemberListValidator, type MemberChange } from '../src/core/list/list-validator';
import type { MemberRow } from '../src/core/list/members';
import { Validator } from '../src/core/validator';
import { templateById } from '../src/templates/index';
import type { Figure } from './figures';
import { heapMB, time, type Summary } from './stats';
import { syntheticData } from './synthetic';

export const MEMBERS = 100_000;

function timed(id: string, what: string, s: Summary): Figure {
  return { id, what, unit: 'ms', median: s.median, p95: s.p95, runs: s.runs };
}

function single(id: string, what: string, value: number): Figure {
  return { id, what, unit: 'MB', median: value, p95: null, runs: 1 };
}

const errorsOf = (findings: readonly { severity: string }[]) =>
  findings.filter((f) => f.severity === 'error').length;

/** Writes one edit's cells into the rows, as the caller of applyChanges must before calling it. */
function write(rows: Map<string, MemberRow>, changes: readonly MemberChange[]): void {
  for (const c of changes) rows.set(c.row, { ...rows.get(c.row), [c.col]: c.after });
}

export function runMembers(log: (line: string) => void): Figure[] {
  const n = MEMBERS.toLocaleString('en');
  const heapBefore = heapMB();
  const list = benchMembers(MEMBERS);
  const heapList = heapMB();
  let members = new MemberListValidator(list.units, list.rows, list.settings);
  const heapValidator = heapMB();
  const units = list.units.length.toLocaleString('en');
  log(
    `members: ${n} over ${units} units; heap: list ${(heapList - heapBefore).toFixed(0)} MB, validator ` +
      `${(heapValidator - heapList).toFixed(0)} MB`,
  );

  // The six sheets for the list's own units (their forms decide which sheets have their rows), as the synthetic
  // report fills them: every per-unit and control-row rule holds, so both passes end with no error.
  const sheets = syntheticData(list.units);
  const lookup = templateById(sheets.templateId);
  if (!lookup.ok) throw new Error(lookup.error);
  const template = lookup.template;
  let report = new Validator(template, sheets.data, {}, list.units);
  const found = errorsOf(members.all()) + errorsOf(report.all());
  if (found > 0) throw new Error(`members: ${found} errors after the full pass, expected none`);
  if (members.counts(list.units[0]?.id ?? '').total === 0)
    throw new Error('members: the first unit is empty');

  // One figure for what opening such a report validates: the list and the sheets, each from scratch. The list's
  // cross-check with Biểu 04 is left out: the synthetic sheets copy the sample's counts, which the list does not
  // match, so every unit would be in error — a different, findings-heavy path.
  const full = time(
    () => {
      members = new MemberListValidator(list.units, list.rows, list.settings);
      report = new Validator(template, sheets.data, {}, list.units);
    },
    3,
    15,
  );
  const listOnly = time(
    () => {
      members = new MemberListValidator(list.units, list.rows, list.settings);
    },
    2,
    10,
  );
  log(
    `members full (list + 6 sheets at ${units} units): median ${full.median.toFixed(0)} ms, p95 ` +
      `${full.p95.toFixed(0)} ms; the list alone ${listOnly.median.toFixed(0)} ms`,
  );

  // Rating edits in pairs (change, then back): each timed from writing its cell to the validator being current.
  const warmup = 200;
  const runs = 2000;
  const edits = benchRatingEdits(list.rows, (warmup + runs) / 2);
  const edit = time(
    (i) => {
      const changes = edits[i];
      if (!changes) throw new Error(`members: no edit #${i}`);
      write(list.rows, changes);
      members.applyChanges(changes);
    },
    warmup,
    runs,
  );
  log(`member edit: median ${edit.median.toFixed(3)} ms, p95 ${edit.p95.toFixed(3)} ms`);
  // Every pair put its rating back: the list is as it was, and a full pass agrees with the edited validator.
  const fresh = new MemberListValidator(list.units, list.rows, list.settings);
  if (errorsOf(members.all()) > 0 || members.all().length !== fresh.all().length)
    throw new Error('members: after the edits the validator disagrees with a full pass');

  return [
    timed('member-full', `Full validation, ${n}-member list + 6 sheets (${units} units)`, full),
    timed('member-full-list', `Full validation, the ${n}-member list alone`, listOnly),
    timed('member-edit', `One member edit at ${n} members: rating`, edit),
    single('member-heap-list', `Heap: ${n}-member list`, heapList - heapBefore),
    single(
      'member-heap-validator',
      'Heap: its validator (counts, duplicates, findings)',
      heapValidator - heapList,
    ),
  ];
}
