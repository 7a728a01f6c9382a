// Compiles a bench module with Vite (SSR build, everything bundled) and imports it. The timed code must run as
// the browser build runs it: tsx compiles with esbuild's keepNames, which wraps every closure the validator
// creates per row in a __name() call (Object.defineProperty) and made full validation ~1.6× slower.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

export async function compileModule<T>(root: string, entry: string): Promise<T> {
  const outDir = await mkdtemp(join(tmpdir(), 'tong-hop-bench-'));
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      publicDir: false,
      ssr: { noExternal: true },
      build: { ssr: join(root, entry), outDir, emptyOutDir: true, target: 'es2022', minify: false },
    });
    await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
    const name = entry.replace(/^.*\//, '').replace(/\.ts$/, '.js');
    return (await import(pathToFileURL(join(outDir, name)).href)) as T;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
