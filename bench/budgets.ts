// The performance budgets of the project's issues, as data: run.ts compares each measured figure with its budget.
/** '×' is a ratio of two medians. */
export type Unit = 'ms' | 'kB' | 'MB' | '×';

export interface Budget {
  /** The id of the measured figure this budget applies to. */
  readonly figure: string;
  /** The statistic compared: the median of the runs (a size has one value, its median). */
  readonly stat: 'median';
  readonly max: number;
  readonly unit: Unit;
}

/** kB are 1,000 bytes, as Vite prints them. */
export const BUDGETS: readonly Budget[] = [
  { figure: 'sample-full', stat: 'median', max: 50, unit: 'ms' },
  { figure: 'synthetic-edit-g', stat: 'median', max: 5, unit: 'ms' },
  { figure: 'synthetic-full', stat: 'median', max: 300, unit: 'ms' },
  { figure: 'initial-js-gzip', stat: 'median', max: 350, unit: 'kB' },
  // Browser (bench/browser.ts): a 10,000 × 10 paste shown and saved within a second; importing a workbook costs
  // at most 30 % more than SheetJS alone reading it.
  { figure: 'browser-paste-10k', stat: 'median', max: 1000, unit: 'ms' },
  { figure: 'browser-import-ratio', stat: 'median', max: 1.3, unit: '×' },
  // Excel export (bench/export.ts): patching the template costs at most half of ExcelJS loading, filling and
  // writing the same template, at 100,000 rows.
  { figure: 'export-ratio', stat: 'median', max: 0.5, unit: '×' },
  // Member list (bench/members.ts): a 100,000-member list and the six sheets of its units validated from scratch
  // within 300 ms; one member edit revalidated within 5 ms.
  { figure: 'member-full', stat: 'median', max: 300, unit: 'ms' },
  { figure: 'member-edit', stat: 'median', max: 5, unit: 'ms' },
  // Browser at scale: a report with a 100,000-member list (and the six sheets of its units) opened on the list
  // within a second (bench/browser-members.ts); the app's first paint with the sample within 1.5 s; no long task
  // over 50 ms while scrolling 100,000 rows (Biểu 04 of a 100,000-unit report, bench/browser-scale.ts, and the
  // member list); at most 300 MB of JS heap with either open.
  { figure: 'browser-open-100k', stat: 'median', max: 1000, unit: 'ms' },
  { figure: 'browser-first-paint', stat: 'median', max: 1500, unit: 'ms' },
  { figure: 'browser-scroll-longest-task', stat: 'median', max: 50, unit: 'ms' },
  { figure: 'browser-scroll-members-longest-task', stat: 'median', max: 50, unit: 'ms' },
  { figure: 'browser-memory-100k', stat: 'median', max: 300, unit: 'MB' },
  { figure: 'browser-memory-members-100k', stat: 'median', max: 300, unit: 'MB' },
];
