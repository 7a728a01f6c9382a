// Shared helpers of the template patcher's tests: fixtures from tests/fixtures/fill/ (scripts/make-fill-fixtures.ts),
// zip entries as text and as their raw stored bytes, and the sheet read back by SheetJS.
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { entryData, readZip } from '../../../../src/excel/fill/zip';

export const SHEET1 = 'xl/worksheets/sheet1.xml';
export const SHEET2 = 'xl/worksheets/sheet2.xml';

export function fillFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../fixtures/fill/${name}`, import.meta.url)));
}

/** Entry name → uncompressed text. */
export function entriesText(zip: Uint8Array): Map<string, string> {
  const dec = new TextDecoder('utf-8', { ignoreBOM: true });
  return new Map(readZip(zip).entries.map((e) => [e.name, dec.decode(entryData(e))]));
}

/** Entry name → local header + compressed data, exactly as stored. */
export function entriesRaw(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(readZip(zip).entries.map((e) => [e.name, e.local]));
}

export function partText(zip: Uint8Array, name: string): string {
  const text = entriesText(zip).get(name);
  if (text === undefined) throw new Error(`no ${name}`);
  return text;
}

/** The <c> element of `ref` in a sheet's XML, or undefined. */
export function cellXml(xml: string, ref: string): string | undefined {
  const start = xml.indexOf(`<c r="${ref}"`);
  if (start < 0) return undefined;
  const selfEnd = xml.indexOf('/>', start);
  const openEnd = xml.indexOf('>', start);
  if (selfEnd >= 0 && selfEnd + 1 === openEnd) return xml.slice(start, selfEnd + 2);
  const close = xml.indexOf('</c>', start);
  return xml.slice(start, close + 4);
}

/** A sheet as SheetJS reads it, indexed by cell ref ("!ref" and "!merges" are there too, untyped). */
export type ReadSheet = Readonly<Record<string, XLSX.CellObject | undefined>>;

export function readBack(zip: Uint8Array, sheet = 'Biểu 04'): ReadSheet {
  const wb = XLSX.read(zip, { type: 'array', cellFormula: true, sheetStubs: true });
  const ws = wb.Sheets[sheet];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return ws;
}

export function readWorkbook(zip: Uint8Array): XLSX.WorkBook {
  return XLSX.read(zip, { type: 'array', cellFormula: true, sheetStubs: true });
}
