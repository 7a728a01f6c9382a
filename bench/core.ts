// Node benchmarks of the core: full validation of the sample and of a 100,000-unit report, one edit's
// revalidation (a Biểu 04 cell, a control-row cell, a Biểu 01 rating), and the heap held by the large report.
import {
  getCell,
  setCell,
  CONTROL_ROW,
  type CellValue,
  type RowValues,
  type SheetsData,
} from '../src/core/model';
import type { CompiledTemplate } from '../src/core/template-loader';
import { Validator } from '../src/core/validator';
import { templateById } from '../src/templates/index';
import { buildSampleReport } from '../src/templates/sample';
import type { Figure } from './figures';
import { heapMB, prng, time, type Summary } from './stats';
import { buildSyntheticReport } from './synthetic';

export const SYNTHETIC_UNITS = 100_000;

interface Edit {
  readonly row: string;
  readonly before: CellValue;
  readonly after: CellValue;
}

function template(id: string): CompiledTemplate {
  const lookup = templateById(id);
  if (!lookup.ok) throw new Error(lookup.error);
  return lookup.template;
}

function timed(id: string, what: string, s: Summary): Figure {
  return { id, what, unit: 'ms', median: s.median, p95: s.p95, runs: s.runs };
}

function single(id: string, what: string, unit: Figure['unit'], value: number): Figure {
  return { id, what, unit, median: value, p95: null, runs: 1 };
}

/** Pairs of edits on random rows: the first breaks the cell, the second puts the value back. */
function plan(data: SheetsData, sheet: string, col: string, rows: readonly string[], pairs: number) {
  const random = prng(20221231);
  const breakValue = (v: CellValue): CellValue =>
    typeof v === 'number' ? v + 1 : v === 'HTXSNV' ? 'HTTNV' : 'HTXSNV';
  const edits: Edit[] = [];
  for (let i = 0; i < pairs; i++) {
    const row = rows[Math.floor(random() * rows.length)] ?? CONTROL_ROW;
    const value = getCell(data, sheet, row, col);
    edits.push(
      { row, before: value, after: breakValue(value) },
      { row, before: breakValue(value), after: value },
    );
  }
  return edits;
}

function editBench(v: Validator, data: SheetsData, sheet: string, col: string, rows: readonly string[]) {
  const warmup = 200;
  const runs = 2000;
  const edits = plan(data, sheet, col, rows, (warmup + runs) / 2);
  return time(
    (i) => {
      const e = edits[i];
      if (!e) return;
      setCell(data, sheet, e.row, col, e.after);
      v.applyChanges([{ sheet, row: e.row, col, before: e.before, after: e.after }]);
    },
    warmup,
    runs,
  );
}

function errorCount(v: Validator): number {
  return v.all().filter((f) => f.severity === 'error').length;
}

export function runCore(log: (line: string) => void): Figure[] {
  const figures: Figure[] = [];
  const sample = buildSampleReport('bench-sample', 0);
  const sampleTemplate = template(sample.meta.templateId);
  const sampleFull = time(
    () => new Validator(sampleTemplate, sample.data, sample.meta.settings, sample.meta.units),
    20,
    200,
  );
  figures.push(timed('sample-full', 'Full validation, Tân Hồng sample (27 units)', sampleFull));
  log(`sample: ${sampleFull.median.toFixed(2)} ms`);

  const heapBefore = heapMB();
  const synth = buildSyntheticReport(SYNTHETIC_UNITS);
  const heapData = heapMB();
  const t = template(synth.templateId);
  let v = new Validator(t, synth.data, {}, synth.units);
  const heapValidator = heapMB();
  if (errorCount(v) > 0) throw new Error(`synthetic report: ${errorCount(v)} errors, expected none`);
  const n = SYNTHETIC_UNITS.toLocaleString('en');
  figures.push(
    single('synthetic-heap-data', `Heap: ${n}-unit data`, 'MB', heapData - heapBefore),
    single(
      'synthetic-heap-validator',
      `Heap: its validator (findings, indexes)`,
      'MB',
      heapValidator - heapData,
    ),
  );
  log(
    `heap: data ${(heapData - heapBefore).toFixed(0)} MB, validator ${(heapValidator - heapData).toFixed(0)} MB`,
  );

  const full = time(
    () => {
      v = new Validator(t, synth.data, {}, synth.units);
    },
    2,
    7,
  );
  figures.push(timed('synthetic-full-all', `Full validation, ${n} units × 6 sheets (all filled)`, full));
  log(`full ${n} × 6 sheets: ${full.median.toFixed(0)} ms`);

  // The budget's case: one sheet of 100,000 rows (Biểu 04) beside sheets with no figures yet.
  const oneSheet: SheetsData = new Map([['b04', synth.data.get('b04') ?? new Map<string, RowValues>()]]);
  const single100k = time(
    () => {
      new Validator(t, oneSheet, {}, synth.units);
    },
    2,
    7,
  );
  figures.push(timed('synthetic-full', `Full validation, one ${n}-row sheet (Biểu 04)`, single100k));
  log(`full one ${n}-row sheet: ${single100k.median.toFixed(0)} ms`);

  const ids = synth.units.map((u) => u.id);
  const cases = [
    ['synthetic-edit-g', `One edit at ${n} units: Biểu 04 G`, 'b04', 'g', ids],
    ['synthetic-edit-control', `One edit at ${n} units: Biểu 04 control row G`, 'b04', 'g', [CONTROL_ROW]],
    ['synthetic-edit-rating', `One edit at ${n} units: Biểu 01 rating (level cap)`, 'b01', 'rating', ids],
  ] as const;
  for (const [id, what, sheet, col, rows] of cases) {
    const s = editBench(v, synth.data, sheet, col, rows);
    figures.push(timed(id, what, s));
    log(`${id}: median ${s.median.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms`);
  }
  if (errorCount(v) > 0) throw new Error('edits: the broken cells were not all fixed again');
  return figures;
}
