// Validation of a stored submission (a unit's returned file as recognised): the record is untrusted like every
// other one, so it is rebuilt field by field and a damaged one is named, never half-used.
import type { Finding } from '../core/finding';
import type { CellValue, RowValues } from '../core/model';
import {
  SUBMISSION_STATUSES,
  type Recognition,
  type Submission,
  type SubmissionState,
} from '../core/submission/types';
import { describeValue, isRecord, isStorableValue } from './restore';

export type RestoredSubmission =
  | { readonly ok: true; readonly submission: Submission; readonly reportId: string }
  | { readonly ok: false; readonly error: string };

const STATES: readonly SubmissionState[] = ['pending', 'combined', 'replaced', 'dismissed'];

class FieldError extends Error {}

function fail(path: string, expected: string, got: unknown): never {
  throw new FieldError(`${path}: expected ${expected}, received ${describeValue(got)}`);
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'a number', v);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === v);
  if (found === undefined) fail(path, `one of ${allowed.join(', ')}`, v);
  return found;
}

function list(v: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(v)) fail(path, 'an array', v);
  return v;
}

function rec(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) fail(path, 'an object', v);
  return v;
}

function cell(v: unknown, path: string): CellValue {
  if (v === null || isStorableValue(v)) return v;
  return fail(path, 'a number, a string or null', v);
}

function rows(v: unknown, path: string): Record<string, RowValues> {
  const out: [string, RowValues][] = [];
  for (const [sheet, raw] of Object.entries(rec(v, path))) {
    const values: [string, number | string][] = [];
    for (const [col, value] of Object.entries(rec(raw, `${path}.${sheet}`))) {
      if (!isStorableValue(value)) fail(`${path}.${sheet}.${col}`, 'a number or a string', value);
      values.push([col, value]);
    }
    out.push([sheet, Object.fromEntries(values)]);
  }
  return Object.fromEntries(out);
}

function finding(v: unknown, path: string): Finding {
  const f = rec(v, path);
  const values = Object.entries(rec(f.values, `${path}.values`)).map(([k, x]): [string, number | string] => {
    if (!isStorableValue(x)) fail(`${path}.values.${k}`, 'a number or a string', x);
    return [k, x];
  });
  return {
    ruleId: str(f.ruleId, `${path}.ruleId`),
    severity: oneOf(f.severity, `${path}.severity`, ['error', 'warning'] as const),
    sheet: str(f.sheet, `${path}.sheet`),
    row: str(f.row, `${path}.row`),
    columns: list(f.columns, `${path}.columns`).map((c, i) => str(c, `${path}.columns[${i}]`)),
    variant: str(f.variant, `${path}.variant`),
    expected: cell(f.expected, `${path}.expected`),
    received: cell(f.received, `${path}.received`),
    values: Object.fromEntries(values),
    ...(f.decimals === undefined ? {} : { decimals: num(f.decimals, `${path}.decimals`) }),
  };
}

/**
 * The reason and the check lists are plain data the board only displays; they are kept when they are objects
 * with a string code or the fields it reads, and the record is refused otherwise.
 */
function reason(v: unknown): Recognition['reason'] {
  if (v === null) return null;
  const r = rec(v, 'reason');
  str(r.code, 'reason.code');
  return structuredClone(r) as unknown as Recognition['reason'];
}

function checks<T>(v: unknown, path: string, fields: readonly string[]): readonly T[] {
  return list(v, path).map((item, i) => {
    const r = rec(item, `${path}[${i}]`);
    for (const field of fields) if (!(field in r)) fail(`${path}[${i}].${field}`, 'a value', undefined);
    return structuredClone(r) as unknown as T;
  });
}

function changes(v: unknown): Submission['changes'] {
  return list(v, 'changes').map((item, i) => {
    const c = rec(item, `changes[${i}]`);
    return {
      sheet: str(c.sheet, `changes[${i}].sheet`),
      row: str(c.row, `changes[${i}].row`),
      col: str(c.col, `changes[${i}].col`),
      before: cell(c.before, `changes[${i}].before`),
      after: cell(c.after, `changes[${i}].after`),
    };
  });
}

export function restoreSubmission(raw: unknown): RestoredSubmission {
  try {
    const r = rec(raw, 'submission');
    const unitId = r.unitId === null ? null : str(r.unitId, 'unitId');
    const via = r.via === null ? null : oneOf(r.via, 'via', ['marker', 'name'] as const);
    const submission: Submission = {
      id: str(r.id, 'id'),
      fileName: str(r.fileName, 'fileName'),
      receivedAt: num(r.receivedAt, 'receivedAt'),
      status: oneOf(r.status, 'status', SUBMISSION_STATUSES),
      state: oneOf(r.state, 'state', STATES),
      unitId,
      via,
      reason: reason(r.reason),
      sheets: list(r.sheets, 'sheets').map((s, i) => str(s, `sheets[${i}]`)),
      values: rows(r.values, 'values'),
      control: rows(r.control, 'control'),
      findings: list(r.findings, 'findings').map((f, i) => finding(f, `findings[${i}]`)),
      invalid: checks(r.invalid, 'invalid', ['sheet', 'row', 'col', 'raw']),
      percentChecks: checks(r.percentChecks, 'percentChecks', [
        'sheet',
        'row',
        'col',
        'received',
        'expected',
      ]),
      ...(r.changes === undefined ? {} : { changes: changes(r.changes) }),
      ...(r.combinedAt === undefined ? {} : { combinedAt: num(r.combinedAt, 'combinedAt') }),
    };
    return { ok: true, submission, reportId: str(r.reportId, 'reportId') };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, error: e.message };
    throw e;
  }
}
