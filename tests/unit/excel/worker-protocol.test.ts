// The worker's answer as it crosses to the page: numbers whose shown text is their own travel bare, and the page
// gets back exactly the workbook the worker read, checked as before.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type PlainWorkbook } from '../../../src/excel/plain-workbook';
import { runReadJob } from '../../../src/excel/read-job';
import { parseWorkerMessage, toWire, type WorkerMessage } from '../../../src/excel/worker-protocol';
import { asOnThePage, fixture } from './helpers';

async function read(name: string): Promise<WorkerMessage> {
  const messages: WorkerMessage[] = [];
  const bytes = fixture(name);
  await runReadJob(
    { bytes: bytes.slice().buffer, fileName: name, format: 'xlsx', limits: DEFAULT_LIMITS },
    (m) => messages.push(asOnThePage(m)),
  );
  const last = messages.at(-1);
  if (!last) throw new Error('no message');
  return last;
}

const workbook = (rows: PlainWorkbook['sheets'][number]['rows']): PlainWorkbook => ({
  fileName: 'x.xlsx',
  format: 'xlsx',
  sheets: [{ name: 'Biểu 04', hidden: false, rows, merges: [], truncated: false }],
  customProps: {},
});

describe('toWire / parseWorkerMessage', () => {
  it.each(['tan-hong-2022-bieu04.xlsx', 'hidden-sheet.xlsx', 'bieu03-wrong-percent.xlsx'])(
    '%s arrives on the page as the worker read it',
    async (name) => {
      const message = await read(name);
      expect(message.type).toBe('done');
      expect(parseWorkerMessage(structuredClone(toWire(message)))).toEqual(message);
    },
  );

  it('sends a number bare only when its shown text is its own text', () => {
    const cells = [
      { v: 2682, text: '2682' },
      { v: 2682, text: '2,682' },
      { v: 0.948, text: '94.80%' },
      { v: 0.5, text: '0.5' },
      { v: '12', text: '12' },
      { v: null, text: '', formulaWithoutValue: true as const },
      null,
    ];
    const wire = toWire({ type: 'done', workbook: workbook([cells]) });
    expect(wire.type === 'done' && wire.workbook.sheets[0]?.rows[0]).toEqual([
      2682,
      { v: 2682, text: '2,682' },
      { v: 0.948, text: '94.80%' },
      0.5,
      { v: '12', text: '12' },
      { v: null, text: '', formulaWithoutValue: true },
      null,
    ]);
    expect(parseWorkerMessage(structuredClone(wire))).toEqual({ type: 'done', workbook: workbook([cells]) });
  });

  it('gives every place of one number one read-only cell, and -0 a cell of its own', () => {
    const rows = [
      [7, 0, -0],
      [7, 0.5, 0],
    ].map((row) => row.map((v) => ({ v, text: String(v) })));
    const got = parseWorkerMessage(structuredClone(toWire({ type: 'done', workbook: workbook(rows) })));
    if (got?.type !== 'done') throw new Error('not a workbook');
    const [a = [], b = []] = got.workbook.sheets[0]?.rows ?? [];
    expect([...a, ...b]).toEqual(rows.flat());
    expect(b[0]).toBe(a[0]);
    expect(b[2]).toBe(a[1]);
    expect(Object.is(a[2]?.v, -0)).toBe(true);
    expect(a[2]).not.toBe(a[1]);
    expect(Object.isFrozen(a[0])).toBe(true);
  });

  it('still refuses what is not a workbook: bare numbers that are not finite, other values', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, true, 'text', [1]]) {
      const data = {
        type: 'done',
        workbook: { ...workbook([]), sheets: [{ ...workbook([]).sheets[0], rows: [[1, bad]] }] },
      };
      expect(parseWorkerMessage(data)).toBeNull();
    }
  });
});
