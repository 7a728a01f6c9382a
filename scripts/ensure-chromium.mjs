#!/usr/bin/env node
// Makes sure the Chromium used by the e2e tests is installed (Debian package `chromium`).
// Uses $CHROMIUM_PATH if set, else /usr/bin/chromium. Installs it with apt-get when missing
// (directly as root, otherwise through sudo). Exits non-zero with a clear message on failure.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import process from 'node:process';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args) {
  console.log(`[ensure-chromium] $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) {
    console.error(`[ensure-chromium] could not run ${command}: ${result.error.message}`);
    return false;
  }
  return result.status === 0;
}

function version(path) {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown version';
}

if (isExecutable(chromiumPath)) {
  console.log(`[ensure-chromium] using ${chromiumPath} (${version(chromiumPath)})`);
  process.exit(0);
}

console.log(
  `[ensure-chromium] ${chromiumPath} is missing or not executable; installing Debian's chromium package`,
);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const prefix = isRoot ? [] : ['sudo'];
if (!isRoot) console.log('[ensure-chromium] not running as root: using sudo');

const [cmd, ...rest] = [...prefix, 'apt-get'];
const ok =
  run(cmd, [...rest, 'update']) &&
  run(cmd, [...rest, 'install', '-y', '--no-install-recommends', 'chromium']);

if (!ok || !isExecutable(chromiumPath)) {
  console.error(
    `[ensure-chromium] ERROR: Chromium is still not available at ${chromiumPath}.\n` +
      '  Install it manually (as root: `apt-get update && apt-get install -y chromium`),\n' +
      '  or set CHROMIUM_PATH to an existing Chromium/Chrome executable.',
  );
  process.exit(1);
}
console.log(`[ensure-chromium] installed ${chromiumPath} (${version(chromiumPath)})`);
