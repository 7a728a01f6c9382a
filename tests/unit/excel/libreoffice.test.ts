// A real spreadsheet application checks the export (issue 4): the Tân Hồng sample is exported into its template,
// LibreOffice headless opens the file, recalculates it and writes every sheet as CSV with the cells as shown, and
// the "Cộng" sums and every percentage (unit rows, "Cộng" row, Biểu 01's summary) must equal the app's own: the
// validator's column sums, computePercents / summarizeLevels with the sheet's settings.
//
// Needs `soffice` on PATH (`apt-get install -y libreoffice-calc-nogui`; .ci/run installs it). Without it the test
// is skipped, visibly, with a warning naming what is missing.
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RowValues, Unit } from '../../../src/core/model';
import { computePercents } from '../../../src/core/percent';
import { summarizeLevels } from '../../../src/core/summary';
import type { CompiledTemplate } from '../../../src/core/template-loader';
import { Validator } from '../../../src/core/validator';
import { exportFileName, exportWorkbook } from '../../../src/excel/export';
import { bindingFor } from '../../../src/templates/bindings';
import { templateById } from '../../../src/templates/index';
import { buildSampleReport } from '../../../src/templates/sample';

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not here
    }
  }
  return null;
}

const soffice = onPath('soffice');
const hasSoffice = soffice !== null;
if (!hasSoffice)
  console.warn(
    '[libreoffice.test] SKIPPED: `soffice` (LibreOffice) is not on PATH, so the exported workbook is not ' +
      'recalculated by a real spreadsheet application. Install it with `apt-get install -y libreoffice-calc-nogui`.',
  );

// CSV export filter tokens (LibreOffice ≥ 7.2): field separator 44 (,), text delimiter 34 ("), charset 76
// (UTF-8), start row 1, cell formats (import only), language 0 (default), quoted field as text false, detect
// special numbers true, save cell contents AS SHOWN true (percentages as "96.30%"), export formulas false, remove
// spaces false, sheet -1: every sheet to its own file "<name>-<sheet name>.csv".
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1';

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A count as shown ("1,234", "1.234", "1 234"): the digits. Blank → null. */
function shownCount(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (!/^-?[\d.,\s\u00a0\u202f]+$/.test(t)) return Number.NaN;
  return Number(t.replace(/[^\d-]/g, ''));
}

/** A percentage as shown ("96.30%", "96,30 %", "100%"), read as 96.3; blank → null. */
function shownPercent(text: string, decimals: number): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  const m = /^(-?[\d.,]*?)(?:[.,](\d+))?%$/.exec(t);
  if (!m) return Number.NaN;
  const whole = (m[1] ?? '').replace(/[.,]/g, '');
  const fraction = m[2] ?? '';
  if (decimals === 0) return Number(whole + fraction);
  if (fraction.length !== decimals) return Number.NaN;
  return Number(`${whole || '0'}.${fraction}`);
}

function template(id: string): CompiledTemplate {
  const lookup = templateById(id);
  if (!lookup.ok) throw new Error(lookup.error);
  return lookup.template;
}

// Made by the test itself (a skipped test makes nothing), removed after it.
const made: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('LibreOffice opens the exported workbook', () => {
  it.skipIf(!hasSoffice)(
    'recalculates the "Cộng" sums and the percentages of every sheet to the app\'s values',
    () => {
      const { meta, data } = buildSampleReport('lo-check', 0);
      const t = template(meta.templateId);
      const binding = bindingFor(t.set.id);
      if (!binding) throw new Error(`no binding for ${t.set.id}`);
      const unitsOf = (sheet: string): readonly Unit[] => {
        const form = t.sheets.get(sheet)?.rowsFor;
        return form ? meta.units.filter((u) => u.form === form) : meta.units;
      };
      const validator = new Validator(t, data, meta.settings, meta.units);
      const templateBytes = new Uint8Array(
        readFileSync(new URL(`../../../public/${binding.file}`, import.meta.url)),
      );
      const bytes = exportWorkbook({ template: t, meta, data, unitsOf, openFindings: 0 }, templateBytes);
      const fileName = exportFileName(meta);
      const work = tempDir('tong-hop-lo-');
      // A fresh LibreOffice profile: no settings of a previous run, no lock of a running instance.
      const profile = tempDir('lo-');
      writeFileSync(join(work, fileName), bytes);

      const outDir = join(work, 'csv');
      const run = spawnSync(
        soffice ?? 'soffice',
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          '--calc',
          '--convert-to',
          CSV_FILTER,
          '--outdir',
          outDir,
          join(work, fileName),
        ],
        { encoding: 'utf8', timeout: 110_000 },
      );
      const said = `${run.stdout}\n${run.stderr}`;
      expect(run.error, said).toBeUndefined();
      expect(run.status, said).toBe(0);
      const csvs = readdirSync(outDir);
      const base = fileName.replace(/\.xlsx$/, '');

      let checked = 0;
      for (const sb of binding.sheets) {
        const def = t.sheets.get(sb.sheet);
        if (!def) throw new Error(`no sheet ${sb.sheet}`);
        const csvName = `${base}-${sb.sheetName}.csv`;
        // LibreOffice before 7.2 ignores the sheet token and writes the first sheet only.
        expect(csvs, `${csvName} (one CSV per sheet; LibreOffice ≥ 7.2): ${said}`).toContain(csvName);
        const rows = parseCsv(readFileSync(join(outDir, csvName), 'utf8'));
        const cell = (row: number, letter: string): string => rows[row - 1]?.[columnIndex(letter)] ?? '';
        const settings = validator.settingsOf(sb.sheet);
        const units = unitsOf(sb.sheet);
        const extra = Math.max(0, units.length - sb.rowsProvided);
        const where = (ref: string) => `${sb.sheetName}!${ref}`;

        // Unit rows: the app's percentages of each row.
        units.forEach((unit, i) => {
          const r = sb.firstUnitRow + i;
          expect(cell(r, sb.unit.name), where(`${sb.unit.name}${r}`)).toBe(unit.name);
          const row: RowValues = data.get(sb.sheet)?.get(unit.id) ?? {};
          const percents = computePercents(def, settings.convention, settings.rounding, row);
          for (const [col, value] of percents) {
            const letter = sb.columns[col] ?? '';
            const decimals = def.columns.find((c) => c.id === col)?.percent?.decimals ?? 2;
            const shown = cell(r, letter);
            expect(shownPercent(shown, decimals), `${where(`${letter}${r}`)} "${shown}"`).toBe(value);
            checked++;
          }
        });

        // The "Cộng" row: the validator's column sums, and the percentages of those sums.
        if (sb.totalRow !== null) {
          const r = sb.totalRow + extra;
          expect(cell(r, sb.unit.name), where(`${sb.unit.name}${r}`)).toBe('Cộng');
          const sums: Record<string, number> = {};
          for (const col of def.columns) {
            if (col.kind !== 'count') continue;
            const letter = sb.columns[col.id] ?? '';
            const sum = validator.column(sb.sheet, col.id).sum;
            sums[col.id] = sum;
            const shown = cell(r, letter);
            expect(shownCount(shown), `${where(`${letter}${r}`)} "${shown}" (Cộng)`).toBe(sum);
            checked++;
          }
          const percents = computePercents(def, settings.convention, settings.rounding, sums);
          for (const [col, value] of percents) {
            const letter = sb.columns[col] ?? '';
            const decimals = def.columns.find((c) => c.id === col)?.percent?.decimals ?? 2;
            const shown = cell(r, letter);
            expect(shownPercent(shown, decimals), `${where(`${letter}${r}`)} "${shown}" (Cộng)`).toBe(value);
            checked++;
          }
        }

        // Biểu 01: the summary block's counts and shares, as the app's summarizeLevels.
        if (def.levelSummary) {
          const ratingCol = def.levelSummary.column;
          const agg = validator.column(sb.sheet, ratingCol);
          const summary = summarizeLevels(
            (v) => agg.values.get(v) ?? 0,
            units.length,
            settings.convention,
            settings.rounding,
          );
          const nameCol = sb.unit.name;
          const lastUnitRow = sb.firstUnitRow + sb.rowsProvided + extra - 1;
          const labels = binding.texts.rating ?? {};
          for (const level of summary.rows) {
            const label = labels[level.level] ?? level.level;
            const r = rows.findIndex(
              (row, i) => i >= lastUnitRow && row[columnIndex(nameCol)]?.startsWith(label),
            );
            expect(r, `${sb.sheetName}: the summary row "${label}"`).toBeGreaterThan(0);
            const countCell = rows[r]?.[columnIndex(nameCol) + 1] ?? '';
            const pctCell = rows[r]?.[columnIndex(nameCol) + 2] ?? '';
            expect(shownCount(countCell), `${sb.sheetName} summary ${label}: "${countCell}"`).toBe(
              level.count,
            );
            expect(shownPercent(pctCell, 2), `${sb.sheetName} summary ${label}: "${pctCell}"`).toBe(
              level.percent,
            );
            checked += 2;
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    },
    120_000,
  );
});
