// The application: language, the reports list, the open report and the route (kept in the URL hash so a reload
// returns to the same report). Wires sessions to storage and to the other tabs; the one place errors reach the
// user through (`notice`).
import type { Committee, Lang, ReportMeta, SheetsData, Unit } from '../core/model';
import type { CompiledTemplate } from '../core/template-loader';
import type { ReportRepository } from '../storage/repository';
import { describeStorageError, isQuotaExceededError } from '../storage/errors';
import { newId } from '../storage/ids';
import { postMemberChanges, type SyncMessage, type TabSync } from '../storage/sync';
import { templateById, templateIdForYear } from '../templates';
import { translate, type UiKey } from '../ui/i18n';
import { normalizeName } from '../core/names';
import type { LoadedHead, LoadedMembers, MemberStore, MemberWrite } from '../storage/member-store';
import type { CollectServices } from './collect-flow.svelte';
import type { MemberSession } from './member-session.svelte';
import { ReportSession } from './report-session.svelte';

const LANG_KEY = 'tong-hop.lang';

/** A report's route names the tab shown when it is not the first sheet, so a reload comes back to it. */
export type Route = { page: 'list' } | { page: 'report'; id: string; tab?: string };

export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

export interface NewReportInput {
  readonly name: string;
  readonly committee: Committee;
  readonly year: number;
  readonly units: readonly Unit[];
}

export function parseRoute(hash: string): Route {
  const m = /^#\/r\/([\w-]+)(?:\/([\w-]+))?$/.exec(hash);
  if (!m?.[1]) return { page: 'list' };
  return m[2] ? { page: 'report', id: m[1], tab: m[2] } : { page: 'report', id: m[1] };
}

function reportHash(route: { id: string; tab?: string }): string {
  return route.tab === undefined ? `#/r/${route.id}` : `#/r/${route.id}/${route.tab}`;
}

function readLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export class AppState {
  lang = $state<Lang>(readLang());
  reports = $state.raw<readonly ReportMeta[]>([]);
  damaged = $state.raw<readonly { id: string; error: string }[]>([]);
  session = $state.raw<ReportSession | null>(null);
  route = $state.raw<Route>({ page: 'list' });
  notice = $state<Notice | null>(null);
  ready = $state(false);
  /** Counts the open report's board changes made in other tabs: the board reloads on each. */
  submissionsChanged = $state(0);

  constructor(
    private readonly repo: ReportRepository,
    private readonly sync: TabSync,
    private readonly members: MemberStore | null = null,
  ) {
    sync.subscribe((msg) => this.onSync(msg));
  }

  t = (key: UiKey, values?: Readonly<Record<string, string | number>>): string =>
    translate(this.lang, key, values);

  setLang(lang: Lang): void {
    this.lang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // A browser that refuses storage still switches for this visit.
    }
  }

  async start(hash: string): Promise<void> {
    const route = parseRoute(hash);
    // The list page reads the list itself; a report's address reads the report first and the list once it is
    // open (shown on leaving the report): storage answers in turn, and every report's meta would come first.
    await this.navigate(route);
    if (route.page !== 'list') await this.refreshList();
    this.ready = true;
  }

  async navigate(route: Route): Promise<void> {
    if (route.page === 'list') {
      this.session = null;
      this.memberSession = null;
      this.route = route;
      setHash('');
      await this.refreshList();
      return;
    }
    if (this.session?.meta.id === route.id) {
      this.showTab(route.tab);
      return;
    }
    // A report opened on its member list reads the list while it reads the sheets.
    this.membersRead = null;
    const loading = this.guard(() => this.repo.loadReport(route.id));
    if (route.tab === 'members' && this.members) void this.readMembers(route.id);
    const loaded = await loading;
    if (!loaded || 'error' in loaded) {
      if (loaded) this.fail(this.t('loadError', { error: loaded.error }));
      return this.navigate({ page: 'list' });
    }
    const template = templateById(loaded.meta.templateId);
    if (!template.ok) {
      this.fail(`${this.t('templateError')}: ${template.error}`);
      return this.navigate({ page: 'list' });
    }
    // The route first: the report's view opens on the tab it names.
    this.route = route;
    this.session = this.makeSession(loaded.meta, loaded.data, template.template);
    this.memberSession = null;
    setHash(reportHash(route));
    if (loaded.meta.previousReportId !== undefined) await this.loadPrevious(this.session);
    if (loaded.dropped.length > 0)
      this.notice = { kind: 'info', text: this.t('droppedCells', { n: loaded.dropped.length }) };
  }

  /** The open report's tab changed (undefined: its first sheet): kept in the route and the URL. */
  showTab(tab: string | undefined): void {
    const route = this.route;
    if (route.page !== 'report' || route.tab === tab) return;
    this.route = tab === undefined ? { page: 'report', id: route.id } : { page: 'report', id: route.id, tab };
    setHash(reportHash(this.route));
  }

  async refreshList(): Promise<void> {
    const list = await this.guard(() => this.repo.listReports());
    if (!list) return;
    this.reports = list.reports;
    this.damaged = list.damaged;
  }

  async openSample(): Promise<void> {
    // The sample's data is loaded when asked for, not with the first page.
    const { buildSampleReport } = await import('../templates/sample');
    const { meta, data } = buildSampleReport(newId(), Date.now());
    await this.createAndOpen(meta, data);
  }

  async createReport(input: NewReportInput): Promise<void> {
    const now = Date.now();
    const meta: ReportMeta = {
      id: newId(),
      name: input.name,
      committee: input.committee,
      year: input.year,
      templateId: templateIdForYear(input.year),
      units: input.units,
      settings: {},
      createdAt: now,
      updatedAt: now,
    };
    await this.createAndOpen(meta, new Map());
  }

  async renameReport(id: string, name: string): Promise<void> {
    await this.guard(() => this.repo.renameReport(id, name));
    this.sync.post({ type: 'list' });
    await this.refreshList();
  }

  /** A copy with the same units; for next year it is empty and follows that year's regulations. */
  async duplicateReport(id: string, nextYear: boolean): Promise<void> {
    const source = this.reports.find((r) => r.id === id);
    if (!source) return;
    const year = nextYear ? source.year + 1 : source.year;
    const now = Date.now();
    const name = nextYear ? source.name.replace(String(source.year), String(year)) : `${source.name} (2)`;
    const copy = await this.guard(() =>
      this.repo.duplicateReport(
        id,
        {
          id: newId(),
          name: name === source.name ? `${name} ${year}` : name,
          year,
          createdAt: now,
          updatedAt: now,
        },
        !nextYear,
      ),
    );
    if (copy && nextYear && copy.templateId !== templateIdForYear(year)) {
      await this.guard(() =>
        this.repo.updateMeta(copy.id, (m) => ({ ...m, templateId: templateIdForYear(year), settings: {} })),
      );
    }
    this.sync.post({ type: 'list' });
    await this.refreshList();
  }

  async deleteReport(id: string): Promise<void> {
    await this.guard(() => this.repo.deleteReport(id));
    this.sync.post({ type: 'list' });
    if (this.session?.meta.id === id) await this.navigate({ page: 'list' });
    else await this.refreshList();
  }

  /** Reports that may be last year's for this one: the same committee, an earlier year, newest first. */
  previousCandidates(meta: ReportMeta): ReportMeta[] {
    const committee = normalizeName(meta.committee.name);
    return this.reports
      .filter((r) => r.id !== meta.id && r.year < meta.year && normalizeName(r.committee.name) === committee)
      .sort((a, b) => b.year - a.year || b.updatedAt - a.updatedAt);
  }

  /** Attaches last year's report (null: none) and loads it for the comparison and the jump warnings. */
  async attachPrevious(session: ReportSession, reportId: string | null): Promise<void> {
    session.setYearSettings({ previousReportId: reportId });
    await this.loadPrevious(session);
  }

  async loadPrevious(session: ReportSession): Promise<void> {
    const id = session.meta.previousReportId;
    if (id === undefined) {
      session.setPreviousYear(null);
      return;
    }
    const loaded = await this.guard(() => this.repo.loadReport(id));
    if (!loaded || 'error' in loaded) {
      session.setPreviousYear(null);
      if (loaded) this.fail(this.t('previousLoadError', { error: loaded.error }));
      return;
    }
    const { alignPrevious } = await import('../core/year-compare');
    const aligned = alignPrevious(session.meta.units, loaded.meta.units, loaded.data);
    session.setPreviousYear({
      reportId: id,
      name: loaded.meta.name,
      year: loaded.meta.year,
      rows: aligned.rows,
      matched: aligned.matched,
      missing: aligned.missing,
    });
  }

  /**
   * The open report's member list, read from storage; null (with a notice) when it cannot be read. It comes as soon
   * as its first members are read: the rest follows (MemberSession.complete), and a list that cannot be read in
   * full stays as read so far, unchanged, with a notice.
   */
  async openMembers(session: ReportSession): Promise<MemberSession | null> {
    if (!this.members) return null;
    const reportId = session.meta.id;
    const store = this.members;
    const reading = this.readMembers(reportId);
    this.membersRead = null; // read once: the next visit reads what is stored then
    const head = await this.guard(() => reading);
    if (!head) return null;
    // Damaged cells are named once, from the whole list.
    const told = (loaded: LoadedMembers) => {
      if (loaded.dropped.length > 0)
        this.notice = { kind: 'info', text: this.t('droppedCells', { n: loaded.dropped.length }) };
      return loaded.rows;
    };
    // Loaded on first use: the member list's code is not in the first page.
    const { MemberSession } = await import('./member-session.svelte');
    // Other tabs are told once the cells are stored: what they show is what a reload would read.
    const persist = async (writes: readonly MemberWrite[]) => {
      await store.write(reportId, writes);
      await postMemberChanges(this.sync, reportId, writes);
    };
    // The whole list, in a transaction of its own, once the first screen is drawn (MemberSession.check).
    const whole = () =>
      this.guard(() => store.load(reportId)).then((loaded) => (loaded ? told(loaded) : null));
    const members = head.complete
      ? new MemberSession(session, told(head), persist)
      : new MemberSession(session, head.rows, persist, whole);
    if (this.session === session) this.memberSession = members;
    return members;
  }

  /** The member list last opened: other tabs' member edits go to it while its report is open. */
  private memberSession: MemberSession | null = null;

  /**
   * The head of the member list's read, started once: by navigate for a report opened on its list (beside the
   * sheets, a few milliseconds of reading), else by openMembers.
   */
  private membersRead: { id: string; head: Promise<LoadedHead> } | null = null;
  private readMembers(reportId: string): Promise<LoadedHead> {
    if (this.membersRead?.id === reportId) return this.membersRead.head;
    if (!this.members) throw new Error('readMembers: no member store');
    const head = this.members.loadHead(reportId);
    // Its code too, while the data is read (the view awaits the same modules).
    void import('./member-session.svelte').catch(() => undefined);
    head.catch(() => undefined); // awaited (and reported) by openMembers; never unhandled
    this.membersRead = { id: reportId, head };
    return head;
  }

  /** What the submission board needs: file expansion and reading loaded on first use, and storage. */
  collectServices(): CollectServices {
    return {
      expand: async (inputs) => (await import('../excel/batch-input')).expandBatch(inputs),
      read: async (input) => (await import('../excel/read-file')).readWorkbookFile(input),
      list: (reportId) => this.repo.listSubmissions(reportId),
      put: async (reportId, submissions) => {
        await this.repo.putSubmissions(reportId, submissions);
        this.sync.post({ type: 'submissions', reportId });
      },
      snapshot: (reportId, reason) => this.repo.saveSnapshot(reportId, reason),
      newId,
      now: () => Date.now(),
      // Each read runs in a worker of its own; more at once than cores only makes each one slower.
      concurrency: Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2)),
    };
  }

  /**
   * A base organization opens the form its committee sent (a file with the unit marker): a one-unit report is
   * made from it and filled with the file's values, validated like any report and exported back in the same form.
   * Returns an error text for the user, or null once the report is open.
   */
  async openUnitForm(file: File): Promise<string | null> {
    const { readWorkbookFile } = await import('../excel/read-file');
    const result = await readWorkbookFile(file);
    if (!result.ok)
      return this.t(`read-${result.error.code}`, { name: file.name, detail: result.error.detail });
    const { unitReportData, unitReportFrom } = await import('../core/unit-report');
    const made = unitReportFrom(result.workbook, newId(), Date.now());
    if ('missing' in made)
      return this.t('notAUnitForm', { name: file.name, missing: made.missing.join(', ') });
    const template = templateById(made.meta.templateId);
    if (!template.ok) return `${this.t('templateError')}: ${template.error}`;
    const data = unitReportData(result.workbook, made.meta, template.template);
    await this.createAndOpen(made.meta, data);
    return null;
  }

  /** Keeps a copy of a report before a change that replaces many values (an import). Throws on failure. */
  snapshot(reportId: string, reason: string): Promise<number> {
    return this.repo.saveSnapshot(reportId, reason);
  }

  fail(text: string): void {
    this.notice = { kind: 'error', text };
  }

  private async createAndOpen(meta: ReportMeta, data: SheetsData): Promise<void> {
    const ok = await this.guard(async () => {
      await this.repo.createReport(meta, data);
      return true;
    });
    if (!ok) return;
    this.sync.post({ type: 'list' });
    await this.navigate({ page: 'report', id: meta.id });
  }

  private makeSession(meta: ReportMeta, data: SheetsData, template: CompiledTemplate): ReportSession {
    const reportId = meta.id;
    // The full check runs once the report has painted (ReportView): at 100,000 units it takes most of a second.
    return new ReportSession(
      meta,
      data,
      template,
      {
        saveCells: async (writes) => {
          await this.repo.writeCells(reportId, writes);
          this.sync.post({ type: 'cells', reportId, changes: [...writes] });
        },
        saveMeta: async (update) => {
          const saved = await this.repo.updateMeta(reportId, update);
          this.sync.post({ type: 'meta', reportId });
          return saved;
        },
      },
      { deferCheck: true },
    );
  }

  private onSync(msg: SyncMessage): void {
    const session = this.session;
    if (msg.type === 'list') {
      void this.refreshList();
      return;
    }
    if (!session || session.meta.id !== msg.reportId) return;
    if (msg.type === 'cells') session.applyRemote(msg.changes);
    else if (msg.type === 'members') {
      // A list not opened yet in this tab is read as it is stored when it is.
      if (this.memberSession?.report === session) this.memberSession.applyRemote(msg.changes);
    } else if (msg.type === 'submissions') this.submissionsChanged++;
    else
      void this.guard(() => this.repo.loadReport(msg.reportId)).then((loaded) => {
        if (loaded && !('error' in loaded)) session.replaceMeta(loaded.meta);
      });
  }

  /** Runs a storage call; a failure becomes a notice (the one way errors reach the user) and undefined. */
  private async guard<T>(task: () => Promise<T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (e) {
      this.fail(this.describeError(e));
      return undefined;
    }
  }

  describeError(e: unknown): string {
    return isQuotaExceededError(e)
      ? this.t('quotaExceeded')
      : this.t('storageError', { error: describeStorageError(e) });
  }
}

function setHash(hash: string): void {
  if (location.hash !== hash) history.replaceState(null, '', hash === '' ? location.pathname : hash);
}
