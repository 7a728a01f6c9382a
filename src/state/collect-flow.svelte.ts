// Collecting the units' returned files into a committee's report: the submission board. Dropped files (or the
// zip they came in) are read each in its own worker, a few at a time; each is recognised and validated on its
// own (core/submission.ts), classified against what was already received in the order the files were given,
// stored, and listed. Combining writes the accepted ones into the report as one undo step after a snapshot, and
// follows that step being undone and redone so the board always says what the report holds.
import type { ImportContext } from '../core/import-plan';
import {
  classify,
  diffSubmissions,
  planCombine,
  recognizeSubmission,
  replaceWith,
  unreadable,
  type CombinePlan,
  type Recognition,
  type Submission,
  type SubmissionDiff,
} from '../core/submission';
import type { BatchEntry, BatchSkip } from '../excel/batch-input';
import type { ReadResult } from '../excel/plain-workbook';
import type { SubmissionList } from '../storage/repository';
import type { ReportSession } from './report-session.svelte';

export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface CollectServices {
  /** Expands archives of files (src/excel/batch-input.ts), loaded on first use. */
  expand(inputs: readonly NamedBytes[]): Promise<{ entries: BatchEntry[]; skipped: BatchSkip[] }>;
  /** Reads one file in its own worker (src/excel/read-file.ts). */
  read(input: NamedBytes): Promise<ReadResult>;
  list(reportId: string): Promise<SubmissionList>;
  put(reportId: string, submissions: readonly Submission[]): Promise<void>;
  snapshot(reportId: string, reason: string): Promise<unknown>;
  newId(): string;
  now(): number;
  /** How many files are read at once. */
  readonly concurrency: number;
}

export type CollectStatus =
  | { readonly phase: 'idle' }
  | { readonly phase: 'reading'; readonly done: number; readonly total: number }
  | { readonly phase: 'combining' };

/** What the last batch brought, for the line under the board. */
export interface BatchSummary {
  readonly files: number;
  readonly ok: number;
  readonly errors: number;
  readonly duplicate: number;
  readonly unrecognised: number;
  readonly ms: number;
}

export type CombineOutcome =
  | { readonly kind: 'combined'; readonly files: number; readonly cells: number }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'failed'; readonly error: unknown };

const TAG = 'combine:';

export class CollectFlow {
  submissions = $state.raw<readonly Submission[]>([]);
  damaged = $state.raw<readonly { id: string; error: string }[]>([]);
  status = $state.raw<CollectStatus>({ phase: 'idle' });
  lastBatch = $state.raw<BatchSummary | null>(null);
  error = $state.raw<unknown>(null);
  /** Combined batches of this visit: the undo step's tag → the submissions it combined and what they changed. */
  private readonly batches = new Map<string, readonly Submission[]>();
  private readonly stopFollowing: () => void;

  constructor(
    private readonly session: ReportSession,
    private readonly services: CollectServices,
  ) {
    this.stopFollowing = session.onRevert((tag, direction) => {
      if (tag.startsWith(TAG)) void this.followRevert(tag, direction);
    });
  }

  dispose(): void {
    this.stopFollowing();
  }

  async load(): Promise<void> {
    try {
      const list = await this.services.list(this.session.meta.id);
      this.submissions = list.submissions;
      this.damaged = list.damaged;
    } catch (e) {
      this.error = e;
    }
  }

  /** The units with no file taken (received and not replaced, dismissed or unrecognised). */
  get missing(): readonly string[] {
    const covered = new Set(this.active().map((s) => s.unitId));
    return this.session.meta.units.filter((u) => !covered.has(u.id)).map((u) => u.id);
  }

  /** Files waiting to be combined. */
  get pending(): readonly Submission[] {
    return this.submissions.filter(
      (s) => s.state === 'pending' && (s.status === 'ok' || s.status === 'errors'),
    );
  }

  /** The earlier file of the same unit a duplicate would replace, and what replacing would change. */
  comparison(id: string): { earlier: Submission; diff: readonly SubmissionDiff[] } | null {
    const s = this.submissions.find((x) => x.id === id);
    if (!s || s.unitId === null) return null;
    const earlier = this.active().find((x) => x.unitId === s.unitId && x.id !== s.id);
    return earlier ? { earlier, diff: diffSubmissions(earlier, s) } : null;
  }

  /** Reads, recognises, classifies and stores the files; the board lists them in the order given. */
  async collect(inputs: readonly NamedBytes[]): Promise<void> {
    if (this.status.phase !== 'idle' || inputs.length === 0) return;
    const started = performance.now();
    this.error = null;
    let entries: BatchEntry[];
    let skipped: BatchSkip[];
    try {
      ({ entries, skipped } = await this.services.expand(inputs));
    } catch (e) {
      this.error = e;
      return;
    }
    const total = entries.length + skipped.length;
    this.status = { phase: 'reading', done: 0, total };
    const ctx = this.context();
    const recognised: Recognition[] = new Array<Recognition>(entries.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < entries.length) {
        const i = next++;
        const entry = entries[i]!;
        const name = entry.from === undefined ? entry.name : `${entry.from} › ${entry.name}`;
        const result = await this.services.read({ name, bytes: entry.bytes });
        recognised[i] = result.ok
          ? recognizeSubmission({ ...result.workbook, fileName: name }, ctx)
          : unreadable(name, JSON.stringify({ code: result.error.code, detail: result.error.detail }));
        this.status = { phase: 'reading', done: ++done, total };
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.services.concurrency) }, worker));

    const all: Recognition[] = [
      ...recognised,
      ...skipped.map((s) =>
        unreadable(
          s.from === undefined ? s.name : `${s.from} › ${s.name}`,
          JSON.stringify({ code: `batch-${s.reason}`, detail: s.detail }),
        ),
      ),
    ];
    // Classified in the order given, each against the board as it stands with the files before it.
    let board = [...this.submissions];
    const added: Submission[] = [];
    const receivedAt = this.services.now();
    for (const [i, r] of all.entries()) {
      const s: Submission = {
        ...r,
        // The board lists by time received, then id: the file's place in the batch keeps the order given.
        id: `${receivedAt.toString(36)}-${i.toString(36).padStart(4, '0')}-${this.services.newId()}`,
        receivedAt,
        status: classify(board, r),
        state: 'pending',
      };
      board = [...board, s];
      added.push(s);
    }
    try {
      await this.services.put(this.session.meta.id, added);
    } catch (e) {
      this.error = e;
      this.status = { phase: 'idle' };
      return;
    }
    this.submissions = board;
    const count = (status: Submission['status']) => added.filter((s) => s.status === status).length;
    this.lastBatch = {
      files: added.length,
      ok: count('ok'),
      errors: count('errors'),
      duplicate: count('duplicate'),
      unrecognised: count('unrecognised'),
      ms: Math.round(performance.now() - started),
    };
    this.status = { phase: 'idle' };
  }

  /** The duplicate takes the place of the earlier file of its unit (which stays listed as replaced). */
  async replace(id: string): Promise<void> {
    const next = replaceWith(this.submissions, id);
    await this.store(next);
  }

  /** Sets a file aside: it is not combined and its unit counts as missing again unless another file covers it. */
  async dismiss(id: string): Promise<void> {
    await this.store(
      this.submissions.map((s) => (s.id === id && s.state === 'pending' ? { ...s, state: 'dismissed' } : s)),
    );
  }

  /** What combining the pending files would write, for the confirmation. */
  plan(): CombinePlan {
    return planCombine(this.context(), this.submissions);
  }

  /** Writes the pending files into the report: a snapshot first, then one undo step. */
  async combine(): Promise<CombineOutcome> {
    if (this.status.phase !== 'idle') return { kind: 'nothing' };
    const plan = this.plan();
    const taken = this.submissions.filter((s) => plan.perSubmission.has(s.id));
    if (taken.length === 0) return { kind: 'nothing' };
    this.status = { phase: 'combining' };
    try {
      await this.session.flush();
      await this.services.snapshot(this.session.meta.id, `combine ${taken.length} submissions`);
      const tag = `${TAG}${this.services.newId()}`;
      const combinedAt = this.services.now();
      const combined = taken.map((s): Submission => ({
        ...s,
        state: 'combined',
        changes: plan.perSubmission.get(s.id) ?? [],
        combinedAt,
      }));
      // Stored before the cells change: a crash in between leaves the files marked combined with the changes
      // they were about to make, which the board checks against the report (see drift).
      await this.services.put(this.session.meta.id, combined);
      if (plan.writes.length > 0) this.session.applyCells(plan.writes, tag);
      this.batches.set(tag, combined);
      const byId = new Map(combined.map((s) => [s.id, s]));
      this.submissions = this.submissions.map((s) => byId.get(s.id) ?? s);
      return { kind: 'combined', files: combined.length, cells: plan.writes.length };
    } catch (error) {
      this.error = error;
      return { kind: 'failed', error };
    } finally {
      this.status = { phase: 'idle' };
    }
  }

  /**
   * How many of the cells a combined file wrote no longer hold what it wrote (edited since, or the combine was
   * undone in another visit): the board shows it so nothing a unit sent changes unseen.
   */
  drift(s: Submission): number {
    if (s.state !== 'combined') return 0;
    let n = 0;
    for (const c of s.changes ?? []) if (this.session.value(c.sheet, c.row, c.col) !== c.after) n++;
    return n;
  }

  private async followRevert(tag: string, direction: 'undo' | 'redo'): Promise<void> {
    const batch = this.batches.get(tag);
    if (!batch) return;
    const ids = new Set(batch.map((s) => s.id));
    const next = this.submissions.map((s): Submission => {
      if (!ids.has(s.id)) return s;
      if (direction === 'redo') return batch.find((b) => b.id === s.id) ?? s;
      return withoutCombine(s);
    });
    await this.store(next);
  }

  private async store(next: readonly Submission[]): Promise<void> {
    const before = new Map(this.submissions.map((s) => [s.id, s]));
    const changed = next.filter((s) => before.get(s.id) !== s);
    this.submissions = next;
    if (changed.length === 0) return;
    try {
      await this.services.put(this.session.meta.id, changed);
    } catch (e) {
      this.error = e;
    }
  }

  private active(): Submission[] {
    return this.submissions.filter(
      (s) =>
        (s.state === 'pending' || s.state === 'combined') &&
        s.unitId !== null &&
        (s.status === 'ok' || s.status === 'errors'),
    );
  }

  private context(): ImportContext {
    const session = this.session;
    return {
      template: session.template,
      meta: session.meta,
      data: session.data,
      unitsOf: (sheet) => session.validator.unitsOf(sheet),
      isEditable: (sheet, row, col) => session.isEditable(sheet, row, col),
    };
  }
}

/** A combined submission back to waiting: the changes it made are undone, so it no longer lists them. */
function withoutCombine(s: Submission): Submission {
  const out: { -readonly [K in keyof Submission]?: Submission[K] } = { ...s, state: 'pending' };
  delete out.changes;
  delete out.combinedAt;
  return out as Submission;
}
