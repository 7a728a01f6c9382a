// The district's Excel templates (public/templates/*.xlsx) against their bindings and layouts: every SheetDef
// column has a cell, the files say what the layouts say where the bindings say it, the "Cộng" row and the
// percentages are formulas over exactly the provided rows, and the script makes the same files every time.
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildTemplate } from '../../../scripts/make-templates';
import type { ColumnDef, SheetDef } from '../../../src/core/template';
import { TEMPLATE_BINDINGS, type SheetBinding } from '../../../src/templates/bindings';
import { TEMPLATE_LAYOUTS, columnIndex, type SheetLayout } from '../../../src/templates/layouts';
import { TEMPLATE_SETS } from '../../../src/templates/periods';

const PUBLIC = fileURLToPath(new URL('../../../public/', import.meta.url));
const decoder = new TextDecoder();

function bindingOf(setId: string, sheetId: string): SheetBinding {
  const sb = TEMPLATE_BINDINGS.find((b) => b.templateId === setId)?.sheets.find((s) => s.sheet === sheetId);
  if (!sb) throw new Error(`no binding ${setId}/${sheetId}`);
  return sb;
}

function layoutOf(setId: string, sheetId: string): SheetLayout {
  const l = TEMPLATE_LAYOUTS.find((w) => w.templateId === setId)?.sheets.find((s) => s.sheet === sheetId);
  if (!l) throw new Error(`no layout ${setId}/${sheetId}`);
  return l;
}

function letter(sb: SheetBinding, id: string): string {
  const l = sb.columns[id];
  if (!l) throw new Error(`${sb.sheet}: no column ${id}`);
  return l;
}

/** The expected percentage formula at row r, from the SheetDef alone (not from the layout's code). */
function expectedPercent(def: ColumnDef, sb: SheetBinding, r: number): string {
  const spec = def.percent;
  if (!spec) throw new Error(`${def.id} is not a percentage`);
  const ids =
    sb.convention === 'exclusive' && spec.denominatorExclusive ? spec.denominatorExclusive : spec.denominator;
  const refs = ids.map((id) => `${letter(sb, id)}${r}`);
  const base = refs.length === 1 ? (refs[0] ?? '') : `(${refs.join('+')})`;
  return `IF(${base}=0,"",${letter(sb, spec.numerator)}${r}/${base})`;
}

function boundCells(sb: SheetBinding): string[] {
  const letters = [
    sb.unit.stt,
    sb.unit.name,
    ...(sb.unit.form ? [sb.unit.form] : []),
    ...(sb.unit.bloc ? [sb.unit.bloc] : []),
    ...Object.values(sb.columns),
  ];
  const cells: string[] = [];
  for (let r = sb.firstUnitRow; r < sb.firstUnitRow + sb.rowsProvided; r++)
    for (const l of letters) cells.push(`${l}${r}`);
  return [...cells, sb.header.committee.cell, sb.header.year.cell];
}

function readTemplate(file: string): { wb: XLSX.WorkBook; entries: Record<string, Uint8Array> } {
  const bytes = readFileSync(`${PUBLIC}${file}`);
  return { wb: XLSX.read(bytes, { sheetStubs: true }), entries: unzipSync(new Uint8Array(bytes)) };
}

function cellAt(ws: XLSX.WorkSheet | undefined, ref: string): XLSX.CellObject | undefined {
  return ws?.[ref] as XLSX.CellObject | undefined;
}

function xml(entries: Record<string, Uint8Array>, name: string): string {
  const data = entries[name];
  if (!data) throw new Error(`no ${name}`);
  return decoder.decode(data);
}

/** Style index → number format code, font name and weight, from styles.xml. */
function stylesOf(stylesXml: string): { numFmt: string; font: string; bold: boolean }[] {
  const custom = new Map(
    [...stylesXml.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [
      Number(m[1]),
      (m[2] ?? '').replaceAll('&quot;', '"'),
    ]),
  );
  const builtin: Record<number, string> = { 0: 'General', 1: '0', 3: '#,##0', 9: '0%', 10: '0.00%' };
  const fontsXml = /<fonts[^>]*>(.*?)<\/fonts>/s.exec(stylesXml)?.[1] ?? '';
  const fonts = [...fontsXml.matchAll(/<font>(.*?)<\/font>/gs)].map((m) => ({
    name: /<name val="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '',
    bold: /<b\/>/.test(m[1] ?? ''),
  }));
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf ([^>]*?)\/?>/g)].map((m) => {
    const attrs = m[1] ?? '';
    const numFmtId = Number(/numFmtId="(\d+)"/.exec(attrs)?.[1] ?? 0);
    const font = fonts[Number(/fontId="(\d+)"/.exec(attrs)?.[1] ?? 0)];
    return {
      numFmt: custom.get(numFmtId) ?? builtin[numFmtId] ?? `#${numFmtId}`,
      font: font?.name ?? '',
      bold: font?.bold ?? false,
    };
  });
}

function cellStyleIndex(sheetXml: string, ref: string): number | undefined {
  const m = new RegExp(`<c r="${ref}"(?: [^>]*?)? s="(\\d+)"`).exec(sheetXml);
  return m ? Number(m[1]) : undefined;
}

function headerCellOf(sheet: SheetDef, sb: SheetBinding, def: ColumnDef): { ref: string; text: string } {
  const l = letter(sb, def.id);
  const text = sb.convention === 'inclusive' && def.headerInclusive ? def.headerInclusive.vi : def.header.vi;
  return { ref: `${l}${def.group ? 8 : 7}`, text };
}

describe('template bindings', () => {
  for (const set of TEMPLATE_SETS) {
    const binding = TEMPLATE_BINDINGS.find((b) => b.templateId === set.id);

    it(`${set.id}: binds every column of every sheet, and nothing else`, () => {
      expect(binding?.templateVersion).toBe(set.version);
      expect(binding?.sheets.map((s) => s.sheet)).toEqual(set.sheets.map((s) => s.id));
      for (const sheet of set.sheets) {
        const sb = bindingOf(set.id, sheet.id);
        expect(sb.sheetName).toBe(sheet.code.vi);
        expect(Object.keys(sb.columns).sort()).toEqual(sheet.columns.map((c) => c.id).sort());
        expect([...sb.formulaColumns].sort()).toEqual(
          sheet.columns
            .filter((c) => c.kind === 'percent')
            .map((c) => c.id)
            .sort(),
        );
        expect(sb.totalRow === null).toBe(!sheet.totals);
        for (const u of sheet.unitColumns ?? []) expect(sb.unit[u], `${sheet.id} ${u}`).toBeDefined();
        if (sheet.hasConvention) expect(sb.convention).toBe(sheet.defaults.convention);
      }
    });

    it(`${set.id}: points inside each sheet, never at the same cell twice`, () => {
      for (const sheet of set.sheets) {
        const sb = bindingOf(set.id, sheet.id);
        const layout = layoutOf(set.id, sheet.id);
        const cells = boundCells(sb);
        expect(new Set(cells).size, sheet.id).toBe(cells.length);
        const lastUnitRow = sb.firstUnitRow + sb.rowsProvided - 1;
        expect(sb.firstUnitRow).toBeGreaterThan(layout.numberRow);
        if (sb.totalRow !== null) expect(sb.totalRow).toBe(lastUnitRow + 1);
        for (const ref of cells) {
          const [, col = '', row = '0'] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [];
          expect(columnIndex(col), `${sheet.id} ${ref}`).toBeGreaterThanOrEqual(1);
          expect(columnIndex(col), `${sheet.id} ${ref}`).toBeLessThanOrEqual(columnIndex(layout.lastColumn));
          expect(Number(row), `${sheet.id} ${ref}`).toBeLessThanOrEqual(layout.lastRow);
        }
        for (const h of [sb.header.committee, sb.header.year])
          expect(Number(/\d+$/.exec(h.cell)?.[0])).toBeLessThan(layout.headerRows[0]);
      }
    });
  }
});

describe('template files', () => {
  for (const binding of TEMPLATE_BINDINGS) {
    const set = TEMPLATE_SETS.find((s) => s.id === binding.templateId);
    if (!set) throw new Error(`no set ${binding.templateId}`);
    const { wb, entries } = readTemplate(binding.file);
    const styles = stylesOf(xml(entries, 'xl/styles.xml'));
    const sheetXml = (i: number) => xml(entries, `xl/worksheets/sheet${i + 1}.xml`);

    it(`${binding.file}: has the six sheets, with the header texts where the layout and binding say`, () => {
      expect(wb.SheetNames).toEqual(binding.sheets.map((s) => s.sheetName));
      for (const sb of binding.sheets) {
        const ws = wb.Sheets[sb.sheetName];
        const layout = layoutOf(set.id, sb.sheet);
        const sheet = set.sheets.find((s) => s.id === sb.sheet);
        if (!ws || !sheet) throw new Error(sb.sheetName);
        expect(cellAt(ws, sb.header.committee.cell)?.v).toBe(sb.header.committee.placeholder);
        expect(cellAt(ws, sb.header.year.cell)?.v).toBe(sb.header.year.placeholder);
        expect(sb.header.committee.placeholder).toMatch(/^HUYỆN ỦY/);
        for (const c of layout.cells)
          if (c.text !== undefined) expect(cellAt(ws, c.ref)?.v, `${sb.sheet} ${c.ref}`).toBe(c.text);
        for (const def of sheet.columns) {
          const h = headerCellOf(sheet, sb, def);
          expect(cellAt(ws, h.ref)?.v, `${sb.sheet} ${def.id}`).toBe(h.text);
          const numberCell = String(cellAt(ws, `${letter(sb, def.id)}9`)?.v);
          expect(numberCell.startsWith(`(${columnIndex(letter(sb, def.id))})`), numberCell).toBe(true);
          if (def.note) expect(numberCell).toBe(def.note);
        }
        expect(cellAt(ws, `${sb.unit.stt}7`)?.v).toBe('STT');
        expect(cellAt(ws, `${sb.unit.name}7`)?.v).toMatch(/^Tên /);
        expect(String(ws['!ref'])).toBe(`A1:${layout.lastColumn}${layout.lastRow}`);
      }
    });

    it(`${binding.file}: merges the two-level header`, () => {
      for (const sb of binding.sheets) {
        const sheet = set.sheets.find((s) => s.id === sb.sheet);
        const merges = new Set(
          (wb.Sheets[sb.sheetName]?.['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m)),
        );
        if (!sheet) throw new Error(sb.sheet);
        for (const l of [sb.unit.stt, sb.unit.name])
          expect(merges.has(`${l}7:${l}8`), `${sb.sheet} ${l}`).toBe(true);
        const groups = new Map<string, string[]>();
        for (const def of sheet.columns) {
          if (def.group) groups.set(def.group.vi, [...(groups.get(def.group.vi) ?? []), letter(sb, def.id)]);
          else
            expect(merges.has(`${letter(sb, def.id)}7:${letter(sb, def.id)}8`), `${sb.sheet} ${def.id}`).toBe(
              true,
            );
        }
        for (const [group, letters] of groups) {
          const range = `${letters[0]}7:${letters[letters.length - 1]}7`;
          expect(merges.has(range), `${sb.sheet} ${group} ${range}`).toBe(true);
          expect(cellAt(wb.Sheets[sb.sheetName], `${letters[0]}7`)?.v).toBe(group);
        }
        expect(merges.has(`A4:${layoutOf(set.id, sb.sheet).lastColumn}4`), `${sb.sheet} title`).toBe(true);
      }
    });

    it(`${binding.file}: sums exactly the provided unit rows in the "Cộng" row; percentages are formulas`, () => {
      for (const sb of binding.sheets) {
        const ws = wb.Sheets[sb.sheetName];
        const sheet = set.sheets.find((s) => s.id === sb.sheet);
        if (!ws || !sheet) throw new Error(sb.sheetName);
        const first = sb.firstUnitRow;
        const last = first + sb.rowsProvided - 1;
        if (sb.totalRow !== null) {
          expect(cellAt(ws, `${sb.unit.name}${sb.totalRow}`)?.v).toBe('Cộng');
          for (const def of sheet.columns.filter((c) => c.kind === 'count')) {
            const l = letter(sb, def.id);
            expect(cellAt(ws, `${l}${sb.totalRow}`)?.f, `${sb.sheet} ${def.id}`).toBe(
              `SUM(${l}${first}:${l}${last})`,
            );
          }
        }
        for (const def of sheet.columns.filter((c) => c.percent)) {
          const l = letter(sb, def.id);
          for (let r = first; r <= last; r++)
            expect(cellAt(ws, `${l}${r}`)?.f).toBe(expectedPercent(def, sb, r));
          if (sb.totalRow !== null)
            expect(cellAt(ws, `${l}${sb.totalRow}`)?.f).toBe(expectedPercent(def, sb, sb.totalRow));
        }
        // The rows below the provided ones are not units: nothing bound there but the "Cộng" row.
        for (const l of Object.values(sb.columns)) {
          const below = cellAt(ws, `${l}${last + 1}`);
          if (sb.totalRow === null) expect(below?.f).toBeUndefined();
        }
      }
    });

    it(`${binding.file}: Biểu 01 counts the levels from the rating column`, () => {
      const sb = bindingOf(set.id, 'b01');
      const ws = wb.Sheets[sb.sheetName];
      const area = `$${letter(sb, 'rating')}$${sb.firstUnitRow}:$${letter(sb, 'rating')}$${sb.firstUnitRow + sb.rowsProvided - 1}`;
      const formulas = Object.entries(ws ?? {})
        .filter(([ref, c]) => !ref.startsWith('!') && typeof (c as XLSX.CellObject).f === 'string')
        .map(([, c]) => String((c as XLSX.CellObject).f));
      for (const text of Object.values(binding.texts.rating ?? {}))
        expect(
          formulas.some((f) => f.includes(`COUNTIF(${area},"${text}")`)),
          text,
        ).toBe(true);
    });

    it(`${binding.file}: every bound unit cell exists, styled, in Times New Roman, with its number format`, () => {
      binding.sheets.forEach((sb, i) => {
        const sx = sheetXml(i);
        const sheet = set.sheets.find((s) => s.id === sb.sheet);
        if (!sheet) throw new Error(sb.sheet);
        const kindOf = new Map(sheet.columns.map((c) => [letter(sb, c.id), c]));
        for (const ref of boundCells(sb)) {
          const s = cellStyleIndex(sx, ref);
          expect(s, `${sb.sheet} ${ref}`).toBeDefined();
          const style = styles[s ?? -1];
          expect(style?.font, `${sb.sheet} ${ref}`).toBe('Times New Roman');
          const def = kindOf.get(/^[A-Z]+/.exec(ref)?.[0] ?? '');
          if (def?.kind === 'count') expect(style?.numFmt, `${sb.sheet} ${ref}`).toBe('#,##0');
          if (def?.kind === 'percent')
            expect(style?.numFmt).toBe(def.percent?.decimals === 0 ? '0%' : '0.00%');
        }
        if (sb.totalRow !== null) {
          const label = styles[cellStyleIndex(sx, `${sb.unit.name}${sb.totalRow}`) ?? -1];
          const sum =
            styles[cellStyleIndex(sx, `${letter(sb, sheet.columns[0]?.id ?? '')}${sb.totalRow}`) ?? -1];
          expect(label?.bold, `${sb.sheet} Cộng`).toBe(true);
          expect(sum).toEqual({ numFmt: '#,##0', font: 'Times New Roman', bold: true });
        }
      });
    });

    it(`${binding.file}: prints on A4 landscape, one page wide, header rows repeated`, () => {
      const workbookXml = xml(entries, 'xl/workbook.xml');
      binding.sheets.forEach((sb, i) => {
        const layout = layoutOf(set.id, sb.sheet);
        const sx = sheetXml(i);
        expect(sx).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
        expect(sx).toMatch(
          /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/,
        );
        expect(sx).toContain('Trang &amp;P / &amp;N');
        const area = layout.print.area.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
        expect(workbookXml).toContain(
          `<definedName name="_xlnm.Print_Area" localSheetId="${i}">&apos;${sb.sheetName}&apos;!${area}</definedName>`,
        );
        expect(workbookXml).toContain(
          `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">&apos;${sb.sheetName}&apos;!$7:$9</definedName>`,
        );
      });
      expect(workbookXml).toContain('fullCalcOnLoad="1"');
    });
  }
});

describe('make-templates', () => {
  it('makes the same files every time, and the files in public/ are up to date', async () => {
    for (const layout of TEMPLATE_LAYOUTS) {
      const a = unzipSync(await buildTemplate(layout));
      const b = unzipSync(await buildTemplate(layout));
      const committed = unzipSync(new Uint8Array(readFileSync(`${PUBLIC}${layout.file}`)));
      expect(Object.keys(a)).toEqual(Object.keys(b));
      expect(Object.keys(a)).toEqual(Object.keys(committed));
      const sheets = Object.keys(a).filter((n) => n.startsWith('xl/worksheets/'));
      expect(sheets).toHaveLength(6);
      for (const name of Object.keys(a)) {
        expect(decoder.decode(a[name]), name).toBe(decoder.decode(b[name]));
        expect(
          decoder.decode(a[name]),
          `${layout.file} ${name} is stale: npx tsx scripts/make-templates.ts`,
        ).toBe(decoder.decode(committed[name]));
      }
    }
  });
});
