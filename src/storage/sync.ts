// Cross-tab notifications over BroadcastChannel: "these cells changed", "these members changed", "this meta
// changed", "the list changed". Messages carry the sender's tabId; incoming ones are validated (another tab may run
// another version of the app) and our own are ignored. Without BroadcastChannel, posting and listening do nothing.
import type { CellValue } from '../core/model';
import { newId } from './ids';
import type { MemberWrite } from './member-store';
import { isRecord, isStorableValue } from './restore';

export interface SyncCellChange {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

/** A member list's cell as another tab stored it (MemberStore.write). */
export type SyncMemberChange = MemberWrite;

/**
 * The most member cells one message carries: a 100,000-member import writes a million, and one message of them
 * would hold every tab's main thread while it is copied and checked.
 */
export const MEMBER_CHANGES_PER_MESSAGE = 10_000;

export type SyncMessage =
  | { type: 'cells'; reportId: string; changes: SyncCellChange[]; from: string }
  /** The report's member list: cells written (in at most MEMBER_CHANGES_PER_MESSAGE per message). */
  | { type: 'members'; reportId: string; changes: SyncMemberChange[]; from: string }
  | { type: 'meta'; reportId: string; from: string }
  /** The report's submission board changed (files received, replaced, combined). */
  | { type: 'submissions'; reportId: string; from: string }
  | { type: 'list'; from: string };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What post() accepts: a SyncMessage whose `from` may be left out (it is always set to our tabId). */
export type OutgoingSyncMessage = DistributiveOmit<SyncMessage, 'from'> & { from?: string };

export interface TabSync {
  readonly tabId: string;
  post(msg: OutgoingSyncMessage): void;
  subscribe(fn: (msg: SyncMessage) => void): () => void;
  close(): void;
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function parseMemberChange(raw: unknown): SyncMemberChange | null {
  if (!isRecord(raw)) return null;
  const { row, col, value } = raw;
  if (typeof row !== 'string' || typeof col !== 'string') return null;
  if (value !== null && !isStorableValue(value)) return null;
  return { row, col, value };
}

function parseChange(raw: unknown): SyncCellChange | null {
  const change = parseMemberChange(raw);
  if (change === null || !isRecord(raw) || typeof raw.sheet !== 'string') return null;
  return { sheet: raw.sheet, ...change };
}

/** Each item parsed, or null when any is not valid. */
function parseAll<T>(raw: unknown, parse: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(raw)) return null;
  const items: unknown[] = raw;
  const out: T[] = [];
  for (const item of items) {
    const parsed = parse(item);
    if (parsed === null) return null;
    out.push(parsed);
  }
  return out;
}

/** A fresh, valid SyncMessage built from untrusted data, or null. */
export function parseSyncMessage(raw: unknown): SyncMessage | null {
  if (!isRecord(raw) || !isNonEmptyString(raw.from)) return null;
  const { type, from, reportId } = raw;
  if (type === 'list') return { type, from };
  if (!isNonEmptyString(reportId)) return null;
  if (type === 'meta' || type === 'submissions') return { type, reportId, from };
  if (type === 'members') {
    const changes = parseAll(raw.changes, parseMemberChange);
    return changes && { type, reportId, changes, from };
  }
  if (type !== 'cells') return null;
  const changes = parseAll(raw.changes, parseChange);
  return changes && { type, reportId, changes, from };
}

/**
 * Tells the other tabs about a member list's stored cells, MEMBER_CHANGES_PER_MESSAGE at most in a message, each
 * message in a task of its own: a large import's messages (about 15 ms each to check and copy) do not hold the page
 * together.
 */
export async function postMemberChanges(
  sync: TabSync,
  reportId: string,
  changes: readonly SyncMemberChange[],
): Promise<void> {
  for (let i = 0; i < changes.length; i += MEMBER_CHANGES_PER_MESSAGE) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    sync.post({ type: 'members', reportId, changes: changes.slice(i, i + MEMBER_CHANGES_PER_MESSAGE) });
  }
}

export function createTabSync(channelName = 'tong-hop'): TabSync {
  const tabId = newId();
  const listeners = new Set<(msg: SyncMessage) => void>();
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
  let closed = false;

  const onMessage = (event: MessageEvent<unknown>): void => {
    const msg = parseSyncMessage(event.data);
    if (msg === null || msg.from === tabId) return;
    for (const fn of [...listeners]) {
      try {
        fn(msg);
      } catch (e) {
        console.error('tab sync listener failed', e); // one failing listener must not starve the others
      }
    }
  };
  channel?.addEventListener('message', onMessage);

  return {
    tabId,
    post(msg) {
      if (closed || channel === null) return;
      // Validating also makes a plain copy: a Svelte $state proxy cannot be structured-cloned.
      const plain = parseSyncMessage({ ...msg, from: tabId });
      if (plain === null) throw new TypeError(`tab sync: invalid message of type ${String(msg.type)}`);
      channel.postMessage(plain);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel?.removeEventListener('message', onMessage);
      channel?.close();
    },
  };
}
