// Importing a workbook into the open report: read it in its own worker, plan what it would change, show the
// plan, and on confirmation keep a snapshot of the report and apply the changes as one undo step.
import type { ImportPlan } from '../core/import-plan';
import type { ReadError, PlainWorkbook, ReadResult } from '../excel/plain-workbook';
import type { ReadOptions } from '../excel/read-file';
import type { ReportSession } from './report-session.svelte';

export type ImportStatus =
  | { readonly phase: 'idle' }
  | { readonly phase: 'reading'; readonly fileName: string; readonly ratio: number }
  | { readonly phase: 'preview'; readonly fileName: string; readonly plan: ImportPlan }
  | { readonly phase: 'applying'; readonly fileName: string };

export type ImportOutcome =
  | { readonly kind: 'read-error'; readonly fileName: string; readonly error: ReadError }
  | { readonly kind: 'refused'; readonly fileName: string; readonly plan: ImportPlan }
  | { readonly kind: 'applied'; readonly fileName: string; readonly changed: number }
  | { readonly kind: 'nothing'; readonly fileName: string }
  | { readonly kind: 'cancelled'; readonly fileName: string }
  | { readonly kind: 'snapshot-failed'; readonly fileName: string; readonly error: unknown };

export interface ImportServices {
  /** Reads a file in a worker (src/excel/read-file.ts); loaded on first use so SheetJS is not in the first page. */
  read(file: File, options: ReadOptions): Promise<ReadResult>;
  /** Keeps a copy of the report before the import. */
  snapshot(reportId: string, reason: string): Promise<unknown>;
}

export class ImportFlow {
  status = $state.raw<ImportStatus>({ phase: 'idle' });
  outcome = $state.raw<ImportOutcome | null>(null);
  private abort: AbortController | null = null;

  constructor(
    private readonly session: ReportSession,
    private readonly services: ImportServices,
  ) {}

  async importFile(file: File): Promise<void> {
    if (this.status.phase !== 'idle') return;
    this.outcome = null;
    this.abort = new AbortController();
    this.status = { phase: 'reading', fileName: file.name, ratio: 0 };
    let preparing = false;
    const result = await this.services.read(file, {
      signal: this.abort.signal,
      onProgress: (phase, ratio) => {
        // The worker has started (it reports its own phases): the planner is loaded and readied meanwhile, on this
        // page's thread, not after the file is read. Before, it would hold up the worker's start.
        if (!preparing && (phase === 'parsing' || phase === 'converting')) {
          preparing = true;
          void this.prepare();
        }
        if (this.status.phase === 'reading') this.status = { phase: 'reading', fileName: file.name, ratio };
      },
    });
    this.abort = null;
    if (!result.ok) {
      this.finish(
        result.error.code === 'cancelled'
          ? { kind: 'cancelled', fileName: file.name }
          : { kind: 'read-error', fileName: file.name, error: result.error },
      );
      return;
    }
    await this.preview(result.workbook);
  }

  /** Loads the planner and indexes the unit names, while the file is still read in its worker. */
  private async prepare(): Promise<void> {
    const { prepareImport } = await import('../core/import-plan');
    if (this.status.phase === 'reading')
      prepareImport({
        template: this.session.template,
        unitsOf: (sheet) => this.session.validator.unitsOf(sheet),
      });
  }

  /** Plans an already read workbook; the planner is loaded with the first import, not in the first page. */
  async preview(workbook: PlainWorkbook): Promise<void> {
    const { planImport } = await import('../core/import-plan');
    const plan = planImport(workbook, {
      template: this.session.template,
      meta: this.session.meta,
      data: this.session.data,
      unitsOf: (sheet) => this.session.validator.unitsOf(sheet),
      isEditable: (sheet, row, col) => this.session.isEditable(sheet, row, col),
    });
    if (plan.refusal) this.finish({ kind: 'refused', fileName: workbook.fileName, plan });
    else this.status = { phase: 'preview', fileName: workbook.fileName, plan };
  }

  /** Stops reading: the worker is terminated and nothing changes. */
  cancelReading(): void {
    this.abort?.abort();
  }

  cancelPreview(): void {
    if (this.status.phase === 'preview') this.finish({ kind: 'cancelled', fileName: this.status.fileName });
  }

  async confirm(): Promise<void> {
    const status = this.status;
    if (status.phase !== 'preview') return;
    const { fileName, plan } = status;
    if (plan.changes.length === 0) {
      this.finish({ kind: 'nothing', fileName });
      return;
    }
    this.status = { phase: 'applying', fileName };
    try {
      // Writes waiting to be saved land before the copy is taken, so it is the report as the user sees it.
      await this.session.flush();
      await this.services.snapshot(this.session.meta.id, `import ${fileName}`);
    } catch (error) {
      this.finish({ kind: 'snapshot-failed', fileName, error });
      return;
    }
    this.session.applyCells(
      plan.changes.map((c) => ({ sheet: c.sheet, row: c.row, col: c.col, value: c.after })),
    );
    this.finish({ kind: 'applied', fileName, changed: plan.changes.length });
  }

  private finish(outcome: ImportOutcome): void {
    this.status = { phase: 'idle' };
    this.outcome = outcome;
  }
}
