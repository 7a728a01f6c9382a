// `npm run bench`: the core benchmarks (compiled by Vite, as in the browser), then the initial JS of a production
// build; writes bench/results/latest.*, prints the table and exits 1 when a budget is broken.
import { fileURLToPath } from 'node:url';
import { BUDGETS } from './budgets';
import { measureInitialJs } from './bundle';
import { compileModule } from './compile';
import type { Figure } from './figures';
import { check, table, writeResults } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (line: string) => console.error(`[bench] ${line}`);

if (!globalThis.gc) log('no global.gc (run node with --expose-gc): heap figures include garbage');
const core = await compileModule<typeof import('./core')>(root, 'bench/core.ts');
const figures: Figure[] = core.runCore(log);

log('vite build…');
const js = await measureInitialJs(root);
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

const rows = check(figures, BUDGETS);
await writeResults(fileURLToPath(new URL('results/', import.meta.url)), rows, BUDGETS, { initialJs: js });
console.log(table(rows));
const broken = rows.filter((r) => r.ok === false);
if (broken.length > 0) log(`budget broken: ${broken.map((r) => r.id).join(', ')}`);
process.exit(broken.length > 0 ? 1 : 0);
