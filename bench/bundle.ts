// The built app's initial JavaScript: a production build (into a temporary directory, so the shared dist/ is
// left alone; the browser benchmarks serve the same build), then every module script and modulepreload of its
// index.html, raw and gzipped (level 9).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export interface InitialJs {
  readonly files: readonly { readonly path: string; readonly raw: number; readonly gzip: number }[];
  readonly raw: number;
  readonly gzip: number;
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g))
    attrs.set((m[1] ?? '').toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  return attrs;
}

/** The src of every `<script type="module">` and the href of every `<link rel="modulepreload">`. */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attrs = attributes(m[2] ?? '');
    const tag = (m[1] ?? '').toLowerCase();
    if (tag === 'script' && attrs.get('type') === 'module' && attrs.get('src'))
      found.add(attrs.get('src') ?? '');
    const rel = (attrs.get('rel') ?? '').split(/\s+/);
    if (tag === 'link' && rel.includes('modulepreload') && attrs.get('href'))
      found.add(attrs.get('href') ?? '');
  }
  return [...found];
}

/**
 * A production build of the app into a fresh temporary directory (the caller removes it). Source maps are
 * 'hidden': written beside the assets for bench/profile.ts, referenced by nothing, the JS itself unchanged.
 */
export async function buildApp(root: string): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tong-hop-bench-'));
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: 'hidden' } });
  return outDir;
}

/** The initial JS of a build made by buildApp. */
export async function initialJsOf(outDir: string): Promise<InitialJs> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const files = await Promise.all(
    initialScripts(html).map(async (src) => {
      const bytes = await readFile(join(outDir, new URL(src, 'http://app/').pathname));
      return { path: src, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  if (files.length === 0) throw new Error('index.html references no module script');
  const sum = (k: 'raw' | 'gzip') => files.reduce((s, f) => s + f[k], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip') };
}

export async function measureInitialJs(root: string): Promise<InitialJs> {
  const outDir = await buildApp(root);
  try {
    return await initialJsOf(outDir);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
