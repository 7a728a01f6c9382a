// `npm run bench`: the core benchmarks (compiled by Vite, as in the browser), the Excel export next to ExcelJS
// (bench/export.ts, also writes bench/results/exceljs-diff.md), the initial JS of a production build, then the
// browser benchmarks on that build (bench/browser.ts); writes bench/results/latest.*, prints the table and exits 1
// when a budget is broken.
//   npm run bench -- --node-only      core, export and initial JS only
//   npm run bench -- --browser-only   browser benchmarks only
//   BENCH_ONLY=paste,import,collect,scale,members   only these browser parts
// A partial run writes only its own figures (latest.json says which part ran).
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BUDGETS } from './budgets';
import { runBrowserBenchmarks } from './browser';
import { buildApp, initialJsOf, type InitialJs } from './bundle';
import { compileModule } from './compile';
import type { Figure } from './figures';
import { check, table, writeResults } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => console.error(`[bench] ${line}`);

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--node-only' && a !== '--browser-only');
if (unknown.length > 0 || args.length > 1) {
  console.error(`usage: npm run bench [-- --node-only | --browser-only] (got: ${args.join(' ')})`);
  process.exit(2);
}
const part = args[0] === '--node-only' ? 'node' : args[0] === '--browser-only' ? 'browser' : 'all';
const started = performance.now();

const figures: Figure[] = [];
const extra: Record<string, unknown> = { part };

if (part !== 'browser') {
  if (!globalThis.gc) log('no global.gc (run node with --expose-gc): heap figures include garbage');
  const core = await compileModule<typeof import('./core')>(root, 'bench/core.ts');
  figures.push(...core.runCore(log));
  const members = await compileModule<typeof import('./members')>(root, 'bench/members.ts');
  figures.push(...members.runMembers(log));
  // The Excel export next to ExcelJS (bench/export.ts); ExcelJS is loaded by node, not bundled.
  const exporting = await compileModule<typeof import('./export')>(root, 'bench/export.ts');
  const exported = await exporting.runExport(root, log, (await import('exceljs')).default);
  figures.push(...exported.figures);
  console.log(exported.diff);
}

log('vite build…');
const outDir = await buildApp(root);
try {
  if (part !== 'browser') {
    const js: InitialJs = await initialJsOf(outDir);
    const files = `${js.files.length} file${js.files.length === 1 ? '' : 's'}`;
    figures.push(
      {
        id: 'initial-js-gzip',
        what: `Initial JS, gzip -9 (${files})`,
        unit: 'kB',
        median: js.gzip / 1000,
        p95: null,
        runs: 1,
      },
      {
        id: 'initial-js-raw',
        what: `Initial JS, raw (${files})`,
        unit: 'kB',
        median: js.raw / 1000,
        p95: null,
        runs: 1,
      },
    );
    extra.initialJs = js;
  }
  if (part !== 'node') {
    const browser = await runBrowserBenchmarks(root, outDir, log);
    figures.push(...browser.figures);
    extra.browser = browser.details;
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}

const rows = check(figures, BUDGETS);
await writeResults(fileURLToPath(new URL('results/', import.meta.url)), rows, BUDGETS, extra);
console.log(table(rows));
log(`${part} benchmarks took ${((performance.now() - started) / 1000).toFixed(0)} s`);
const broken = rows.filter((r) => r.ok === false);
if (broken.length > 0) log(`budget broken: ${broken.map((r) => r.id).join(', ')}`);
process.exit(broken.length > 0 ? 1 : 0);
