// Cross-tab notifications over BroadcastChannel: "these cells changed", "this meta changed", "the list
// changed". Messages carry the sender's tabId; incoming ones are validated (another tab may run another
// version of the app) and our own are ignored. Without BroadcastChannel, posting and listening do nothing.
import type { CellValue } from '../core/model';
import { newId } from './ids';
import { isRecord, isStorableValue } from './restore';

export interface SyncCellChange {
  readonly sheet: string;
  readonly row: string;
  readonly col: string;
  readonly value: CellValue;
}

export type SyncMessage =
  | { type: 'cells'; reportId: string; changes: SyncCellChange[]; from: string }
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

function parseChange(raw: unknown): SyncCellChange | null {
  if (!isRecord(raw)) return null;
  const { sheet, row, col, value } = raw;
  if (typeof sheet !== 'string' || typeof row !== 'string' || typeof col !== 'string') return null;
  if (value !== null && !isStorableValue(value)) return null;
  return { sheet, row, col, value };
}

/** A fresh, valid SyncMessage built from untrusted data, or null. */
export function parseSyncMessage(raw: unknown): SyncMessage | null {
  if (!isRecord(raw) || !isNonEmptyString(raw.from)) return null;
  const { type, from, reportId } = raw;
  if (type === 'list') return { type, from };
  if (!isNonEmptyString(reportId)) return null;
  if (type === 'meta' || type === 'submissions') return { type, reportId, from };
  if (type !== 'cells' || !Array.isArray(raw.changes)) return null;
  const items: unknown[] = raw.changes;
  const changes: SyncCellChange[] = [];
  for (const c of items) {
    const change = parseChange(c);
    if (change === null) return null;
    changes.push(change);
  }
  return { type, reportId, changes, from };
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
