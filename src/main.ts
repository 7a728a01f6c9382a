// Boots the app: storage, the cross-tab channel, the app state, then the root component.
import { mount } from 'svelte';
import App from './App.svelte';
import { AppState, parseRoute } from './state/app.svelte';
import { TongHopDB } from './storage/db';
import { ReportRepository } from './storage/repository';
import { createTabSync } from './storage/sync';
import { loadReportView } from './ui/report-view';
import './ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const db = new TongHopDB();
// The member store is loaded with the member list's tab, not with the first page.
const app = new AppState(new ReportRepository(db), createTabSync(), async () => {
  const { MemberStore } = await import('./storage/member-store');
  return new MemberStore(db);
});
mount(App, { target, props: { app } });
const route = parseRoute(location.hash);
// A report's address: its view (and the member list's, when the address names it) loads while the report is read.
if (route.page === 'report') {
  void loadReportView().catch(() => undefined);
  if (route.tab === 'members') void import('./ui/MembersView.svelte').catch(() => undefined);
}
void app.start(location.hash);
window.addEventListener('hashchange', () => {
  void app.navigate(parseRoute(location.hash));
});
