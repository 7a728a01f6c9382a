// The report's view, with the grid and everything a report shows, is its own chunk: the report list, the first page
// of a first visit, does not load AG Grid. Loaded once; main.ts starts it as soon as the address names a report.
import type ReportView from './ReportView.svelte';

let loading: Promise<typeof ReportView> | null = null;

export function loadReportView(): Promise<typeof ReportView> {
  loading ??= import('./ReportView.svelte').then((m) => m.default);
  return loading;
}
