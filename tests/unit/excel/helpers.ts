// Fixture loading and cell addressing for the reader tests: files come from tests/fixtures/import/ and are
// read exactly as the worker reads them (preflight, then SheetJS with the worker's options, then convert).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { convertWorkbook } from '../../../src/excel/convert';
import {
  DEFAULT_LIMITS,
  type PlainCell,
  type PlainSheet,
  type PlainWorkbook,
  type ReadLimits,
  type ReadResult,
} from '../../../src/excel/plain-workbook';
import { preflight } from '../../../src/excel/preflight';
import { readWithSheetJS } from '../../../src/excel/sheetjs-read';
import { parseWorkerMessage, type WireMessage, type WorkerMessage } from '../../../src/excel/worker-protocol';

export function fixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
}

/** The worker's result for a file, without the worker. */
export function readFixture(name: string, limits: ReadLimits = DEFAULT_LIMITS): ReadResult {
  return readBytes(name, fixture(name), limits);
}

export function readBytes(name: string, bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): ReadResult {
  const verdict = preflight(name, bytes, limits);
  if (!verdict.ok) return verdict;
  const wb = readWithSheetJS(bytes, verdict.format, limits);
  return convertWorkbook(wb, { fileName: name, format: verdict.format }, limits);
}

export function workbookOf(name: string): PlainWorkbook {
  const result = readFixture(name);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.detail}`);
  return result.workbook;
}

export function sheetOf(name: string, index = 0): PlainSheet {
  const sheet = workbookOf(name).sheets[index];
  expect(sheet).toBeDefined();
  return sheet!;
}

/** The cell at an A1 address ("C34"), null when empty. */
export function cell(sheet: PlainSheet, address: string): PlainCell {
  const match = /^([A-Z]+)(\d+)$/.exec(address);
  if (!match) throw new Error(`bad address ${address}`);
  const [, letters = '', digits = ''] = match;
  const c = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return sheet.rows[Number(digits) - 1]?.[c] ?? null;
}

/** The shown text of a row, empty cells as ''. */
export function rowText(sheet: PlainSheet, excelRow: number): string[] {
  return (sheet.rows[excelRow - 1] ?? []).map((c) => c?.text ?? '');
}

/** A read worker's message as the page receives it: structured-cloned, then checked by parseWorkerMessage. */
export function asOnThePage(message: WireMessage): WorkerMessage {
  const parsed = parseWorkerMessage(structuredClone(message));
  if (!parsed) throw new Error('malformed worker message');
  return parsed;
}
