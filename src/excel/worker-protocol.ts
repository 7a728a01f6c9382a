// The messages between the page and the read worker, and their checks on arrival: each side treats what it
// receives as untrusted (the worker runs SheetJS on a user's file; see read-worker.ts).
import {
  checkPlainWorkbook,
  checkReadError,
  READ_FORMATS,
  type PlainCell,
  type PlainSheet,
  type PlainWorkbook,
  type ReadError,
  type ReadFormat,
  type ReadLimits,
} from './plain-workbook';

export const READ_PHASES = ['reading', 'checking', 'parsing', 'converting'] as const;
/** reading: the page reads the File; checking: preflight; parsing: SheetJS; converting: to PlainWorkbook. */
export type ReadPhase = (typeof READ_PHASES)[number];

export interface ReadRequest {
  bytes: ArrayBuffer;
  fileName: string;
  format: ReadFormat;
  limits: ReadLimits;
}

export type WorkerMessage =
  | { type: 'progress'; phase: ReadPhase; ratio: number }
  | { type: 'done'; workbook: PlainWorkbook }
  | { type: 'error'; error: ReadError };

/**
 * A sheet as it crosses to the page: a cell whose shown text is its number's own text ({ v: 2682, text:
 * '2682' }, nearly every cell of a big file) travels as the bare number. Cloning 800,000 numbers instead of
 * as many objects, and reading them back, is several times faster; parseWorkerMessage expands them again
 * before the usual checks.
 */
export type WireCell = PlainCell | number;
export type WireWorkbook = Omit<PlainWorkbook, 'sheets'> & {
  sheets: (Omit<PlainSheet, 'rows'> & { rows: WireCell[][] })[];
};
export type WireMessage = Exclude<WorkerMessage, { type: 'done' }> | { type: 'done'; workbook: WireWorkbook };

/** The message as the worker posts it (see WireCell). */
export function toWire(message: WorkerMessage): WireMessage {
  if (message.type !== 'done') return message;
  const { workbook } = message;
  const sheets = workbook.sheets.map((sheet) => ({
    ...sheet,
    rows: sheet.rows.map((row) =>
      row.map((cell): WireCell =>
        cell !== null &&
        typeof cell.v === 'number' &&
        cell.formulaWithoutValue === undefined &&
        cell.text === String(cell.v)
          ? cell.v
          : cell,
      ),
    ),
  }));
  return { type: 'done', workbook: { ...workbook, sheets } };
}

/** Distinct numbers whose cell expandNumbers keeps for reuse: a count sheet repeats a few thousand values. */
const SHARED_CELLS = 65_536;

/**
 * Bare numbers back to cells, in place (the data was just cloned for the page alone). Only finite numbers are
 * expanded: anything else stays what it is, and checkPlainWorkbook judges it. Cells are read-only, so one frozen
 * cell serves every place of its number: 800,000 counts of a 100,000-row file become a few thousand objects,
 * not 800,000 objects and as many strings for the page to make and then collect.
 */
function expandNumbers(workbook: unknown): void {
  if (!isRecord(workbook) || !Array.isArray(workbook.sheets)) return;
  const shared = new Map<number, PlainCell>();
  for (const sheet of workbook.sheets as unknown[]) {
    if (!isRecord(sheet) || !Array.isArray(sheet.rows)) continue;
    for (const row of sheet.rows as unknown[]) {
      if (!Array.isArray(row)) continue;
      const cells = row as unknown[];
      for (let c = 0; c < cells.length; c++) {
        const v = cells[c];
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        // -0 is its own cell: a Map takes it for 0.
        let cell = Object.is(v, -0) ? undefined : shared.get(v);
        if (cell === undefined) {
          cell = Object.freeze({ v, text: String(v) });
          if (shared.size < SHARED_CELLS && !Object.is(v, -0)) shared.set(v, cell);
        }
        cells[c] = cell;
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LIMIT_KEYS = [
  'maxBytes',
  'maxUnzippedBytes',
  'maxZipEntries',
  'maxRows',
  'maxColumns',
  'timeoutMs',
] as const satisfies readonly (keyof ReadLimits)[];

function checkLimits(value: unknown): ReadLimits | null {
  if (!isRecord(value)) return null;
  const limits: Partial<ReadLimits> = {};
  for (const key of LIMIT_KEYS) {
    const n = value[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) return null;
    limits[key] = n;
  }
  return limits as ReadLimits; // every key was set by the loop above
}

export function parseReadRequest(data: unknown): ReadRequest | null {
  if (!isRecord(data) || !(data.bytes instanceof ArrayBuffer) || typeof data.fileName !== 'string')
    return null;
  const format = READ_FORMATS.find((f) => f === data.format);
  const limits = checkLimits(data.limits);
  return format && limits ? { bytes: data.bytes, fileName: data.fileName, format, limits } : null;
}

export function parseWorkerMessage(data: unknown): WorkerMessage | null {
  if (!isRecord(data)) return null;
  switch (data.type) {
    case 'progress': {
      const phase = READ_PHASES.find((p) => p === data.phase);
      const ratio = data.ratio;
      if (!phase || typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1)) return null;
      return { type: 'progress', phase, ratio };
    }
    case 'done': {
      expandNumbers(data.workbook);
      const workbook = checkPlainWorkbook(data.workbook);
      return workbook ? { type: 'done', workbook } : null;
    }
    case 'error': {
      const error = checkReadError(data.error);
      return error ? { type: 'error', error } : null;
    }
    default:
      return null;
  }
}
