// The Excel export (src/excel/export.ts): the Tân Hồng sample written into its own template file and read back
// with SheetJS — values in the bound cells, formulas kept, header filled, the marker recorded —, export → read →
// import giving back every value (the sample, and random data as a property), rows inserted for a report with
// more units than the template provides, every untouched zip entry identical to the template, and file names.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { rowArbitrary } from '../arbitraries';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { MARKER, planImport, type ImportWorkbook } from '../../../src/core/import-plan';
import {
  cloneData,
  CONTROL_ROW,
  getCell,
  RATINGS,
  setCell,
  type CellValue,
  type ReportMeta,
  type SheetsData,
  type Unit,
} from '../../../src/core/model';
import type { ColumnDef } from '../../../src/core/template';
import type { CompiledTemplate } from '../../../src/core/template-loader';
import { Validator } from '../../../src/core/validator';
import { convertWorkbook } from '../../../src/excel/convert';
import {
  exportFileName,
  exportPatches,
  exportWorkbook,
  OPEN_FINDINGS_PROP,
  type ExportRequest,
} from '../../../src/excel/export';
import { fillWorkbook, sheetPathsByName } from '../../../src/excel/fill';
import { DEFAULT_LIMITS } from '../../../src/excel/plain-workbook';
import { sheetJsOptions } from '../../../src/excel/sheetjs-read';
import { templateById } from '../../../src/templates';
import { bindingFor, type SheetBinding, type TemplateBinding } from '../../../src/templates/bindings';
import { buildSampleReport } from '../../../src/templates/sample';
import { contextOf } from '../core/import-plan.helpers';
import { addInsertedRowFormulas, type InsertedRows } from './export-two-pass';

function templateOf(id: string): CompiledTemplate {
  const found = templateById(id);
  if (!found.ok) throw new Error(found.error);
  return found.template;
}

function templateFile(binding: TemplateBinding): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../public/${binding.file}`, import.meta.url)));
}

function sample() {
  const { meta, data } = buildSampleReport('tan-hong-2022', 0);
  const template = templateOf(meta.templateId);
  const binding = bindingFor(meta.templateId);
  if (!binding) throw new Error(`no binding for ${meta.templateId}`);
  return { meta, data, template, binding, bytes: templateFile(binding) };
}

function requestOf(
  template: CompiledTemplate,
  meta: ReportMeta,
  data: SheetsData,
  extra: Partial<ExportRequest> = {},
): ExportRequest {
  const validator = new Validator(template, data, meta.settings, meta.units);
  return { template, meta, data, unitsOf: (s) => validator.unitsOf(s), openFindings: 0, ...extra };
}

function unitsOf(template: CompiledTemplate, meta: ReportMeta, sheet: string): readonly Unit[] {
  return new Validator(template, new Map(), meta.settings, meta.units).unitsOf(sheet);
}

const readBack = (bytes: Uint8Array) =>
  XLSX.read(bytes, { type: 'array', cellFormula: true, sheetStubs: true });

/** A sheet as SheetJS reads it, by cell ref. */
type ReadSheet = Readonly<Record<string, XLSX.CellObject | undefined>>;

function sheetOf(wb: XLSX.WorkBook, name: string): ReadSheet {
  const ws = wb.Sheets[name];
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The bytes read as the read worker reads them. */
function readAsImport(bytes: Uint8Array): ImportWorkbook {
  const wb = XLSX.read(bytes, { ...sheetJsOptions(DEFAULT_LIMITS), type: 'array' });
  const result = convertWorkbook(wb, { fileName: 'export.xlsx', format: 'xlsx' }, DEFAULT_LIMITS);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.workbook;
}

/** Every non-blank cell of the unit rows (the control row is not exported): "b04|u01|total" → 250. */
function unitCells(
  template: CompiledTemplate,
  meta: ReportMeta,
  data: SheetsData,
): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const def of template.sheets.values())
    for (const unit of unitsOf(template, meta, def.id))
      for (const col of def.columns) {
        const v = getCell(data, def.id, unit.id, col.id);
        if (v !== null && col.kind !== 'percent') out[`${def.id}|${unit.id}|${col.id}`] = v;
      }
  return out;
}

/** Export, read, plan the import into the report with every sheet empty, apply: the data the file gives back. */
function roundTrip(template: CompiledTemplate, meta: ReportMeta, data: SheetsData, bytes: Uint8Array) {
  const file = exportWorkbook(requestOf(template, meta, data), bytes);
  const plan = planImport(readAsImport(file), contextOf(template, meta, new Map()));
  expect(plan.refusal).toBeNull();
  expect(plan.kind).toBe('tong-hop');
  expect(plan.sheets.map((s) => s.sheet)).toEqual([...template.sheets.keys()]);
  for (const s of plan.sheets) {
    expect(s.unmatchedNames, s.fileSheet).toEqual([]);
    expect(s.unknownColumns, s.fileSheet).toEqual([]);
    expect(s.invalid, s.fileSheet).toEqual([]);
  }
  const out = cloneData(new Map());
  for (const c of plan.changes) setCell(out, c.sheet, c.row, c.col, c.after);
  return out;
}

/** The printed value of a stored one, as the export writes it. */
function printed(binding: TemplateBinding, col: ColumnDef, v: CellValue): CellValue {
  return col.kind === 'rating' && typeof v === 'string' ? (binding.texts[col.id]?.[v] ?? v) : v;
}

const bindingOf = (binding: TemplateBinding, sheet: string): SheetBinding => {
  const sb = binding.sheets.find((s) => s.sheet === sheet);
  if (!sb) throw new Error(`no binding for ${sheet}`);
  return sb;
};

describe('the Tân Hồng sample exported into its template', () => {
  const { meta, data, template, binding, bytes } = sample();
  const file = exportWorkbook(requestOf(template, meta, data, { openFindings: 3 }), bytes);
  const wb = readBack(file);

  it('every sheet: running number, unit name and every input value in the bound cells', () => {
    for (const def of template.sheets.values()) {
      const sb = bindingOf(binding, def.id);
      const ws = sheetOf(wb, sb.sheetName);
      const units = unitsOf(template, meta, def.id);
      expect(units.length).toBeGreaterThan(0);
      units.forEach((unit, i) => {
        const r = sb.firstUnitRow + i;
        expect(ws[`${sb.unit.stt}${r}`]?.v).toBe(i + 1);
        expect(ws[`${sb.unit.name}${r}`]?.v).toBe(unit.name);
        for (const col of def.columns) {
          if (col.kind === 'percent') continue;
          const v = getCell(data, def.id, unit.id, col.id);
          const cell = ws[`${sb.columns[col.id]}${r}`];
          expect(cell?.v ?? null, `${sb.sheetName} ${col.id}${r}`).toBe(printed(binding, col, v));
          if (typeof v === 'number') expect(cell?.t).toBe('n');
        }
      });
    }
  });

  it('Biểu 01: form and bloc as their printed texts, ratings as the labels the COUNTIF summary counts', () => {
    const sb = bindingOf(binding, 'b01');
    const ws = sheetOf(wb, sb.sheetName);
    const first = meta.units[0];
    expect(ws[`${sb.unit.form}${sb.firstUnitRow}`]?.v).toBe(binding.texts.form?.[first?.form ?? '']);
    expect(ws[`${sb.unit.bloc}${sb.firstUnitRow}`]?.v).toBe(binding.texts.bloc?.[first?.bloc ?? '']);
    const labels = Object.values(binding.texts.rating ?? {});
    const ratings = meta.units.map((_, i) => ws[`${sb.columns.rating}${sb.firstUnitRow + i}`]?.v);
    expect(ratings.every((v) => typeof v === 'string' && labels.includes(v))).toBe(true);
    const countIf = Object.values(ws).find((c) => /COUNTIF/.test(c?.f ?? ''));
    expect(countIf?.f).toMatch(/COUNTIF\(\$E\$10:\$E\$39,"[^"]+"\)/);
  });

  it('the rows provided but unused are empty, their styles kept', () => {
    for (const sb of binding.sheets) {
      const ws = sheetOf(wb, sb.sheetName);
      const used = unitsOf(template, meta, sb.sheet).length;
      for (let r = sb.firstUnitRow + used; r < sb.firstUnitRow + sb.rowsProvided; r++) {
        expect(ws[`${sb.unit.stt}${r}`]?.v, `${sb.sheetName} row ${r}`).toBeUndefined();
        expect(ws[`${sb.unit.name}${r}`]?.v, `${sb.sheetName} row ${r}`).toBeUndefined();
        for (const id of Object.keys(sb.columns))
          if (!sb.formulaColumns.includes(id)) expect(ws[`${sb.columns[id]}${r}`]?.v).toBeUndefined();
      }
    }
  });

  it('the "Cộng" row and the percentage cells keep their formulas, without cached values', () => {
    for (const sb of binding.sheets) {
      const ws = sheetOf(wb, sb.sheetName);
      const last = sb.firstUnitRow + sb.rowsProvided - 1;
      if (sb.totalRow !== null) {
        expect(ws[`${sb.unit.name}${sb.totalRow}`]?.v).toBe('Cộng');
        expect(ws[`C${sb.totalRow}`]?.f).toBe(`SUM(C${sb.firstUnitRow}:C${last})`);
      }
      for (const id of sb.formulaColumns) {
        const letter = sb.columns[id] ?? '';
        for (const r of [sb.firstUnitRow, last, ...(sb.totalRow === null ? [] : [sb.totalRow])]) {
          expect(ws[`${letter}${r}`]?.f, `${sb.sheetName} ${letter}${r}`).toMatch(/^IF\(/);
          // A stub: the cached value is gone, Excel computes it on load.
          expect(ws[`${letter}${r}`]?.t, `${sb.sheetName} ${letter}${r}`).toBe('z');
        }
      }
    }
    const workbookXml = new TextDecoder().decode(unzipSync(file)['xl/workbook.xml']);
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="(1|true)"/);
  });

  it('the header says "HUYỆN ỦY TÂN HỒNG" and "Năm 2022" on every sheet', () => {
    for (const sb of binding.sheets) {
      const ws = sheetOf(wb, sb.sheetName);
      expect(ws[sb.header.committee.cell]?.v).toBe('HUYỆN ỦY TÂN HỒNG');
      expect(ws[sb.header.year.cell]?.v).toBe('Năm 2022');
    }
  });

  it('records the marker and the open findings in the custom properties', () => {
    const props = readAsImport(file).customProps;
    expect(props).toEqual({
      [MARKER.template]: meta.templateId,
      [MARKER.templateVersion]: String(template.set.version),
      [MARKER.year]: '2022',
      [MARKER.committee]: 'Huyện ủy Tân Hồng',
      [MARKER.committeeLevel]: 'huyen',
      [OPEN_FINDINGS_PROP]: '3',
    });
  });

  it('never writes a formula column, the "Cộng" row or the control row', () => {
    const { patches } = exportPatches(requestOf(template, meta, data), bytes);
    const paths = sheetPathsByName(bytes);
    expect(patches.map((p) => p.sheetPath)).toEqual(binding.sheets.map((s) => paths.get(s.sheetName)));
    for (const sb of binding.sheets) {
      const patch = patches.find((p) => p.sheetPath === paths.get(sb.sheetName));
      const formulaLetters = new Set(sb.formulaColumns.map((id) => sb.columns[id]));
      for (const { ref } of patch?.cells ?? []) {
        const [, letter = '', row = ''] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
        expect(formulaLetters.has(letter), `${sb.sheetName} ${ref}`).toBe(false);
        expect(Number(row), `${sb.sheetName} ${ref}`).not.toBe(sb.totalRow);
      }
      expect(patch?.insertRows).toBeUndefined();
    }
  });

  it('every zip entry but the patched ones is byte-identical to the template', () => {
    const before = unzipSync(bytes);
    const after = unzipSync(file);
    const paths = sheetPathsByName(bytes);
    const patched = new Set([
      ...binding.sheets.map((s) => paths.get(s.sheetName)),
      'xl/workbook.xml',
      'docProps/custom.xml',
      '[Content_Types].xml',
      '_rels/.rels',
    ]);
    for (const name of Object.keys(before)) expect(name in after, name).toBe(true);
    for (const [name, content] of Object.entries(after)) {
      if (patched.has(name)) continue;
      expect(Buffer.from(content).equals(Buffer.from(before[name] ?? [])), name).toBe(true);
    }
    expect(Object.keys(after).filter((n) => !(n in before))).toEqual(['docProps/custom.xml']);
  });

  it('one sheet: only that sheet is patched, the others stay exactly as in the template', () => {
    const one = exportWorkbook(requestOf(template, meta, data, { sheets: ['b04'] }), bytes);
    const before = unzipSync(bytes);
    const after = unzipSync(one);
    const b04 = sheetPathsByName(bytes).get('Biểu 04');
    const changed = Object.keys(after).filter(
      (n) => !Buffer.from(after[n] ?? []).equals(Buffer.from(before[n] ?? [])),
    );
    expect(changed).toContain(b04);
    expect(changed).toContain('docProps/custom.xml');
    // Beside Biểu 04 only the workbook-level parts (calcPr, the custom properties and their registration).
    const workbookParts = ['xl/workbook.xml', 'docProps/custom.xml', '[Content_Types].xml', '_rels/.rels'];
    expect(changed.filter((n) => n !== b04 && !workbookParts.includes(n))).toEqual([]);
    const ws = sheetOf(readBack(one), 'Biểu 04');
    expect(ws.A1?.v).toBe('HUYỆN ỦY TÂN HỒNG');
    expect(ws.B10?.v).toBe(meta.units[0]?.name);
    expect(sheetOf(readBack(one), 'Biểu 02').A1?.v).toBe(
      bindingOf(binding, 'b02').header.committee.placeholder,
    );
  });

  it('refuses a sheet the template does not have', () => {
    expect(() => exportPatches(requestOf(template, meta, data, { sheets: ['b99'] }), bytes)).toThrow(/b99/);
  });
});

describe('export → read → import gives back every value', () => {
  const { meta, data, template, binding, bytes } = sample();

  it('the sample, all sheets', () => {
    const expected = unitCells(template, meta, data);
    expect(new Set(Object.keys(expected).map((k) => k.split('|')[0]))).toEqual(
      new Set(['b01', 'b02', 'b03', 'b04', 'b06']),
    );
    const back = roundTrip(template, meta, data, bytes);
    expect(unitCells(template, meta, back)).toEqual(expected);
    // The "Cộng" row holds formulas without cached values: no reported totals come back.
    for (const rows of back.values()) expect(rows.has(CONTROL_ROW)).toBe(false);
  });

  const NOTES = ['Sáp nhập từ ngày 01/7', 'Thành lập mới', '=1+1', "Chưa đủ 6 tháng <'&'>"];
  const rowOf = (cols: readonly ColumnDef[]) => rowArbitrary(cols, NOTES);
  const randomData = (tpl: CompiledTemplate, m: ReportMeta): fc.Arbitrary<SheetsData> =>
    fc
      .tuple(
        ...[...tpl.sheets.values()].map((def) => {
          const units = unitsOf(tpl, m, def.id);
          return fc.tuple(...units.map(() => rowOf(def.columns))).map((rows) => ({ def, units, rows }));
        }),
      )
      .map((sheets) => {
        const out: SheetsData = new Map();
        for (const { def, units, rows } of sheets)
          units.forEach((u, i) => {
            for (const [col, v] of Object.entries(rows[i] ?? {}))
              if (v !== null) setCell(out, def.id, u.id, col, v);
          });
        return out;
      });

  it('random counts, ratings, scores, texts and blanks of the sample units', () => {
    fc.assert(
      fc.property(randomData(template, meta), (d) => {
        expect(unitCells(template, meta, roundTrip(template, meta, d, bytes))).toEqual(
          unitCells(template, meta, d),
        );
      }),
      { numRuns: 20 },
    );
  }, 30_000);

  it('the 2025 template (Biểu 01 with its score): random data of the sample units', () => {
    const tpl = templateOf('tcd-2025');
    const b2025 = bindingFor('tcd-2025');
    if (!b2025) throw new Error('no binding for tcd-2025');
    const m: ReportMeta = { ...meta, year: 2025, templateId: 'tcd-2025' };
    fc.assert(
      fc.property(randomData(tpl, m), (d) => {
        expect(unitCells(tpl, m, roundTrip(tpl, m, d, templateFile(b2025)))).toEqual(unitCells(tpl, m, d));
      }),
      { numRuns: 8 },
    );
  }, 30_000);

  it('the binding prints every rating the model has', () => {
    for (const r of RATINGS) expect(binding.texts.rating?.[r]).toBeTruthy();
  });
});

describe('more units than the template provides', () => {
  const { meta, data, template, binding, bytes } = sample();
  const extra: Unit[] = Array.from({ length: 45 - meta.units.length }, (_, i) => ({
    id: `x${String(i + 1).padStart(2, '0')}`,
    name: `Chi bộ Ấp ${i + 1}`,
    form: i % 3 === 0 ? 'dang_bo' : 'chi_bo_co_so',
    bloc: 'xa',
  }));
  const big: ReportMeta = { ...meta, units: [...meta.units, ...extra] };
  const bigData = cloneData(data);
  extra.forEach((u, i) => {
    setCell(bigData, 'b01', u.id, 'rating', RATINGS[i % RATINGS.length] ?? null);
    setCell(bigData, 'b04', u.id, 'total', 10 + i);
    setCell(bigData, 'b04', u.id, 'rated', 10 + i);
    setCell(bigData, 'b04', u.id, 'x', 2);
    setCell(bigData, 'b04', u.id, 'g', 8);
    setCell(bigData, 'b06', u.id, 'admitted', i % 4);
  });
  const file = exportWorkbook(requestOf(template, big, bigData), bytes);
  const wb = readBack(file);

  it('Biểu 04: 45 unit rows, then the "Cộng" row summing all of them', () => {
    const sb = bindingOf(binding, 'b04');
    const ws = sheetOf(wb, sb.sheetName);
    big.units.forEach((u, i) => {
      expect(ws[`A${10 + i}`]?.v).toBe(i + 1);
      expect(ws[`B${10 + i}`]?.v).toBe(u.name);
      expect(ws[`C${10 + i}`]?.v).toBe(getCell(bigData, 'b04', u.id, 'total'));
    });
    expect(ws.B55?.v).toBe('Cộng');
    for (const letter of ['C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'])
      expect(ws[`${letter}55`]?.f).toBe(`SUM(${letter}10:${letter}54)`);
    expect(ws.K55?.f).toBe('IF(F55=0,"",G55/F55)');
    // Every unit row, the inserted ones too, has its percentage formulas.
    for (let r = 10; r <= 54; r++) {
      expect(ws[`K${r}`]?.f, `K${r}`).toBe(`IF(F${r}=0,"",G${r}/F${r})`);
      expect(ws[`O${r}`]?.f, `O${r}`).toBe(`IF(H${r}=0,"",G${r}/H${r})`);
    }
  });

  it('Biểu 02 (đảng bộ cơ sở only) fits in the rows provided: nothing inserted there', () => {
    const { patches } = exportPatches(requestOf(template, big, bigData), bytes);
    const paths = sheetPathsByName(bytes);
    const b02 = patches.find((p) => p.sheetPath === paths.get('Biểu 02'));
    expect(unitsOf(template, big, 'b02').length).toBeLessThanOrEqual(30);
    expect(b02?.insertRows).toBeUndefined();
    const b04 = patches.find((p) => p.sheetPath === paths.get('Biểu 04'));
    expect(b04?.insertRows).toEqual({ after: 38, count: 15, styleFrom: 39 });
  });

  it('Biểu 01: the level summary counts over all 45 ratings; the print area follows', () => {
    const ws = sheetOf(wb, 'Biểu 01');
    const formulas = Object.values(ws as Record<string, XLSX.CellObject>)
      .map((c) => c.f)
      .filter((f): f is string => typeof f === 'string');
    expect(formulas.some((f) => f.includes('COUNTIF($E$10:$E$54,'))).toBe(true);
    expect(formulas.some((f) => f.includes('$E$39'))).toBe(false);
    const area = wb.Workbook?.Names?.find((n) => n.Name === '_xlnm.Print_Area' && n.Sheet === 0);
    expect(area?.Ref).toMatch(/\$(\d+)$/);
    const lastRow = Number(/\$(\d+)$/.exec(area?.Ref ?? '')?.[1]);
    expect(lastRow).toBeGreaterThan(54);
  });

  it('gives back every value through the import', () => {
    expect(unitCells(template, big, roundTrip(template, big, bigData, bytes))).toEqual(
      unitCells(template, big, bigData),
    );
  });
});

describe('one pass: a few hundred inserted rows as the two-pass export wrote them', () => {
  // 400 units, each a copy of a sample unit (its form, its values): every sheet inserts rows, Biểu 02 too.
  const { meta, data, template, binding, bytes } = sample();
  const units: Unit[] = Array.from({ length: 400 }, (_, i) => {
    const source = meta.units[i % meta.units.length] ?? meta.units[0];
    if (!source) throw new Error('the sample has no unit');
    return { ...source, id: `p${String(i + 1).padStart(3, '0')}`, name: `${source.name} <${i + 1}> & "co"` };
  });
  const big: ReportMeta = { ...meta, units };
  const bigData = cloneData(new Map());
  units.forEach((u, i) => {
    const source = meta.units[i % meta.units.length];
    for (const [sheet, rows] of data) {
      const row = source ? rows.get(source.id) : undefined;
      for (const [col, v] of Object.entries(row ?? {})) setCell(bigData, sheet, u.id, col, v);
    }
  });
  const req = requestOf(template, big, bigData);
  const onePass = exportWorkbook(req, bytes);
  // The two-pass export: the patcher filling the cells and inserting the rows, then the formulas of the new rows
  // written into the filled file by a second unzip/zip pass.
  const { patches, customProps } = exportPatches(req, bytes);
  const paths = sheetPathsByName(bytes);
  const inserted: InsertedRows[] = binding.sheets.flatMap((sb) => {
    const insert = patches.find((p) => p.sheetPath === paths.get(sb.sheetName))?.insertRows;
    if (!insert) return [];
    const letters = sb.formulaColumns.map((id) => sb.columns[id] ?? '');
    return [
      {
        sheetPath: paths.get(sb.sheetName) ?? '',
        firstNewRow: insert.styleFrom,
        count: insert.count,
        letters,
      },
    ];
  });
  const twoPass = addInsertedRowFormulas(fillWorkbook(bytes, patches, { customProps }), inserted);

  it('rows are inserted in every sheet', () => {
    expect(inserted.map((i) => i.count)).toEqual(
      binding.sheets.map((sb) => unitsOf(template, big, sb.sheet).length - sb.rowsProvided),
    );
    expect(inserted.every((i) => i.count > 100)).toBe(true);
  });

  it('every part of the file has the same text', () => {
    const a = unzipSync(onePass);
    const b = unzipSync(twoPass);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
    for (const name of Object.keys(a)) expect(text(a[name]), name).toBe(text(b[name]));
  });

  it('every cell of every sheet reads back the same: value, type and formula', () => {
    const a = readBack(onePass);
    const b = readBack(twoPass);
    for (const sb of binding.sheets) {
      const x = sheetOf(a, sb.sheetName);
      const y = sheetOf(b, sb.sheetName);
      expect(x['!ref'], sb.sheetName).toBe(y['!ref']);
      const refs = Object.keys(y).filter((k) => !k.startsWith('!'));
      expect(
        Object.keys(x)
          .filter((k) => !k.startsWith('!'))
          .sort(),
      ).toEqual([...refs].sort());
      for (const ref of refs) {
        const [p, q] = [x[ref], y[ref]];
        expect({ v: p?.v, t: p?.t, f: p?.f }, `${sb.sheetName} ${ref}`).toEqual({
          v: q?.v,
          t: q?.t,
          f: q?.f,
        });
      }
      // The percentage formulas reached the last inserted row.
      const last = sb.firstUnitRow + unitsOf(template, big, sb.sheet).length - 1;
      for (const id of sb.formulaColumns)
        expect(x[`${sb.columns[id] ?? ''}${last}`]?.f, `${sb.sheetName} row ${last}`).toMatch(
          new RegExp(`${last}`),
        );
    }
  });
});

describe('exportFileName', () => {
  const { meta } = sample();
  const named = (name: string, level: ReportMeta['committee']['level'] = 'huyen'): ReportMeta => ({
    ...meta,
    committee: { name, level },
  });

  it.each([
    ['Huyện ủy Tân Hồng', 'Biểu 04', 'TanHong_2022_Bieu04.xlsx'],
    ['Huyện ủy Tân Hồng', undefined, 'TanHong_2022.xlsx'],
    ['Đảng ủy xã Đông Hòa', 'Biểu 01', 'DongHoa_2022_Bieu01.xlsx'],
    ['Tỉnh ủy Đồng Tháp', undefined, 'DongThap_2022.xlsx'],
    ['Thành ủy Cao Lãnh', 'Biểu 06', 'CaoLanh_2022_Bieu06.xlsx'],
    ['Đảng ủy thị trấn Sa Rài', undefined, 'SaRai_2022.xlsx'],
    ['HUYỆN ỦY TÂN HỒNG', undefined, 'TanHong_2022.xlsx'],
    ['Huyện uỷ Tân Hồng', undefined, 'TanHong_2022.xlsx'],
    ['Tân Hồng', 'Form 04', 'TanHong_2022_Form04.xlsx'],
  ])('%s, %s → %s', (name, code, expected) => {
    expect(exportFileName(named(name), code)).toBe(expected);
  });
});
