// The member list session over the real store (fake-indexeddb): typed values parsed, validated and saved, undo
// and redo, refused input kept out, Biểu 04 filled from the list as one undo step of the report.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { MemberRows } from '../../../src/core/list/member-table';
import type { ReportMeta, RowValues } from '../../../src/core/model';
import { MemberSession } from '../../../src/state/member-session.svelte';
import { ReportSession } from '../../../src/state/report-session.svelte';
import { TongHopDB } from '../../../src/storage/db';
import { chunkOf, MemberStore } from '../../../src/storage/member-store';
import { memberRowId } from '../../../src/core/list/members';
import { memberSequence } from '../../../src/core/list/member-table';
import { ReportRepository } from '../../../src/storage/repository';
import { templateById } from '../../../src/templates';
import { buildSampleReport } from '../../../src/templates/sample';

let dbCount = 0;

async function open() {
  const db = new TongHopDB(`members-test-${++dbCount}`);
  const repo = new ReportRepository(db);
  const store = new MemberStore(db);
  const { meta, data } = buildSampleReport('r1', 1);
  await repo.createReport(meta, data);
  const template = templateById(meta.templateId);
  if (!template.ok) throw new Error(template.error);
  const report = new ReportSession(meta, data, template.template, {
    saveCells: (writes) => repo.writeCells(meta.id, writes),
    saveMeta: (update: (m: ReportMeta) => ReportMeta) => repo.updateMeta(meta.id, update),
  });
  const loaded = await store.load('r1');
  const members = new MemberSession(report, loaded.rows, (writes) => store.write('r1', writes));
  return { db, repo, store, report, members };
}

describe('MemberSession', () => {
  it('parses, validates and saves typed members; a reload reads the same list', async () => {
    const { members, store } = await open();
    const a = members.addMember();
    const b = members.addMember();
    expect(members.editCell(a, 'name', 'Nguyễn Văn An')).toEqual({ ok: true, changed: true });
    members.editCell(a, 'unit', 'DB xa Tan Ho Co');
    members.editCell(a, 'rating', 'HTXSNV');
    members.editCell(b, 'name', 'Trần Thị Bình');
    members.editCell(b, 'unit', 'Đảng bộ xã Tân Hộ Cơ');
    members.editCell(b, 'sickMonths', '4');
    members.editCell(b, 'rating', 'HTTNV');
    expect(members.value(a, 'unit')).toBe('u05');
    expect(members.validator.findingsAt(b, 'rating').map((f) => f.ruleId)).toContain('members-sick-leave');
    expect(members.crossCheck().length).toBeGreaterThan(0);
    await members.flush();
    const loaded = await store.load('r1');
    expect(asMap(loaded.rows)).toEqual(asMap(members.rows));
    expect(loaded.dropped).toEqual([]);
  });

  it('two tabs adding a member at once, before hearing of each other, make two members, not one', async () => {
    const { report, store, members: first } = await open();
    const second = new MemberSession(report, (await store.load('r1')).rows, (w) => store.write('r1', w));
    const a = first.addMember();
    const b = second.addMember();
    expect(memberSequence(a)).toBe(memberSequence(b));
    expect(a).not.toBe(b);
    first.editCell(a, 'name', 'Nguyễn Văn An');
    second.editCell(b, 'name', 'Trần Thị Bình');
    await Promise.all([first.flush(), second.flush()]);
    const third = new MemberSession(report, (await store.load('r1')).rows, () => Promise.resolve());
    expect([a, b].map((id) => third.value(id, 'name'))).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(third.order).toEqual([a, b].sort());
    expect(memberSequence(third.addMember())).toBe(memberSequence(a) + 1);
  });

  it('refuses what it cannot read and keeps the old value', async () => {
    const { members } = await open();
    const a = members.addMember();
    members.editCell(a, 'birthYear', '1980');
    const r = members.editCell(a, 'birthYear', 'năm tám mươi');
    expect(r.ok).toBe(false);
    expect(members.value(a, 'birthYear')).toBe(1980);
  });

  it('undoes and redoes an edit, and saves each', async () => {
    const { members, store } = await open();
    const a = members.addMember();
    members.editCell(a, 'name', 'A');
    members.editCell(a, 'name', 'B');
    members.undo();
    expect(members.value(a, 'name')).toBe('A');
    members.redo();
    expect(members.value(a, 'name')).toBe('B');
    members.undo();
    members.undo();
    expect(members.rows.has(a)).toBe(false);
    await members.flush();
    expect((await store.load('r1')).rows.size).toBe(0);
  });

  it('fills Biểu 04 from the list as one undo step of the report', async () => {
    const { members, report } = await open();
    for (const rating of ['HTXSNV', 'HTTNV', 'HTNV']) {
      const id = members.addMember();
      members.editCell(id, 'name', `Đảng viên ${rating}`);
      members.editCell(id, 'unit', 'Tân Hộ Cơ');
      members.editCell(id, 'rating', rating);
    }
    const before = report.value('b04', 'u05', 'total');
    expect(members.fillBieu04()).toBeGreaterThan(0);
    expect(report.value('b04', 'u05', 'total')).toBe(3);
    expect(report.value('b04', 'u05', 'x')).toBe(1);
    expect(report.value('b04', 'u01', 'total')).not.toBe(3); // a unit with no member keeps its row
    report.undo();
    expect(report.value('b04', 'u05', 'total')).toBe(before);
  });

  it('opens unchecked; check() shows the findings of the list as it is then, edits made before included', async () => {
    const { report, store } = await open();
    const sick = { name: 'Lê Văn Cường', unit: 'u05', sickMonths: 4, rating: 'HTTNV' };
    await store.write(
      'r1',
      Object.entries(sick).map(([col, value]) => ({ row: memberRowId(0), col, value })),
    );
    const members = new MemberSession(report, (await store.load('r1')).rows, (w) => store.write('r1', w));
    const events: number[] = [];
    members.onChange((e) => events.push(e.rows.length));
    expect(members.checked).toBe(false);
    // An edit before the check: the checks, made later, read the list with it.
    const b = members.addMember();
    members.editCell(b, 'name', 'Phạm Thị Dung');
    members.editCell(b, 'unit', 'u05');
    members.editCell(b, 'sickMonths', '5');
    members.editCell(b, 'rating', 'HTTNV');
    events.length = 0;
    members.check();
    expect(members.checked).toBe(true);
    expect(events).toEqual([0]); // the views are told once, to repaint what they show
    for (const id of [memberRowId(0), b])
      expect(members.validator.findingsAt(id, 'rating').map((f) => f.ruleId)).toContain('members-sick-leave');
    members.editCell(b, 'sickMonths', '1');
    expect(members.validator.findingsAt(b, 'rating').map((f) => f.ruleId)).not.toContain(
      'members-sick-leave',
    );
    members.check();
    expect(events.filter((n) => n === 0)).toHaveLength(1); // checked once
  });

  it('lists members by their sequence, foreign ids first, however they were read', async () => {
    const { report } = await open();
    const rows = (ids: string[]) => new Map(ids.map((id) => [id, { name: id }]));
    const inOrder = ['m0', 'm1', 'm2', 'mz', 'm10'];
    expect(new MemberSession(report, rows(inOrder), () => Promise.resolve()).order).toEqual(inOrder);
    const shuffled = ['m10', 'x7', 'm2', 'm0', 'a1', 'mz', 'm1'];
    const members = new MemberSession(report, rows(shuffled), () => Promise.resolve());
    expect(members.order).toEqual(['a1', 'x7', 'm0', 'm1', 'm2', 'mz', 'm10']);
    expect(memberSequence(members.addMember())).toBe(37); // after m10 (36)
  });

  it('shows the first members while the list is read: nothing changes until the whole list is, then it is checked', async () => {
    const { report, store } = await open();
    await store.write('r1', names(700));
    // A member past the first screen on sick leave with a rating the rule refuses: the checks must see it.
    const sick = { unit: 'u05', sickMonths: 4, rating: 'HTTNV' };
    await store.write(
      'r1',
      Object.entries(sick).map(([col, value]) => ({ row: memberRowId(650), col, value })),
    );
    const head = await store.loadHead('r1');
    let reads = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const rest = async () => {
      reads++;
      await released;
      return (await store.load('r1')).rows;
    };
    const members = new MemberSession(report, head.rows, (w) => store.write('r1', w), rest);
    const events: (string | undefined)[] = [];
    members.onChange((e) => events.push(e.read));
    expect(members.complete).toBe(false);
    expect(members.order).toEqual(Array.from({ length: 512 }, (_, i) => memberRowId(i)));
    // Nothing is written over members not read yet, and nothing is saved.
    expect(members.editCell(memberRowId(3), 'name', 'Tên mới')).toEqual({ ok: true, changed: false });
    expect(members.value(memberRowId(3), 'name')).toBe('Đảng viên 3');
    expect(members.apply([{ row: memberRowId(600), col: 'name', value: 'X' }])).toBe(false);
    expect(() => members.addMember()).toThrow(/still being read/);
    expect(members.pendingSaves).toBe(0);
    expect(reads).toBe(0); // read at the first check, not before
    members.check();
    members.check();
    expect(reads).toBe(1);
    expect(members.checked).toBe(false);
    release();
    await vi.waitFor(() => expect(members.complete).toBe(true));
    expect(events).toEqual(['extended', undefined]); // the list grew; then its checks were shown
    expect(members.checked).toBe(true);
    expect(members.order).toHaveLength(700);
    expect(members.value(memberRowId(650), 'name')).toBe('Đảng viên 650');
    expect(members.validator.findingsAt(memberRowId(650), 'rating').map((f) => f.ruleId)).toContain(
      'members-sick-leave',
    );
    expect(members.editCell(memberRowId(3), 'name', 'Tên mới')).toEqual({ ok: true, changed: true });
    await members.flush();
    expect((await store.load('r1')).rows.get(memberRowId(3))).toEqual({ name: 'Tên mới' });
  });

  it('stays as read so far, unchanged, when the rest of the list cannot be read', async () => {
    const { report, store } = await open();
    await store.write('r1', names(600));
    const head = await store.loadHead('r1');
    const members = new MemberSession(
      report,
      head.rows,
      (w) => store.write('r1', w),
      () => Promise.resolve(null),
    );
    members.check();
    await vi.waitFor(() => expect(members.unread).toBe(true));
    expect(members.complete).toBe(false);
    expect(members.checked).toBe(false);
    expect(members.order).toHaveLength(512);
    expect(members.apply([{ row: memberRowId(0), col: 'name', value: 'X' }])).toBe(false);
    expect((await store.load('r1')).rows.get(memberRowId(0))).toEqual({ name: 'Đảng viên 0' });
  });

  it('undo and redo leave a member cell another tab changed since, and say how many', async () => {
    const { members, store } = await open();
    const a = members.addMember();
    members.apply([
      { row: a, col: 'name', value: 'Nguyễn Văn An' },
      { row: a, col: 'birthYear', value: 1970 },
    ]);
    // Another tab stores its value, then tells this one.
    await members.flush();
    await store.write('r1', [{ row: a, col: 'birthYear', value: 1971 }]);
    members.applyRemote([{ row: a, col: 'birthYear', value: 1971 }]);
    expect(members.undo()).toBe(1);
    expect([members.value(a, 'name'), members.value(a, 'birthYear')]).toEqual([null, 1971]);
    expect(members.redo()).toBe(1);
    expect([members.value(a, 'name'), members.value(a, 'birthYear')]).toEqual(['Nguyễn Văn An', 1971]);
    members.editCell(a, 'note', 'x');
    expect(members.undo()).toBe(0);
    await members.flush();
    expect((await store.load('r1')).rows.get(a)).toEqual({ name: 'Nguyễn Văn An', birthYear: 1971 });
  });

  it('shows and checks cells another tab stored, without storing them again or making them an undo step', async () => {
    const { report, store } = await open();
    const persisted: unknown[] = [];
    const members = new MemberSession(report, (await store.load('r1')).rows, (w) => {
      persisted.push(...w);
      return store.write('r1', w);
    });
    members.check();
    const events: { rows: readonly string[]; added: readonly string[] }[] = [];
    members.onChange((e) => events.push({ rows: e.rows, added: e.added }));
    const other = memberRowId(4);
    const remote = { unit: 'u05', sickMonths: 4, rating: 'HTTNV' };
    members.applyRemote(Object.entries(remote).map(([col, value]) => ({ row: other, col, value })));
    expect(members.order).toEqual([other]);
    expect(members.value(other, 'rating')).toBe('HTTNV');
    expect(events).toEqual([{ rows: [other], added: [other] }]);
    expect(members.validator.findingsAt(other, 'rating').map((f) => f.ruleId)).toContain(
      'members-sick-leave',
    );
    expect(members.canUndo).toBe(false);
    expect(members.pendingSaves).toBe(0);
    // The same cells again change nothing; a member added here comes after the other tab's.
    members.applyRemote([{ row: other, col: 'rating', value: 'HTTNV' }]);
    expect(events).toHaveLength(1);
    expect(memberSequence(members.addMember())).toBe(5);
    await members.flush();
    expect(persisted).toEqual([]);
  });

  it('keeps cells another tab stored while the whole list is read, and shows them once it is', async () => {
    const { report, store } = await open();
    await store.write('r1', names(600));
    const head = await store.loadHead('r1');
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The whole list as it was read before the other tab's write was stored.
    const before = (await store.load('r1')).rows;
    const members = new MemberSession(
      report,
      head.rows,
      (w) => store.write('r1', w),
      () => released.then(() => before),
    );
    members.check();
    members.applyRemote([
      { row: memberRowId(3), col: 'name', value: 'Đổi ở tab khác' },
      { row: memberRowId(550), col: 'name', value: 'Cũng đổi ở tab khác' },
      { row: memberRowId(600), col: 'name', value: 'Thêm ở tab khác' },
    ]);
    // Shown members do not change while the list is read.
    expect(members.value(memberRowId(3), 'name')).toBe('Đảng viên 3');
    release();
    await vi.waitFor(() => expect(members.complete).toBe(true));
    expect(members.value(memberRowId(3), 'name')).toBe('Đổi ở tab khác');
    expect(members.value(memberRowId(550), 'name')).toBe('Cũng đổi ở tab khác');
    expect(members.order).toHaveLength(601);
    expect(members.order.at(-1)).toBe(memberRowId(600));
    expect(members.canUndo).toBe(false);
    expect(members.pendingSaves).toBe(0);
  });

  it('tells the views the list was replaced when the first members shown are not the whole list’s first', async () => {
    const { report } = await open();
    const rows = (ids: string[]) => new Map(ids.map((id) => [id, { name: id }]));
    // A damaged store: a member kept in a chunk not its own comes first in the whole list.
    const whole = new MemberSession(report, rows(['m1', 'm2', 'm0']), () => Promise.resolve()).rows;
    const members = new MemberSession(
      report,
      rows(['m1', 'm2']),
      () => Promise.resolve(),
      () => Promise.resolve(whole),
    );
    const events: (string | undefined)[] = [];
    members.onChange((e) => events.push(e.read));
    members.check();
    await vi.waitFor(() => expect(members.complete).toBe(true));
    expect(events[0]).toBe('replaced');
    expect(members.order).toEqual(['m0', 'm1', 'm2']);
  });
});

describe('MemberStore', () => {
  it('reads the head of a list: its first chunks in the list’s order, and whether that is all of it', async () => {
    const { store, repo } = await open();
    await store.write('r1', [...names(700), { row: 'x-foreign', col: 'name', value: 'Ngoại' }]);
    // Another report's list, whose id sorts right after.
    const r10 = buildSampleReport('r10', 1);
    await repo.createReport(r10.meta, r10.data);
    await store.write('r10', names(5));
    const whole = await store.load('r1');
    const head = await store.loadHead('r1');
    expect(head.complete).toBe(false);
    // The foreign ids' chunk, then the first chunk by sequence.
    expect(head.rows.ordered().ids).toEqual(whole.rows.ordered().ids.slice(0, 257));
    expect(head.dropped).toEqual([]);
    const all = await store.loadHead('r1', 10);
    expect(all.complete).toBe(true);
    expect(asMap(all.rows)).toEqual(asMap(whole.rows));
    const other = await store.loadHead('r10');
    expect(other.complete).toBe(true);
    expect(other.rows.ordered().ids).toEqual(names(5).map((w) => w.row));
    expect((await store.loadHead('none')).rows.size).toBe(0);
  });

  it('drops and names a damaged cell or member, keeps the rest', async () => {
    const { db, store } = await open();
    await db.members.bulkPut([
      {
        reportId: 'r1',
        chunk: 0,
        ids: ['m0', 'm1', 7, 'm3'],
        cols: {
          name: ['A', 'B', 'C', null],
          birthYear: [{ bad: 1 }, 1970, 1971, null],
          rating: ['HTTNV'], // not one value per member
        },
      },
      { reportId: 'r1', chunk: 1, rows: { m256: { name: 'old layout' } } },
    ] as never);
    const loaded = await store.load('r1');
    expect(asMap(loaded.rows)).toEqual(
      new Map([
        ['m0', { name: 'A' }],
        ['m1', { name: 'B', birthYear: 1970 }],
      ]),
    );
    expect(loaded.dropped).toEqual([
      'member #2: received the id 7',
      'm0/birthYear: received an object',
      'rating: expected 4 values, received an array',
      'member chunk #1: not a member chunk',
    ]);
  });

  it('stores members in chunks by their sequence: an edit rewrites one chunk, a reload reads them all', async () => {
    const { db, store } = await open();
    const writes = Array.from({ length: 1100 }, (_, i) => ({
      row: memberRowId(i),
      col: 'name',
      value: `Đảng viên ${i}`,
    }));
    await store.write('r1', writes);
    expect(await db.members.where('reportId').equals('r1').count()).toBe(5); // 256 members a chunk
    expect(chunkOf(memberRowId(1099))).toBe(4);
    await store.write('r1', [{ row: memberRowId(600), col: 'birthYear', value: 1970 }]);
    const loaded = await store.load('r1');
    expect(loaded.rows.size).toBe(1100);
    expect(loaded.rows.get(memberRowId(600))).toEqual({ name: 'Đảng viên 600', birthYear: 1970 });
    // Emptying every member of a chunk deletes the chunk.
    await store.write(
      'r1',
      writes.slice(1024).map((w) => ({ ...w, value: null })),
    );
    expect(await db.members.where('reportId').equals('r1').count()).toBe(4);
  });

  it('keeps both of two writers’ cells of one member, and deletes the list with its report', async () => {
    const { store, repo } = await open();
    await Promise.all([
      store.write('r1', [{ row: 'm0', col: 'name', value: 'A' }]),
      store.write('r1', [{ row: 'm0', col: 'birthYear', value: 1970 }]),
    ]);
    expect((await store.load('r1')).rows.get('m0')).toEqual({ name: 'A', birthYear: 1970 });
    await repo.deleteReport('r1');
    expect((await store.load('r1')).rows.size).toBe(0);
  });
});

/** Names for the first `n` members of a list (ids by sequence). */
function names(n: number) {
  return Array.from({ length: n }, (_, i) => ({ row: memberRowId(i), col: 'name', value: `Đảng viên ${i}` }));
}

/** The members of a list, id → row, in the list's order. */
function asMap(rows: MemberRows): Map<string, RowValues> {
  const out = new Map<string, RowValues>();
  rows.forEach((row, id) => out.set(id, row));
  return out;
}
