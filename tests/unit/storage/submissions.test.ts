// The submission board's records: stored per report, read back checked, damaged ones named, deleted with the
// report.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../../src/core/submission';
import { TongHopDB } from '../../../src/storage/db';
import { ReportRepository } from '../../../src/storage/repository';
import { restoreSubmission } from '../../../src/storage/restore-submission';
import { sampleMeta, uniqueDbName } from './helpers';

function submission(over: Partial<Submission> = {}): Submission {
  return {
    id: 's1',
    fileName: 'TanHong_2022_XaTanHoCo.xlsx',
    receivedAt: 1_700_000_000_000,
    status: 'errors',
    state: 'pending',
    unitId: 'u1',
    via: 'marker',
    reason: null,
    sheets: ['b04'],
    values: { b04: { total: 210, rated: 200, g: 150 } },
    control: { b04: { total: 210 } },
    findings: [
      {
        ruleId: 'b04-sum',
        severity: 'error',
        sheet: 'b04',
        row: 'u1',
        columns: ['total'],
        variant: 'mismatch',
        expected: 209,
        received: 210,
        values: { parts: 209 },
      },
    ],
    invalid: [
      {
        sheet: 'b04',
        row: 'u1',
        col: 'k',
        raw: 'abc',
        error: { code: 'not-a-number', received: 'abc', kind: 'count' },
      },
    ],
    percentChecks: [],
    ...over,
  };
}

async function repoWithReport() {
  const db = new TongHopDB(uniqueDbName('submissions'));
  const repo = new ReportRepository(db);
  await repo.createReport(sampleMeta(), new Map());
  return { db, repo };
}

describe('submissions in storage', () => {
  it('stores and lists a report’s submissions, oldest first, equal to what was put', async () => {
    const { repo } = await repoWithReport();
    const later = submission({
      id: 's2',
      receivedAt: 1_700_000_000_500,
      status: 'ok',
      findings: [],
      invalid: [],
    });
    await repo.putSubmissions('r1', [later, submission()]);
    const list = await repo.listSubmissions('r1');
    expect(list.damaged).toEqual([]);
    expect(list.submissions).toEqual([submission(), later]);
  });

  it('replaces a submission by id (a state change) and keeps what it changed', async () => {
    const { repo } = await repoWithReport();
    await repo.putSubmissions('r1', [submission()]);
    const combined = submission({
      state: 'combined',
      combinedAt: 5,
      changes: [{ sheet: 'b04', row: 'u1', col: 'g', before: null, after: 150 }],
    });
    await repo.putSubmissions('r1', [combined]);
    expect((await repo.listSubmissions('r1')).submissions).toEqual([combined]);
  });

  it('refuses to store for a report that does not exist, and stores nothing of an invalid batch', async () => {
    const { repo } = await repoWithReport();
    await expect(repo.putSubmissions('nope', [submission()])).rejects.toThrow('not found');
    const bad = { ...submission({ id: 's2' }), status: 'great' } as unknown as Submission;
    await expect(repo.putSubmissions('r1', [submission(), bad])).rejects.toThrow('status: expected one of');
    expect((await repo.listSubmissions('r1')).submissions).toEqual([]);
  });

  it('lists a damaged record apart with the field at fault', async () => {
    const { db, repo } = await repoWithReport();
    await repo.putSubmissions('r1', [submission()]);
    await db.submissions.put({
      ...submission({ id: 's9' }),
      reportId: 'r1',
      values: { b04: { g: {} } },
    } as never);
    const list = await repo.listSubmissions('r1');
    expect(list.submissions.map((s) => s.id)).toEqual(['s1']);
    expect(list.damaged).toEqual([
      { id: 's9', error: 'values.b04.g: expected a number or a string, received an object' },
    ]);
  });

  it('deletes submissions by id, and all of them with their report', async () => {
    const { repo } = await repoWithReport();
    await repo.putSubmissions('r1', [submission(), submission({ id: 's2' })]);
    await repo.deleteSubmissions('r1', ['s1']);
    expect((await repo.listSubmissions('r1')).submissions.map((s) => s.id)).toEqual(['s2']);
    await repo.deleteReport('r1');
    expect((await repo.listSubmissions('r1')).submissions).toEqual([]);
  });
});

describe('restoreSubmission', () => {
  it('rebuilds a fresh copy, never the input', () => {
    const raw = { ...submission(), reportId: 'r1' };
    const r = restoreSubmission(raw);
    expect(r.ok && r.submission).toEqual(submission());
    expect(r.ok && r.submission.values).not.toBe(raw.values);
  });

  it.each([
    ['id', 7, 'id: expected a string, received 7'],
    ['receivedAt', 'today', 'receivedAt: expected a number, received "today"'],
    ['state', 'gone', 'state: expected one of pending, combined, replaced, dismissed, received "gone"'],
    ['unitId', 3, 'unitId: expected a string, received 3'],
    ['findings', 'none', 'findings: expected an array, received "none"'],
    ['reason', { text: 'x' }, 'reason.code: expected a string, received undefined'],
  ])('names a wrong %s', (field, value, error) => {
    expect(restoreSubmission({ ...submission(), reportId: 'r1', [field]: value })).toEqual({
      ok: false,
      error,
    });
  });
});
