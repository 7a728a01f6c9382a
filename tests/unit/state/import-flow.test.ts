// The import flow over the real core and session: once the worker reports its own progress, the planner is loaded
// and the unit names indexed while the file is still being read; the plan that follows is the same either way.
import { describe, expect, it, vi } from 'vitest';
import * as planner from '../../../src/core/import-plan';
import type { ReportMeta } from '../../../src/core/model';
import type { PlainWorkbook, ReadResult } from '../../../src/excel/plain-workbook';
import type { ReadOptions, ReadPhase } from '../../../src/excel/read-file';
import { ImportFlow } from '../../../src/state/import-flow.svelte';
import { ReportSession } from '../../../src/state/report-session.svelte';
import { templateById } from '../../../src/templates';
import { buildSampleReport } from '../../../src/templates/sample';
import { fixtureWorkbook } from '../core/import-plan.helpers';

vi.mock('../../../src/core/import-plan', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/import-plan')>();
  return { ...real, prepareImport: vi.fn(real.prepareImport) };
});

function setup(progress: readonly ReadPhase[]) {
  const { meta, data } = buildSampleReport('r1', 1);
  data.delete('b04');
  const compiled = templateById(meta.templateId);
  if (!compiled.ok) throw new Error(compiled.error);
  const session = new ReportSession(meta, data, compiled.template, {
    saveCells: () => Promise.resolve(),
    saveMeta: (update: (m: ReportMeta) => ReportMeta) => Promise.resolve(update(meta)),
  });
  let finish: (result: ReadResult) => void = () => undefined;
  const read = (_file: File, options: ReadOptions) =>
    new Promise<ReadResult>((resolve) => {
      for (const phase of progress) options.onProgress?.(phase, 0);
      finish = resolve;
    });
  const flow = new ImportFlow(session, { read, snapshot: () => Promise.resolve() });
  const workbook = fixtureWorkbook('tan-hong-2022-bieu04.xlsx') as PlainWorkbook;
  return { session, flow, done: () => finish({ ok: true, workbook }) };
}

const file = () => new File([new Uint8Array(4)], 'tan-hong-2022-bieu04.xlsx');

describe('ImportFlow', () => {
  it('readies the planner over the session’s units while the worker reads, then plans the file', async () => {
    const prepare = vi.mocked(planner.prepareImport);
    prepare.mockClear();
    const { session, flow, done } = setup(['reading', 'checking', 'parsing', 'converting']);
    const importing = flow.importFile(file());
    await vi.waitFor(() => expect(prepare).toHaveBeenCalledTimes(1));
    expect(flow.status.phase).toBe('reading');
    const ctx = prepare.mock.calls[0]?.[0];
    expect(ctx?.template).toBe(session.template);
    expect(ctx?.unitsOf('b04')).toBe(session.validator.unitsOf('b04'));
    done();
    await importing;
    const status = flow.status;
    expect(status.phase === 'preview' && status.plan.changes.length).toBeGreaterThan(0);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('plans the same without it when the worker reports nothing before its answer', async () => {
    const prepare = vi.mocked(planner.prepareImport);
    prepare.mockClear();
    // The page's own phases come before the worker exists: readying then would hold up its start.
    const { flow, done } = setup(['reading', 'checking']);
    const importing = flow.importFile(file());
    done();
    await importing;
    expect(prepare).not.toHaveBeenCalled();
    const status = flow.status;
    expect(status.phase === 'preview' && status.plan.changes.length).toBeGreaterThan(0);
  });
});
