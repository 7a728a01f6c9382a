// The worker's job without the worker: the messages it posts, and what SheetJS's failures become.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ReadFormat } from '../../../src/excel/plain-workbook';
import { preflight } from '../../../src/excel/preflight';
import { errorFromSheetJS, runReadJob } from '../../../src/excel/read-job';
import { readWithSheetJS } from '../../../src/excel/sheetjs-read';
import type { WorkerMessage } from '../../../src/excel/worker-protocol';
import { asOnThePage, fixture } from './helpers';

async function run(
  name: string,
  bytes: Uint8Array,
  format: ReadFormat,
  limits = DEFAULT_LIMITS,
): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  await runReadJob({ bytes: bytes.slice().buffer, fileName: name, format, limits }, (m) =>
    messages.push(asOnThePage(m)),
  );
  return messages;
}

describe('runReadJob', () => {
  it('posts progress, then the workbook', async () => {
    const messages = await run('hidden-sheet.xlsx', fixture('hidden-sheet.xlsx'), 'xlsx');
    expect(messages.slice(0, -1)).toEqual([
      { type: 'progress', phase: 'parsing', ratio: 0 },
      { type: 'progress', phase: 'converting', ratio: 0 },
      { type: 'progress', phase: 'converting', ratio: 1 / 3 },
      { type: 'progress', phase: 'converting', ratio: 2 / 3 },
      { type: 'progress', phase: 'converting', ratio: 1 },
    ]);
    const last = messages.at(-1);
    expect(last?.type === 'done' && last.workbook.sheets.map((s) => s.name)).toEqual([
      'Biểu 04',
      'Biểu 04 (2021)',
      'Danh mục',
    ]);
  });

  it('answers with plain data that survives structured cloning unchanged', async () => {
    const last = (await run('tan-hong-2022-bieu04.xlsx', fixture('tan-hong-2022-bieu04.xlsx'), 'xlsx')).at(
      -1,
    );
    expect(last?.type).toBe('done');
    expect(structuredClone(last)).toEqual(last);
  });

  it("maps SheetJS's password error when an encrypted file gets past preflight", async () => {
    // Preflight stops it first; the worker still maps SheetJS's own error if it ever sees one.
    expect(() => readWithSheetJS(fixture('password-protected.xlsx'), 'xls', DEFAULT_LIMITS)).toThrow(
      /password/i,
    );
    expect((await run('p.xlsx', fixture('password-protected.xlsx'), 'xls')).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'password' },
    });
  });

  it('turns any other SheetJS failure into an error message, never a throw', async () => {
    const last = (await run('x.xlsx', fixture('truncated.xlsx'), 'xlsx')).at(-1);
    expect(last?.type).toBe('error');
  });

  it(
    'refuses a CSV of a million rows as too-many-rows (generated here: too big to commit)',
    { timeout: 30_000 },
    async () => {
      const lines = ['STT;Tên;Tổng số'];
      for (let i = 1; i <= 1_000_000; i++) lines.push(`${i};CB${i % 1000};${i % 300}`);
      const bytes = new TextEncoder().encode(lines.join('\r\n'));
      expect(bytes.byteLength).toBeLessThan(DEFAULT_LIMITS.maxBytes);
      const verdict = preflight('million-rows.csv', bytes);
      expect(verdict).toEqual({ ok: true, format: 'csv' });
      const last = (await run('million-rows.csv', bytes, 'csv')).at(-1);
      expect(last).toMatchObject({ type: 'error', error: { code: 'too-many-rows' } });
    },
  );

  it('refuses a CSV row wider than the column limit', async () => {
    const wide = Array.from({ length: 201 }, (_, i) => `c${i}`).join(';');
    const last = (await run('wide.csv', new TextEncoder().encode(`${wide}\r\n`), 'csv')).at(-1);
    expect(last).toMatchObject({ type: 'error', error: { code: 'too-many-columns' } });
  });

  it('reads a CSV exactly at the limits', async () => {
    const limits = { ...DEFAULT_LIMITS, maxRows: 3, maxColumns: 2 };
    const last = (await run('fit.csv', new TextEncoder().encode('a;b\r\n1;2\r\n3;4\r\n'), 'csv', limits)).at(
      -1,
    );
    expect(last?.type === 'done' && last.workbook.sheets[0]?.rows.length).toBe(3);
  });
});

describe('errorFromSheetJS', () => {
  it.each([
    ['File is password-protected', 'password'],
    ['Unsupported ODS Encryption', 'password'],
    ['This OpenDocument is not a spreadsheet', 'not-a-spreadsheet'],
    ['Unsupported ZIP file', 'not-a-spreadsheet'],
    ['Bad compressed size: 12 != 0', 'failed'],
  ])('%s → %s', (message, code) => {
    expect(errorFromSheetJS(new Error(message))).toEqual({ code, detail: message });
  });
});
