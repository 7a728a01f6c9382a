// The open report: edits are parsed, validated, recorded for undo and saved — checked against the real
// repository on fake-indexeddb, so what is saved is what a reload would read.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getCell, type ReportMeta } from '../../../src/core/model';
import { ReportSession } from '../../../src/state/report-session.svelte';
import { TongHopDB } from '../../../src/storage/db';
import { ReportRepository } from '../../../src/storage/repository';
import { templateById } from '../../../src/templates';
import { buildSampleReport } from '../../../src/templates/sample';

let dbCount = 0;

async function openSample(options: { deferCheck?: boolean } = {}) {
  const repo = new ReportRepository(new TongHopDB(`session-test-${++dbCount}`));
  const { meta, data } = buildSampleReport('r1', 1);
  await repo.createReport(meta, data);
  const template = templateById(meta.templateId);
  if (!template.ok) throw new Error(template.error);
  const session = new ReportSession(
    meta,
    data,
    template.template,
    {
      saveCells: (writes) => repo.writeCells(meta.id, writes),
      saveMeta: (update: (m: ReportMeta) => ReportMeta) => repo.updateMeta(meta.id, update),
    },
    options,
  );
  /** What a reload would read. */
  const reload = async () => {
    await session.flush();
    const loaded = await repo.loadReport(meta.id);
    if ('error' in loaded) throw new Error(loaded.error);
    return loaded;
  };
  return { session, reload };
}

describe('ReportSession', () => {
  it('opened with a deferred check, tells the views once check() has run, and edits meanwhile are kept', async () => {
    const { session, reload } = await openSample({ deferCheck: true });
    const eager = (await openSample()).session;
    expect(session.checked).toBe(false);
    expect(session.validator.checked).toBe(false);
    const version = session.version;
    // An edit before the check: the edited value is validated with the rest when the check runs.
    expect(session.editCell('b04', 'u02', 'g', '1.200')).toEqual({ ok: true, changed: true });
    expect(eager.editCell('b04', 'u02', 'g', '1.200')).toEqual({ ok: true, changed: true });
    session.check();
    expect(session.checked).toBe(true);
    expect(session.version).toBeGreaterThan(version);
    expect(session.validator.countsOf('b04')).toEqual(eager.validator.countsOf('b04'));
    expect(session.validator.column('b04', 'g')).toEqual(eager.validator.column('b04', 'g'));
    const bumped = session.version;
    session.check();
    expect(session.version).toBe(bumped);
    expect(getCell((await reload()).data, 'b04', 'u02', 'g')).toBe(1200);
  });

  it('parses a typed value, validates it and saves it', async () => {
    const { session, reload } = await openSample();
    expect(session.editCell('b04', 'u02', 'g', '1.200')).toEqual({ ok: true, changed: true });
    expect(session.value('b04', 'u02', 'g')).toBe(1200);
    expect(session.validator.countsOf('b04').error).toBe(2);
    const stored = await reload();
    expect(getCell(stored.data, 'b04', 'u02', 'g')).toBe(1200);
  });

  it('refuses what it cannot read and keeps the old value', async () => {
    const { session } = await openSample();
    const result = session.editCell('b04', 'u02', 'g', '=SUM(A1:A3)');
    expect(result).toEqual({ ok: false, error: { code: 'formula', received: '=SUM(A1:A3)', kind: 'count' } });
    expect(session.value('b04', 'u02', 'g')).toBe(210);
    expect(session.canUndo).toBe(false);
  });

  it('does not write computed cells or rows a sheet does not have', async () => {
    const { session } = await openSample();
    expect(session.editCell('b04', 'u02', 'pct-g', '50')).toEqual({ ok: true, changed: false });
    // u15 is a chi bộ cơ sở: Biểu 02 has rows for đảng bộ only.
    expect(session.editCell('b02', 'u15', 'total', '5')).toEqual({ ok: true, changed: false });
    expect(session.value('b02', 'u15', 'total')).toBeNull();
  });

  it('undoes and redoes a batch as one step, and saves each', async () => {
    const { session, reload } = await openSample();
    session.applyCells([
      { sheet: 'b04', row: 'u01', col: 'h', value: 11 },
      { sheet: 'b04', row: 'u01', col: 'k', value: 2 },
    ]);
    session.undo();
    expect([session.value('b04', 'u01', 'h'), session.value('b04', 'u01', 'k')]).toEqual([10, 3]);
    expect(session.canRedo).toBe(true);
    session.redo();
    expect([session.value('b04', 'u01', 'h'), session.value('b04', 'u01', 'k')]).toEqual([11, 2]);
    session.undo();
    const stored = await reload();
    expect(getCell(stored.data, 'b04', 'u01', 'h')).toBe(10);
    expect(getCell(stored.data, 'b04', 'u01', 'k')).toBe(3);
  });

  it('removes a unit with its figures, and undo brings both back', async () => {
    const { session, reload } = await openSample();
    const removed = session.meta.units[1];
    expect(removed && session.hasValues(removed.id)).toBe(true);
    session.setUnits(session.meta.units.filter((u) => u !== removed));
    expect(session.meta.units).toHaveLength(26);
    expect(session.value('b04', 'u02', 'total')).toBeNull();
    // The reported totals no longer match the 26 remaining units.
    expect(session.validator.countsOf('b04').error).toBeGreaterThan(0);
    let stored = await reload();
    expect(stored.meta.units).toHaveLength(26);
    expect(getCell(stored.data, 'b04', 'u02', 'total')).toBeNull();

    session.undo();
    expect(session.meta.units).toHaveLength(27);
    expect(session.value('b04', 'u02', 'total')).toBe(272);
    expect(session.validator.countsOf('b04').error).toBe(0);
    stored = await reload();
    expect(stored.meta.units.map((u) => u.id)).toEqual(session.meta.units.map((u) => u.id));
    expect(getCell(stored.data, 'b04', 'u02', 'total')).toBe(272);
  });

  it('changes a sheet setting, revalidates, and undoes it', async () => {
    const { session, reload } = await openSample();
    session.setSettings('b04', { convention: 'exclusive', rounding: 'half-up' });
    expect(session.validator.countsOf('b04').error).toBeGreaterThan(20);
    expect((await reload()).meta.settings.b04?.convention).toBe('exclusive');
    session.undo();
    expect(session.validator.countsOf('b04').error).toBe(0);
    expect((await reload()).meta.settings.b04).toBeUndefined();
  });

  it("applies another tab's values without recording them for undo", async () => {
    const { session } = await openSample();
    let notified = 0;
    session.onChange(() => notified++);
    session.applyRemote([{ sheet: 'b04', row: 'u03', col: 'x', value: 30 }]);
    expect(session.value('b04', 'u03', 'x')).toBe(30);
    expect(session.canUndo).toBe(false);
    expect(notified).toBe(1);
  });

  it('undo and redo leave a cell another tab changed since, and say how many', async () => {
    const { session, reload } = await openSample();
    session.applyCells([
      { sheet: 'b04', row: 'u01', col: 'h', value: 11 },
      { sheet: 'b04', row: 'u01', col: 'k', value: 2 },
    ]);
    session.applyRemote([{ sheet: 'b04', row: 'u01', col: 'k', value: 7 }]);
    expect(session.undo()).toBe(1);
    expect([session.value('b04', 'u01', 'h'), session.value('b04', 'u01', 'k')]).toEqual([10, 7]);
    expect(session.redo()).toBe(1);
    expect([session.value('b04', 'u01', 'h'), session.value('b04', 'u01', 'k')]).toEqual([11, 7]);
    // With no other tab in between, every cell is this tab's and none is left.
    expect(session.undo()).toBe(1);
    session.applyCells([{ sheet: 'b04', row: 'u02', col: 'h', value: 1 }]);
    expect(session.undo()).toBe(0);
    await session.flush();
    const stored = await reload();
    expect(getCell(stored.data, 'b04', 'u01', 'h')).toBe(10);
  });
});
