// The Excel export next to ExcelJS (issue 4): the exporter (src/excel/export.ts, patching the template's XML)
// writing the Tân Hồng sample and a synthetic 100,000-unit Biểu 04 into the tcd-2019 template, and ExcelJS
// loading the same template file, filling the same cells (exportPatches: the exporter's own cell list), inserting
// the same rows and writing a buffer; median of 3 each, and the ratio. Then what ExcelJS lost of the template that
// the patcher kept, from the two sample outputs' zip entries: bench/results/exceljs-diff.md.
//
// The 100,000-unit case is one sheet (Biểu 04), as the core bench's budget case: exporting all six sheets at
// 100,000 units costs ~90 s a run, too long for a median of 3 in this bench.
//
// ExcelJS comes in as a parameter (run.ts imports it as node loads it): this module is bundled by Vite, and
// ExcelJS is a Node CommonJS package that is not part of the app.
import { unzipSync } from 'fflate';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { ReportMeta, SheetsData, Unit } from '../src/core/model';
import type { CompiledTemplate } from '../src/core/template-loader';
import { exportPatches, exportWorkbook, type ExportRequest } from '../src/excel/export';
import { sheetPathsByName, type SheetPatch } from '../src/excel/fill/index';
import { templateById } from '../src/templates/index';
import { buildSampleReport } from '../src/templates/sample';
import type { Figure } from './figures';
import { summarise, type Summary } from './stats';
import { buildSyntheticReport } from './synthetic';

type ExcelJSModule = typeof ExcelJS;

export const EXPORT_UNITS = 100_000;
const RUNS = 3;
/** ExcelJS on the 100,000-unit sheet is dropped when its first run alone takes this long. */
const EXCELJS_LIMIT_MS = 90_000;

export interface ExportBench {
  readonly figures: Figure[];
  /** The markdown list written to bench/results/exceljs-diff.md. */
  readonly diff: string;
}

function template(id: string): CompiledTemplate {
  const lookup = templateById(id);
  if (!lookup.ok) throw new Error(lookup.error);
  return lookup.template;
}

function request(
  t: CompiledTemplate,
  meta: ReportMeta,
  data: SheetsData,
  sheets?: readonly string[],
): ExportRequest {
  const unitsOf = (sheet: string): readonly Unit[] => {
    const form = t.sheets.get(sheet)?.rowsFor;
    return form ? meta.units.filter((u) => u.form === form) : meta.units;
  };
  return { template: t, meta, data, unitsOf, openFindings: 0, ...(sheets ? { sheets } : {}) };
}

async function timeAsync(
  fn: () => Promise<unknown>,
  warmup: number,
  runs: number,
  stopAfterMs = Infinity,
): Promise<Summary & { stopped: boolean }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
    if (samples[0] !== undefined && samples[0] > stopAfterMs) return { ...summarise(samples), stopped: true };
  }
  return { ...summarise(samples), stopped: false };
}

// ---------------------------------------------------------------------------------------------------------------
// ExcelJS doing the exporter's work: the same cells, the same inserted rows (with their percentage formulas), the
// "Cộng" sums and every formula below the unit block moved over the new rows, full recalculation on load.

/** Moves every cell reference to a row after `after` down by `count` (text between quotes is left alone). */
function shiftRows(formula: string, after: number, count: number): string {
  return formula
    .split('"')
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(\$?[A-Z]{1,3}\$?)(\d+)(?![\d(])/g, (whole, col: string, row: string) =>
            Number(row) > after ? `${col}${Number(row) + count}` : whole,
          ),
    )
    .join('"');
}

/** A unit row's formula copied `by` rows down (the templates' unit-row formulas use relative rows only). */
function moveFormula(formula: string, from: number, to: number): string {
  return formula.replace(/(\$?[A-Z]{1,3})(\d+)(?![\d(])/g, (whole, col: string, row: string) =>
    col.endsWith('$') || Number(row) !== from ? whole : `${col}${to}`,
  );
}

function formulaOf(value: ExcelJS.CellValue): string | null {
  if (value && typeof value === 'object' && 'formula' in value && typeof value.formula === 'string')
    return value.formula;
  return null;
}

function insertRowsWithExcelJS(ws: ExcelJS.Worksheet, insert: NonNullable<SheetPatch['insertRows']>): void {
  const { after, count, styleFrom } = insert;
  if (styleFrom !== after + 1) throw new Error(`bench: insertion after ${after} styled from ${styleFrom}`);
  // Formulas below the block, read before the rows move (ExcelJS moves cells but never rewrites a formula).
  const below: { row: number; col: number; formula: string }[] = [];
  ws.eachRow((row, r) => {
    if (r <= styleFrom) return;
    row.eachCell((cell, c) => {
      const f = formulaOf(cell.value);
      if (f !== null) below.push({ row: r, col: c, formula: f });
    });
  });
  const unitFormulas: { col: number; formula: string }[] = [];
  ws.getRow(styleFrom).eachCell((cell, c) => {
    const f = formulaOf(cell.value);
    if (f !== null) unitFormulas.push({ col: c, formula: f });
  });
  // duplicateRow inserts the copies right after the style row; 10,000 at a time (spliceRows spreads them as
  // arguments).
  for (let done = 0; done < count;) {
    const n = Math.min(10_000, count - done);
    ws.duplicateRow(styleFrom, n, true);
    done += n;
  }
  for (let r = styleFrom + 1; r <= styleFrom + count; r++) {
    const row = ws.getRow(r);
    for (const { col, formula } of unitFormulas)
      row.getCell(col).value = { formula: moveFormula(formula, styleFrom, r) };
  }
  for (const { row, col, formula } of below)
    ws.getCell(row + count, col).value = {
      formula: shiftRows(formula, after, count),
    };
  const area = ws.pageSetup.printArea;
  if (area) ws.pageSetup.printArea = shiftRows(area, after, count);
}

export async function fillWithExcelJS(
  excel: ExcelJSModule,
  templateBytes: Uint8Array,
  patches: readonly SheetPatch[],
  nameOf: ReadonlyMap<string, string>,
): Promise<Uint8Array> {
  const wb = new excel.Workbook();
  await wb.xlsx.load(
    Buffer.from(templateBytes.buffer, templateBytes.byteOffset, templateBytes.byteLength) as never,
  );
  for (const patch of patches) {
    const ws = wb.getWorksheet(nameOf.get(patch.sheetPath) ?? patch.sheetPath);
    if (!ws) throw new Error(`ExcelJS: no worksheet for ${patch.sheetPath}`);
    if (patch.insertRows && patch.insertRows.count > 0) insertRowsWithExcelJS(ws, patch.insertRows);
    for (const cell of patch.cells) ws.getCell(cell.ref).value = cell.value;
  }
  wb.calcProperties.fullCalcOnLoad = true;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------------------------
// What ExcelJS lost: the two outputs' zip entries compared with the template's.

type Entries = Record<string, Uint8Array>;
const utf8 = new TextDecoder();
const textOf = (entries: Entries, name: string): string | null => {
  const data = entries[name];
  return data ? utf8.decode(data) : null;
};
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

const unescape = (text: string): string =>
  text
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Attributes of a start tag, sorted, "a=1 b=2". */
function attrsOf(tag: string): string {
  return [...tag.matchAll(/([\w:.-]+)="([^"]*)"/g)]
    .map((m) => `${m[1]}=${m[2]}`)
    .filter((a) => !a.startsWith('xmlns'))
    .sort()
    .join(' ');
}

function tags(xml: string | null, name: string): string[] {
  if (xml === null) return [];
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}(?=[\\s/>])[^>]*>`, 'g'))].map((m) => attrsOf(m[0]));
}

function elementTexts(xml: string | null, name: string): string[] {
  if (xml === null) return [];
  return [
    ...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}(?=[\\s>])([^>]*)>([\\s\\S]*?)</(?:\\w+:)?${name}>`, 'g')),
  ].map((m) => `${attrsOf(m[1] ?? '')} → ${unescape(m[2] ?? '')}`.trim());
}

/** The count="" of a styles.xml collection (cellXfs, fonts …), or the number of its children. */
function styleCount(xml: string | null, name: string): number | null {
  if (xml === null) return null;
  const m = new RegExp(`<${name}(\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(\\s[^>]*)?/>`).exec(xml);
  if (!m) return 0;
  const count = /count="(\d+)"/.exec(m[1] ?? m[3] ?? '');
  return count ? Number(count[1]) : null;
}

function docProps(xml: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (xml === null) return out;
  const body = xml.replace(/^[\s\S]*?<(?:\w+:)?(?:coreProperties|Properties)[^>]*>/, '');
  for (const m of body.matchAll(/<([\w:]+)(?:\s[^>]*)?>([^<]*)<\/\1>/g)) out.set(m[1] ?? '', m[2] ?? '');
  return out;
}

function customProps(xml: string | null): string[] {
  if (xml === null) return [];
  return [...xml.matchAll(/<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:\w+>([^<]*)</g)].map(
    (m) => `${m[1]}=${m[2]}`,
  );
}

function worksheetNames(entries: Entries): string[] {
  return Object.keys(entries)
    .filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
    .sort();
}

export function compareOutputs(template: Entries, patched: Entries, excel: Entries): string[] {
  const lines: string[] = [];
  const names = Object.keys(template).sort();
  const missing = names.filter((n) => !(n in excel));
  const added = Object.keys(excel).filter((n) => !(n in template) && !n.endsWith('/'));
  const folders = Object.keys(excel).filter((n) => n.endsWith('/') && !(n in template));
  const keptByPatcher = names.filter((n) => sameBytes(template[n], patched[n]));
  const changedByExcel = keptByPatcher.filter((n) => n in excel && !sameBytes(template[n], excel[n]));
  lines.push(
    `Zip parts: the template has ${names.length}; the patcher rewrote ${names.length - keptByPatcher.length} ` +
      `(${names.filter((n) => !keptByPatcher.includes(n)).join(', ')}) and kept the others byte-identical; ` +
      `ExcelJS rewrote ${changedByExcel.length} of those the patcher kept` +
      (changedByExcel.length > 0 ? ` (${changedByExcel.join(', ')})` : '') +
      '.',
  );
  lines.push(
    missing.length > 0 ? `Missing parts in ExcelJS's file: ${missing.join(', ')}.` : 'Missing parts: none.',
  );
  if (added.length > 0) lines.push(`Parts ExcelJS added: ${added.join(', ')}.`);
  if (folders.length > 0)
    lines.push(`ExcelJS's zip also holds ${folders.length} directory entries (${folders.join(', ')}).`);

  for (const part of ['docProps/core.xml', 'docProps/app.xml']) {
    const t = docProps(textOf(template, part));
    const p = docProps(textOf(patched, part));
    const e = docProps(textOf(excel, part));
    const diffs: string[] = [];
    for (const key of new Set([...t.keys(), ...e.keys()])) {
      if (t.get(key) === e.get(key)) continue;
      const kept = p.get(key) === t.get(key) ? '' : ' (the patcher changed it too)';
      diffs.push(`${key}: "${t.get(key) ?? '(none)'}" → "${e.get(key) ?? '(none)'}"${kept}`);
    }
    lines.push(`${part}: ${diffs.length === 0 ? 'same' : diffs.join('; ')}.`);
  }

  const wbT = textOf(template, 'xl/workbook.xml');
  const wbP = textOf(patched, 'xl/workbook.xml');
  const wbE = textOf(excel, 'xl/workbook.xml');
  const namesT = elementTexts(wbT, 'definedName');
  const namesP = elementTexts(wbP, 'definedName');
  const namesE = elementTexts(wbE, 'definedName');
  const lostNames = namesP.filter((n) => !namesE.includes(n));
  lines.push(
    `Defined names (print areas, print titles): template ${namesT.length}, patcher ${namesP.length}, ` +
      `ExcelJS ${namesE.length}` +
      (lostNames.length > 0
        ? `; the patcher's not in ExcelJS's file: ${lostNames.join(' | ')}; ExcelJS wrote instead: ${namesE.filter((n) => !namesP.includes(n)).join(' | ') || '(nothing)'}`
        : '; the same') +
      '.',
  );
  const calc = (xml: string | null) => tags(xml, 'calcPr').join(' ') || '(none)';
  lines.push(`calcPr: template "${calc(wbT)}", patcher "${calc(wbP)}", ExcelJS "${calc(wbE)}".`);
  const wbPr = (xml: string | null) => tags(xml, 'workbookPr').join(' ') || '(none)';
  if (wbPr(wbT) !== wbPr(wbE)) lines.push(`workbookPr: template "${wbPr(wbT)}", ExcelJS "${wbPr(wbE)}".`);

  const propsT = customProps(textOf(template, 'docProps/custom.xml'));
  const propsP = customProps(textOf(patched, 'docProps/custom.xml'));
  const propsE = customProps(textOf(excel, 'docProps/custom.xml'));
  lines.push(
    `Custom properties: template ${propsT.length}, patcher ${propsP.length} (${propsP.map((p) => p.split('=')[0]).join(', ')}), ` +
      `ExcelJS ${propsE.length}${propsE.length === 0 ? ' (no API for docProps/custom.xml: the import marker cannot be written)' : ''}.`,
  );

  const stT = textOf(template, 'xl/styles.xml');
  const stE = textOf(excel, 'xl/styles.xml');
  const counts = [
    'numFmts',
    'fonts',
    'fills',
    'borders',
    'cellStyleXfs',
    'cellXfs',
    'cellStyles',
    'dxfs',
  ].map((name) => ({ name, t: styleCount(stT, name), e: styleCount(stE, name) }));
  const changed = counts.filter((c) => c.t !== c.e);
  lines.push(
    `Styles (xl/styles.xml counts): ${
      changed.length === 0
        ? `same (${counts.map((c) => `${c.name} ${c.t ?? '?'}`).join(', ')})`
        : changed.map((c) => `${c.name} ${c.t ?? '?'} → ${c.e ?? '?'}`).join(', ')
    }${sameBytes(template['xl/styles.xml'], excel['xl/styles.xml']) ? '' : '; the part is rewritten'}.`,
  );

  // Per worksheet: print settings, header/footer, views, columns, merges.
  const sheetT = worksheetNames(template);
  const printParts = [
    'pageSetup',
    'printOptions',
    'pageMargins',
    'sheetView',
    'pane',
    'sheetFormatPr',
    'col',
  ];
  const perSheet: { name: string; text: string }[] = [];
  for (const name of sheetT) {
    const t = textOf(template, name);
    const p = textOf(patched, name);
    const e = textOf(excel, name);
    if (e === null) {
      perSheet.push({ name, text: 'missing' });
      continue;
    }
    const diffs: string[] = [];
    for (const part of printParts) {
      const a = tags(p, part).join(' ; ');
      const b = tags(e, part).join(' ; ');
      if (a !== b) diffs.push(`${part} "${a || '(none)'}" → "${b || '(none)'}"`);
    }
    for (const part of ['oddHeader', 'oddFooter']) {
      const a = elementTexts(p, part).join(' ; ');
      const b = elementTexts(e, part).join(' ; ');
      if (a !== b) diffs.push(`${part} "${a}" → "${b}"`);
    }
    const merges = (xml: string | null) => tags(xml, 'mergeCell').length;
    if (merges(p) !== merges(e)) diffs.push(`merged ranges ${merges(p)} → ${merges(e)}`);
    const tagsIn = (xml: string | null) =>
      new Set([...(xml ?? '').matchAll(/<([\w:]+)[\s/>]/g)].map((m) => m[1] ?? ''));
    const lostTags = [...tagsIn(t)].filter((x) => !tagsIn(e).has(x));
    if (lostTags.length > 0) diffs.push(`elements gone: ${lostTags.join(', ')}`);
    if (diffs.length > 0) perSheet.push({ name, text: diffs.join('; ') });
  }
  // Sheets with the same differences are listed once.
  const grouped = new Map<string, string[]>();
  for (const { name, text } of perSheet) grouped.set(text, [...(grouped.get(text) ?? []), name]);
  lines.push(
    perSheet.length === 0
      ? 'Worksheets (print setup, margins, header/footer, views, column widths, merges): the same as the patcher wrote.'
      : `Worksheets, compared with the patcher's: ${[...grouped]
          .map(
            ([text, sheets]) =>
              `${sheets.length === sheetT.length ? 'every sheet' : sheets.join(', ')}: ${text}`,
          )
          .join(' · ')}.`,
  );
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------

export async function runExport(
  root: string,
  log: (line: string) => void,
  excel: ExcelJSModule,
): Promise<ExportBench> {
  const figures: Figure[] = [];
  const sample = buildSampleReport('bench-sample', 0);
  const t = template(sample.meta.templateId);
  const binding = `public/templates/${t.set.id}.xlsx`;
  const templateBytes = new Uint8Array(await readFile(join(root, binding)));
  const nameOf = new Map([...sheetPathsByName(templateBytes)].map(([name, path]) => [path, name]));
  const timed = (id: string, what: string, s: Summary): Figure => ({
    id,
    what,
    unit: 'ms',
    median: s.median,
    p95: s.p95,
    runs: s.runs,
  });

  // The sample: all six sheets.
  const sampleReq = request(t, sample.meta, sample.data);
  let sampleOut: Uint8Array = new Uint8Array();
  const sampleExport = await timeAsync(
    () => Promise.resolve((sampleOut = exportWorkbook(sampleReq, templateBytes))),
    1,
    RUNS,
  );
  figures.push(timed('export-sample', 'Excel export, Tân Hồng sample (6 sheets)', sampleExport));
  log(`export sample: ${sampleExport.median.toFixed(1)} ms`);
  const samplePatches = exportPatches(sampleReq, templateBytes).patches;
  let sampleExcel: Uint8Array = new Uint8Array();
  const sampleExcelJS = await timeAsync(
    async () => (sampleExcel = await fillWithExcelJS(excel, templateBytes, samplePatches, nameOf)),
    1,
    RUNS,
  );
  figures.push(timed('exceljs-sample', 'ExcelJS load + fill + write, Tân Hồng sample', sampleExcelJS));
  log(`ExcelJS sample: ${sampleExcelJS.median.toFixed(1)} ms`);

  // 100,000 units into Biểu 04: 99,970 rows inserted.
  const synth = buildSyntheticReport(EXPORT_UNITS);
  const synthMeta: ReportMeta = { ...sample.meta, units: synth.units };
  const bigReq = request(template(synth.templateId), synthMeta, synth.data, ['b04']);
  const n = EXPORT_UNITS.toLocaleString('en');
  const big = await timeAsync(() => Promise.resolve(exportWorkbook(bigReq, templateBytes)), 0, RUNS);
  figures.push(timed('export-100k', `Excel export, one ${n}-row sheet (Biểu 04)`, big));
  log(`export ${n}: ${big.median.toFixed(0)} ms`);

  const bigPatches = exportPatches(bigReq, templateBytes).patches;
  const bigExcel = await timeAsync(
    () => fillWithExcelJS(excel, templateBytes, bigPatches, nameOf),
    0,
    RUNS,
    EXCELJS_LIMIT_MS,
  );
  let note = '';
  if (bigExcel.stopped) {
    note = `ExcelJS on ${n} rows: first run took ${(bigExcel.median / 1000).toFixed(0)} s (> ${EXCELJS_LIMIT_MS / 1000} s); not repeated, no ratio.`;
    log(note);
  } else {
    figures.push(timed('exceljs-100k', `ExcelJS load + fill + write, one ${n}-row sheet`, bigExcel));
    figures.push({
      id: 'export-ratio',
      what: `Excel export / ExcelJS, ${n} rows (ratio of medians)`,
      unit: '×',
      median: big.median / bigExcel.median,
      p95: null,
      runs: RUNS,
    });
    log(`ExcelJS ${n}: ${bigExcel.median.toFixed(0)} ms; ratio ${(big.median / bigExcel.median).toFixed(2)}`);
  }

  const lines = compareOutputs(unzipSync(templateBytes), unzipSync(sampleOut), unzipSync(sampleExcel));
  const diff = [
    '# What ExcelJS lost of the template that the patcher kept',
    '',
    `The Tân Hồng sample exported into ${binding} by the patcher (src/excel/export.ts) and by ExcelJS ` +
      '(load, fill the same cells, writeBuffer); written by `npm run bench`.',
    '',
    'The template itself is written by ExcelJS (scripts/make-templates.ts), so ExcelJS reads back most of what ' +
      'it wrote; a district file saved by Excel carries parts ExcelJS does not model at all.',
    '',
    ...lines.map((l) => `- ${l}`),
    ...(note ? ['', note] : []),
    '',
  ].join('\n');
  const dir = join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'exceljs-diff.md'), diff);
  return { figures, diff };
}
