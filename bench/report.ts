// The results: each figure with its budget and verdict, written as bench/results/latest.json and latest.md.
import { cpus } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Budget } from './budgets';
import type { Figure } from './figures';

export interface Checked extends Figure {
  readonly budget: number | null;
  readonly ok: boolean | null;
}

export function check(figures: readonly Figure[], budgets: readonly Budget[]): Checked[] {
  return figures.map((f) => {
    const budget = budgets.find((b) => b.figure === f.id);
    if (!budget) return { ...f, budget: null, ok: null };
    if (budget.unit !== f.unit) throw new Error(`budget ${f.id}: ${budget.unit}, figure in ${f.unit}`);
    return { ...f, budget: budget.max, ok: f[budget.stat] <= budget.max };
  });
}

function format(value: number | null, unit: string): string {
  if (value === null) return '—';
  // A zero (no long task in a scroll) is written as one, not as 0.000.
  const digits = unit === 'MB' || value === 0 ? 0 : unit === 'kB' ? 1 : value < 1 ? 3 : value < 10 ? 2 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

export function table(rows: readonly Checked[]): string {
  const lines = ['| what | median | p95 | budget | ok |', '| --- | ---: | ---: | ---: | :-: |'];
  for (const r of rows) {
    const ok = r.ok === null ? '' : r.ok ? 'yes' : '**NO**';
    // A figure the issues set no budget for is reported as measured, with a dash for its budget.
    const budget = r.budget === null ? '—' : `≤ ${format(r.budget, r.unit)}`;
    lines.push(`| ${r.what} | ${format(r.median, r.unit)} | ${format(r.p95, r.unit)} | ${budget} | ${ok} |`);
  }
  return lines.join('\n');
}

export async function writeResults(
  dir: string,
  rows: readonly Checked[],
  budgets: readonly Budget[],
  extra: Readonly<Record<string, unknown>>,
): Promise<void> {
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
  const date = new Date().toISOString();
  const pass = rows.every((r) => r.ok !== false);
  const json = { date, machine, pass, figures: rows, budgets, ...extra };
  const md = [
    `# Benchmarks — ${date}`,
    '',
    `${machine.cpu} · ${machine.cores} cores · node ${machine.node} · ${pass ? 'all budgets met' : 'BUDGET BROKEN'}`,
    '',
    table(rows),
    '',
  ].join('\n');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(join(dir, 'latest.md'), md);
}
