// Recognizing and describing storage failures (IndexedDB DOMExceptions and Dexie's wrappers of them)
// so the UI can tell "disk full" apart from other errors. Messages are English, for logs and details.

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const MAX_DEPTH = 5;

function field(e: unknown, key: string): unknown {
  if (typeof e !== 'object' || e === null) return undefined;
  const value: unknown = Reflect.get(e, key);
  return value;
}

/** The errors a storage error wraps: Dexie's `inner`, a DOMException's `cause`, a BulkError's failures. */
function wrapped(e: unknown): unknown[] {
  const out: unknown[] = [field(e, 'inner'), field(e, 'cause')];
  const failures = field(e, 'failures');
  if (Array.isArray(failures)) {
    const list: unknown[] = failures;
    out.push(...list);
  }
  return out.filter((x) => x !== undefined && x !== null && x !== e);
}

function quota(e: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || typeof e !== 'object' || e === null) return false;
  const name = field(e, 'name');
  if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR) in browsers that set another name.
  if (typeof DOMException !== 'undefined' && e instanceof DOMException && e.code === 22) return true;
  return wrapped(e).some((inner) => quota(inner, depth + 1));
}

/** True for a DOMException QuotaExceededError, Dexie's QuotaExceededError, or anything wrapping one. */
export function isQuotaExceededError(e: unknown): boolean {
  return quota(e, 0);
}

function oneLine(e: unknown): string {
  if (typeof e === 'string') return e;
  const name = field(e, 'name');
  const message = field(e, 'message');
  const n = typeof name === 'string' ? name : 'Error';
  // Dexie appends "\n <inner error>" to its messages; the chain is printed separately.
  const first = typeof message === 'string' ? message.split('\n')[0]!.trim() : '';
  if (first !== '') return `${n}: ${first}`;
  return e instanceof Error || typeof name === 'string' ? n : String(e);
}

const HINTS: Readonly<Record<string, string>> = {
  VersionError: 'the database was opened by a newer version of the app; reload the page',
  DatabaseClosedError: 'the database was closed (maybe by another tab upgrading it); reload the page',
  MissingAPIError: 'this browser offers no IndexedDB (private mode?)',
  InvalidStateError: 'this browser refused IndexedDB (private mode?)',
};

/** One English sentence for logs and error details: a hint when known, then the error chain. */
export function describeStorageError(e: unknown): string {
  if (isQuotaExceededError(e)) return `Storage is full (quota exceeded): ${oneLine(e)}`;
  const chain = [oneLine(e)];
  let inner = wrapped(e)[0];
  for (let i = 0; inner !== undefined && i < MAX_DEPTH; i++) {
    const line = oneLine(inner);
    if (!chain.some((c) => c.includes(line))) chain.push(line);
    inner = wrapped(inner)[0];
  }
  const name = field(e, 'name');
  const hint = typeof name === 'string' ? HINTS[name] : undefined;
  return (hint !== undefined ? `${hint}. ` : '') + chain.join(' ← ');
}
