import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTabSync,
  MEMBER_CHANGES_PER_MESSAGE,
  parseSyncMessage,
  postMemberChanges,
  type SyncMessage,
  type TabSync,
} from '../../../src/storage/sync';
import { uniqueDbName } from './helpers';

const open: TabSync[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

function tab(channel: string): TabSync {
  const s = createTabSync(channel);
  open.push(s);
  return s;
}

/** Resolves with the messages `sync` received, once `count` arrived. */
function receive(sync: TabSync, count: number): Promise<SyncMessage[]> {
  const got: SyncMessage[] = [];
  return new Promise((resolve) => {
    sync.subscribe((m) => {
      got.push(m);
      if (got.length === count) resolve(got);
    });
  });
}

describe('createTabSync', () => {
  it('delivers a message to the other tab, stamped with the sender', async () => {
    const channel = uniqueDbName('chan');
    const a = tab(channel);
    const b = tab(channel);
    expect(a.tabId).not.toBe(b.tabId);
    const received = receive(b, 1);
    a.post({ type: 'cells', reportId: 'r1', changes: [{ sheet: 's', row: 'u1', col: 'R', value: 4 }] });
    expect(await received).toEqual([
      {
        type: 'cells',
        reportId: 'r1',
        changes: [{ sheet: 's', row: 'u1', col: 'R', value: 4 }],
        from: a.tabId,
      },
    ]);
  });

  it('delivers a member list’s cells, and drops a members message with an invalid cell', async () => {
    const channel = uniqueDbName('chan');
    const a = tab(channel);
    const b = tab(channel);
    const received = receive(b, 1);
    const raw = new BroadcastChannel(channel);
    raw.postMessage({ type: 'members', reportId: 'r1', changes: [{ row: 'm1', value: 'x' }], from: 'x' });
    raw.postMessage({
      type: 'members',
      reportId: 'r1',
      changes: [{ row: 'm1', col: 'c', value: {} }],
      from: 'x',
    });
    raw.postMessage({ type: 'members', reportId: 'r1', changes: 'm1', from: 'x' });
    raw.close();
    const changes = [
      { row: 'm1', col: 'name', value: 'Nguyễn Văn An' },
      { row: 'm2', col: 'birthYear', value: 1980 },
      { row: 'm3', col: 'note', value: null },
    ];
    a.post({ type: 'members', reportId: 'r1', changes });
    expect(await received).toEqual([{ type: 'members', reportId: 'r1', changes, from: a.tabId }]);
  });

  it('posts a large member write in messages of at most MEMBER_CHANGES_PER_MESSAGE cells, in order', async () => {
    const channel = uniqueDbName('chan');
    const a = tab(channel);
    const b = tab(channel);
    const n = 2 * MEMBER_CHANGES_PER_MESSAGE + 3;
    const changes = Array.from({ length: n }, (_, i) => ({ row: `m${i}`, col: 'name', value: `Tên ${i}` }));
    const received = receive(b, 3);
    await postMemberChanges(a, 'r1', changes);
    const got = await received;
    expect(got.map((m) => (m.type === 'members' ? m.changes.length : -1))).toEqual([
      MEMBER_CHANGES_PER_MESSAGE,
      MEMBER_CHANGES_PER_MESSAGE,
      3,
    ]);
    expect(got.flatMap((m) => (m.type === 'members' ? m.changes : []))).toEqual(changes);
  });

  it('drops invalid messages and ignores its own', async () => {
    const channel = uniqueDbName('chan');
    const a = tab(channel);
    const b = tab(channel);
    const ownSeen: SyncMessage[] = [];
    a.subscribe((m) => ownSeen.push(m));
    const received = receive(b, 2);

    const raw = new BroadcastChannel(channel); // a foreign sender: another app version, or garbage
    raw.postMessage({
      type: 'cells',
      reportId: 'r1',
      changes: [{ sheet: 's', row: 'u', col: 'c', value: NaN }],
      from: 'x',
    });
    raw.postMessage({ type: 'meta', from: 'x' });
    raw.postMessage('hello');
    raw.postMessage({ type: 'meta', reportId: 'r1', from: a.tabId }); // pretends to be a: a ignores it
    a.post({ type: 'list' });
    // The three invalid messages were dropped; the two valid ones arrive in order.
    expect(await received).toEqual([
      { type: 'meta', reportId: 'r1', from: a.tabId },
      { type: 'list', from: a.tabId },
    ]);
    raw.close();
    expect(ownSeen).toEqual([]);
  });

  it('stops delivering after unsubscribe and ignores post after close', async () => {
    const channel = uniqueDbName('chan');
    const a = tab(channel);
    const b = tab(channel);
    const seen: SyncMessage[] = [];
    const unsubscribe = b.subscribe((m) => seen.push(m));
    const last = receive(b, 1);
    unsubscribe();
    a.post({ type: 'list' });
    await last;
    expect(seen).toEqual([]);
    a.close();
    expect(() => a.post({ type: 'list' })).not.toThrow();
  });

  it('refuses to post an invalid message', () => {
    const a = tab(uniqueDbName('chan'));
    expect(() => a.post({ type: 'meta', reportId: '' })).toThrow(TypeError);
  });
});

describe('parseSyncMessage', () => {
  it.each([
    [
      { type: 'list', from: 't' },
      { type: 'list', from: 't' },
    ],
    [{ type: 'list', from: '' }, null],
    [
      { type: 'meta', reportId: 'r', from: 't', extra: 1 },
      { type: 'meta', reportId: 'r', from: 't' },
    ],
    [
      { type: 'submissions', reportId: 'r', from: 't', extra: 1 },
      { type: 'submissions', reportId: 'r', from: 't' },
    ],
    [{ type: 'submissions', from: 't' }, null],
    [
      { type: 'cells', reportId: 'r', from: 't', changes: [] },
      { type: 'cells', reportId: 'r', from: 't', changes: [] },
    ],
    [
      { type: 'cells', reportId: 'r', from: 't', changes: [{ sheet: 's', row: 'u', col: 'c', value: null }] },
      {
        type: 'cells',
        reportId: 'r',
        from: 't',
        changes: [{ sheet: 's', row: 'u', col: 'c', value: null }],
      },
    ],
    [
      { type: 'cells', reportId: 'r', from: 't', changes: [{ sheet: 's', row: 'u', col: 1, value: 1 }] },
      null,
    ],
    [{ type: 'cells', reportId: 'r', from: 't', changes: 'all' }, null],
    [{ type: 'other', reportId: 'r', from: 't' }, null],
    [[{ type: 'list', from: 't' }], null],
  ])('parses %j', (raw, expected) => {
    expect(parseSyncMessage(raw)).toEqual(expected);
  });
});
