#!/usr/bin/env node
// `npm test`: ensure Chromium, build, run the unit and e2e Vitest projects, then print as the very last
// line `N passed, N failed[, N skipped]` (individual tests). Exits non-zero on any failure, on a
// non-zero exit from any step, or when no test ran at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'tong-hop-test-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs a command with output streamed to the terminal; returns its exit code (1 if it could not start). */
function run(command, args) {
  console.log(`\n[test-all] $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) console.error(`[test-all] could not run ${command}: ${result.error.message}`);
  if (result.signal) console.error(`[test-all] ${command} was killed by ${result.signal}`);
  return result.status ?? 1;
}

function finish(totals, ok) {
  rmSync(outDir, { recursive: true, force: true });
  const parts = [`${totals.passed} passed`, `${totals.failed} failed`];
  if (totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
  console.log(parts.join(', '));
  process.exit(ok ? 0 : 1);
}

const totals = { passed: 0, failed: 0, skipped: 0 };

for (const [label, command, args] of [
  ['Chromium check', process.execPath, ['scripts/ensure-chromium.mjs']],
  ['vite build', npx, ['--no', 'vite', 'build']],
]) {
  if (run(command, args) !== 0) {
    console.error(`[test-all] ${label} failed; no tests were run.`);
    finish({ passed: 0, failed: 1, skipped: 0 }, false);
  }
}

let ok = true;
for (const project of ['unit', 'e2e']) {
  const jsonFile = join(outDir, `${project}.json`);
  const code = run(npx, [
    '--no',
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonFile}`,
  ]);

  let failedHere = 0;
  if (existsSync(jsonFile)) {
    const results = JSON.parse(readFileSync(jsonFile, 'utf8'));
    totals.passed += results.numPassedTests ?? 0;
    failedHere = results.numFailedTests ?? 0;
    totals.skipped += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
    // A file that fails to load, or an error in a hook / global setup, fails no individual test:
    // count the failed files so the summary never says "0 failed" for a failing run.
    if (code !== 0 && failedHere === 0) failedHere = Math.max(results.numFailedTestSuites ?? 0, 1);
  } else if (code !== 0) {
    console.error(`[test-all] vitest (${project}) exited with ${code} and wrote no JSON report.`);
    failedHere = 1;
  }
  totals.failed += failedHere;
  if (code !== 0 || failedHere > 0) ok = false;
}

if (totals.passed + totals.failed === 0) {
  console.error('[test-all] no tests ran: treating this as a failure.');
  ok = false;
}
finish(totals, ok);
