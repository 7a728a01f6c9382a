// Timing helpers: warm up, time many runs with performance.now(), summarise as median and p95; a seeded PRNG.
import { performance } from 'node:perf_hooks';

export interface Summary {
  readonly median: number;
  readonly p95: number;
  readonly runs: number;
}

/** The q-quantile (0…1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarise(samples: readonly number[]): Summary {
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), runs: samples.length };
}

/** Runs `fn(i)` `warmup` times untimed, then `runs` times timed (ms). */
export function time(fn: (i: number) => void, warmup: number, runs: number): Summary {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(warmup + i);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

/** mulberry32: a small deterministic PRNG, so every run edits the same rows. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** heapUsed in MB after a full collection (when node runs with --expose-gc). */
export function heapMB(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}
