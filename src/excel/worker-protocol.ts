// The messages between the page and the read worker, and their checks on arrival: each side treats what it
// receives as untrusted (the worker runs SheetJS on a user's file; see read-worker.ts).
import {
  checkPlainWorkbook,
  checkReadError,
  READ_FORMATS,
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
