// Validation of everything read back from storage (or from another tab): records are untrusted.
// restoreMeta rebuilds a fresh ReportMeta or says which field is wrong; restoreRow keeps the valid
// cells of a row record and names the ones it drops. Both return new plain objects, never the input.
import {
  COMMITTEE_LEVELS,
  CONVENTIONS,
  ROUNDINGS,
  UNIT_BLOCS,
  UNIT_FORMS,
  type CellValue,
  type ReportMeta,
  type RowValues,
  type SheetSettings,
  type Unit,
  type YearChangeThreshold,
} from '../core/model';

export type RestoreResult = { ok: true; meta: ReportMeta } | { ok: false; error: string };

export interface RestoredRow {
  readonly reportId: string;
  readonly sheet: string;
  readonly row: string;
  readonly values: RowValues;
  /** One entry per dropped cell: `sheet/row/col: received …`. */
  readonly dropped: string[];
}

export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;

/** A plain object (not null, not an array, not a Date/Map/…). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return Object.prototype.toString.call(v) === '[object Object]';
}

/** How a received value is shown in an error message. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** Thrown inside restoreMeta only, turned into { ok: false } at its boundary. */
class FieldError extends Error {}

function fail(path: string, expected: string, got: unknown): never {
  throw new FieldError(`${path}: expected ${expected}, received ${describeValue(got)}`);
}

function str(v: unknown, path: string, nonEmpty: boolean): string {
  if (typeof v !== 'string' || (nonEmpty && v === ''))
    fail(path, nonEmpty ? 'a non-empty string' : 'a string', v);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === v);
  if (found === undefined) fail(path, `one of ${allowed.join(', ')}`, v);
  return found;
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) fail(path, 'an object', v);
  return v;
}

function timestamp(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'a timestamp (number)', v);
  return v;
}

function units(v: unknown): Unit[] {
  if (!Array.isArray(v)) fail('units', 'an array', v);
  const seen = new Set<string>();
  return v.map((raw: unknown, i): Unit => {
    const u = obj(raw, `units[${i}]`);
    const id = str(u.id, `units[${i}].id`, true);
    if (seen.has(id)) fail(`units[${i}].id`, 'a unique id', id);
    seen.add(id);
    return {
      id,
      name: str(u.name, `units[${i}].name`, false),
      form: oneOf(u.form, `units[${i}].form`, UNIT_FORMS),
      bloc: oneOf(u.bloc, `units[${i}].bloc`, UNIT_BLOCS),
    };
  });
}

function settings(v: unknown): Record<string, SheetSettings> {
  const entries = Object.entries(obj(v, 'settings')).map(([sheet, raw]): [string, SheetSettings] => {
    const s = obj(raw, `settings.${sheet}`);
    return [
      sheet,
      {
        convention: oneOf(s.convention, `settings.${sheet}.convention`, CONVENTIONS),
        rounding: oneOf(s.rounding, `settings.${sheet}.rounding`, ROUNDINGS),
      },
    ];
  });
  return Object.fromEntries(entries); // fromEntries: a "__proto__" key stays a plain key
}

function optionalFields(
  r: Record<string, unknown>,
): Pick<ReportMeta, 'baseUnit' | 'previousReportId' | 'yearChange'> {
  const out: { baseUnit?: string; previousReportId?: string; yearChange?: YearChangeThreshold } = {};
  if (r.baseUnit !== undefined) out.baseUnit = str(r.baseUnit, 'baseUnit', true);
  if (r.previousReportId !== undefined)
    out.previousReportId = str(r.previousReportId, 'previousReportId', true);
  if (r.yearChange !== undefined) {
    const y = obj(r.yearChange, 'yearChange');
    const bounded = (v: unknown, path: string, max: number): number => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max)
        fail(path, `a number from 0 to ${max}`, v);
      return v;
    };
    out.yearChange = {
      percent: bounded(y.percent, 'yearChange.percent', 1000),
      min: bounded(y.min, 'yearChange.min', 1_000_000),
    };
  }
  return out;
}

export function restoreMeta(raw: unknown): RestoreResult {
  try {
    const r = obj(raw, 'report');
    const committee = obj(r.committee, 'committee');
    const year = r.year;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) {
      fail('year', `an integer from ${YEAR_MIN} to ${YEAR_MAX}`, year);
    }
    const createdAt = timestamp(r.createdAt, 'createdAt');
    const meta: ReportMeta = {
      id: str(r.id, 'id', true),
      name: str(r.name, 'name', false),
      committee: {
        name: str(committee.name, 'committee.name', false),
        level: oneOf(committee.level, 'committee.level', COMMITTEE_LEVELS),
      },
      year,
      templateId: str(r.templateId, 'templateId', true),
      units: units(r.units),
      settings: settings(r.settings),
      createdAt,
      updatedAt: r.updatedAt === undefined ? createdAt : timestamp(r.updatedAt, 'updatedAt'),
      ...optionalFields(r),
    };
    if (meta.baseUnit !== undefined && !meta.units.some((u) => u.id === meta.baseUnit))
      fail('baseUnit', 'the id of one of the units', meta.baseUnit);
    return { ok: true, meta };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, error: e.message };
    throw e;
  }
}

/** A cell value that may be stored: a finite number or a string (null means blank: not stored). */
export function isStorableValue(v: unknown): v is number | string {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Keeps the finite numbers and strings of a row record; null (a blank) is skipped silently, any other
 * value is dropped and named. Returns null when the record is not a row record at all.
 */
export function restoreRow(raw: unknown): RestoredRow | null {
  if (!isRecord(raw) || !isRecord(raw.values)) return null;
  const { reportId, sheet, row } = raw;
  if (typeof reportId !== 'string' || typeof sheet !== 'string' || typeof row !== 'string') return null;
  const kept: [string, CellValue][] = [];
  const dropped: string[] = [];
  for (const [col, v] of Object.entries(raw.values)) {
    if (isStorableValue(v)) kept.push([col, v]);
    else if (v !== null) dropped.push(`${sheet}/${row}/${col}: received ${describeValue(v)}`);
  }
  return { reportId, sheet, row, values: Object.fromEntries(kept), dropped };
}
