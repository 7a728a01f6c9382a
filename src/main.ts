// Boots the app: storage, the cross-tab channel, the app state, then the root component.
import { mount } from 'svelte';
import App from './App.svelte';
import { AppState, parseRoute } from './state/app.svelte';
import { TongHopDB } from './storage/db';
import { MemberStore } from './storage/member-store';
import { ReportRepository } from './storage/repository';
import { createTabSync } from './storage/sync';
import { loadReportView } from './ui/report-view';
import './ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const db = new TongHopDB();
// The member store is in the first page (about 1 kB): a report opened on its member list starts reading the list
// at once, alongside the sheets, not after a module has loaded.
const app = new AppState(new ReportRepository(db), createTabSync(), new MemberStore(db));
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
