// The submission board's flow over the real core, session and repository (fake-indexeddb): files classified in
// the order given, stored, combined as one undo step after a snapshot, the board following undo and redo.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ImportWorkbook } from '../../../src/core/import-plan';
import { cloneData, getCell, type ReportMeta, type RowValues } from '../../../src/core/model';
import type { PlainWorkbook, ReadResult } from '../../../src/excel/plain-workbook';
import { CollectFlow, type CollectServices } from '../../../src/state/collect-flow.svelte';
import { ReportSession } from '../../../src/state/report-session.svelte';
import { TongHopDB } from '../../../src/storage/db';
import { ReportRepository } from '../../../src/storage/repository';
import { templateById } from '../../../src/templates';
import { buildSampleReport } from '../../../src/templates/sample';
import { unitFormWorkbook } from '../../fixtures/unit-form';

let dbCount = 0;

async function setup() {
  const repo = new ReportRepository(new TongHopDB(`collect-test-${++dbCount}`));
  const sample = buildSampleReport('r1', 1);
  // The committee's report before the units answer: Biểu 04 empty.
  const data = cloneData(sample.data);
  data.delete('b04');
  await repo.createReport(sample.meta, data);
  const compiled = templateById(sample.meta.templateId);
  if (!compiled.ok) throw new Error(compiled.error);
  const template = compiled.template;
  const session = new ReportSession(sample.meta, data, template, {
    saveCells: (writes) => repo.writeCells(sample.meta.id, writes),
    saveMeta: (update: (m: ReportMeta) => ReportMeta) => repo.updateMeta(sample.meta.id, update),
  });
  const files = new Map<string, ImportWorkbook | null>();
  let ids = 0;
  let snapshots = 0;
  const services: CollectServices = {
    expand: (inputs) =>
      Promise.resolve({ entries: inputs.map((i) => ({ name: i.name, bytes: i.bytes })), skipped: [] }),
    read: (input): Promise<ReadResult> => {
      const wb = files.get(input.name);
      return Promise.resolve(
        wb
          ? { ok: true, workbook: wb as PlainWorkbook }
          : { ok: false, error: { code: 'not-a-spreadsheet', detail: 'PDF' } },
      );
    },
    list: (id) => repo.listSubmissions(id),
    put: (id, s) => repo.putSubmissions(id, s),
    snapshot: async (id, reason) => {
      snapshots++;
      return repo.saveSnapshot(id, reason);
    },
    newId: () => `s${++ids}`,
    now: () => 1_700_000_000_000,
    concurrency: 2,
  };
  const flow = new CollectFlow(session, services);
  const unit = (id: string) => sample.meta.units.find((u) => u.id === id)!;
  const b04 = (id: string): RowValues => sample.data.get('b04')?.get(id) ?? {};
  /** A returned unit form: the unit's rows as the sample has them (the form came pre-filled), Biểu 04 changed. */
  const form = (name: string, id: string, change: RowValues = {}) => {
    const values: Record<string, RowValues> = {};
    for (const [sheet, rows] of sample.data) values[sheet] = rows.get(id) ?? {};
    values.b04 = { ...b04(id), ...change };
    files.set(
      name,
      unitFormWorkbook(template, sample.meta, [{ unit: unit(id), values }], { fileName: name }),
    );
    return { name, bytes: new Uint8Array([1]) };
  };
  return { repo, session, services, flow, form, files, b04, snapshots: () => snapshots };
}

describe('CollectFlow', () => {
  it('lists each file in the order given with its status, stores the board and the missing units', async () => {
    const { repo, flow, form, session, services } = await setup();
    const total = (buildSampleReport('r1', 1).data.get('b04')?.get('u02')?.total as number) + 50;
    await flow.collect([
      form('a.xlsx', 'u01'),
      form('b.xlsx', 'u02', { total }),
      form('c.xlsx', 'u01', { k: 0 }),
      { name: 'd.pdf', bytes: new Uint8Array([37, 80]) },
    ]);
    expect(flow.submissions.map((s) => [s.fileName, s.unitId, s.status])).toEqual([
      ['a.xlsx', 'u01', 'ok'],
      ['b.xlsx', 'u02', 'errors'],
      ['c.xlsx', 'u01', 'duplicate'],
      ['d.pdf', null, 'unrecognised'],
    ]);
    expect(flow.submissions[1]!.findings.every((f) => f.row === 'u02')).toBe(true);
    expect(flow.submissions[1]!.findings.length).toBeGreaterThan(0);
    expect(flow.lastBatch).toMatchObject({ files: 4, ok: 1, errors: 1, duplicate: 1, unrecognised: 1 });
    expect(flow.missing).toHaveLength(25);
    expect(flow.missing).not.toContain('u01');
    expect((await repo.listSubmissions('r1')).submissions).toEqual(flow.submissions);
    const again = new CollectFlow(session, services);
    await again.load();
    expect(again.submissions).toEqual(flow.submissions);
  });

  it('combines the accepted files as one undo step after a snapshot; the board follows undo and redo', async () => {
    const { session, flow, form, b04, snapshots, repo } = await setup();
    await flow.collect([form('a.xlsx', 'u01'), form('b.xlsx', 'u02'), form('x.xlsx', 'u01', { k: 9 })]);
    const plan = flow.plan();
    expect(plan.perSubmission.size).toBe(2);
    expect(plan.overwritten).toBe(0);
    const outcome = await flow.combine();
    expect(outcome).toEqual({ kind: 'combined', files: 2, cells: plan.writes.length });
    expect(snapshots()).toBe(1);
    for (const id of ['u01', 'u02'])
      for (const [col, v] of Object.entries(b04(id))) expect(session.value('b04', id, col)).toBe(v);
    expect(flow.submissions.map((s) => s.state)).toEqual(['combined', 'combined', 'pending']);
    expect(flow.submissions[0]!.changes?.length).toBe(Object.keys(b04('u01')).length);
    expect(flow.drift(flow.submissions[0]!)).toBe(0);

    session.undo();
    await Promise.resolve();
    expect(getCell(session.data, 'b04', 'u01', 'total')).toBeNull();
    await expect.poll(() => flow.submissions.map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
    session.redo();
    await expect
      .poll(() => flow.submissions.map((s) => s.state))
      .toEqual(['combined', 'combined', 'pending']);
    expect(session.value('b04', 'u01', 'total')).toBe(b04('u01').total);
    await session.flush();
    await expect
      .poll(async () => (await repo.listSubmissions('r1')).submissions.map((s) => s.state))
      .toEqual(['combined', 'combined', 'pending']);

    // An edit after combining shows as drift on the file that wrote the cell.
    session.editCell('b04', 'u01', 'total', String((b04('u01').total as number) + 1));
    expect(flow.drift(flow.submissions[0]!)).toBe(1);
  });

  it('shows what a second file would change, replaces the first on request, then combines the second', async () => {
    const { session, flow, form, b04 } = await setup();
    await flow.collect([form('a.xlsx', 'u01'), form('c.xlsx', 'u01', { h: 1, k: 0 })]);
    const second = flow.submissions[1]!;
    const cmp = flow.comparison(second.id);
    expect(cmp?.earlier.fileName).toBe('a.xlsx');
    expect(cmp?.diff).toEqual(
      [
        { sheet: 'b04', col: 'h', before: b04('u01').h ?? null, after: 1 },
        { sheet: 'b04', col: 'k', before: b04('u01').k ?? null, after: 0 },
      ].filter((d) => d.before !== d.after),
    );
    await flow.replace(second.id);
    expect(flow.submissions.map((s) => [s.state, s.status])).toEqual([
      ['replaced', 'ok'],
      ['pending', expect.stringMatching(/^(ok|errors)$/)],
    ]);
    await flow.combine();
    expect(session.value('b04', 'u01', 'h')).toBe(1);
  });

  it('sets a file aside: not combined, its unit missing again', async () => {
    const { flow, form } = await setup();
    await flow.collect([form('a.xlsx', 'u03')]);
    expect(flow.missing).not.toContain('u03');
    await flow.dismiss(flow.submissions[0]!.id);
    expect(flow.missing).toContain('u03');
    expect(flow.plan().writes).toEqual([]);
    expect(await flow.combine()).toEqual({ kind: 'nothing' });
  });
});
