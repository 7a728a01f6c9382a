// The app's server (`npm start`: vite preview) answers every file with Cache-Control: no-cache, so each visit asks
// again for every script the page loads: about fifteen requests, in waves, before a report is shown. The build names
// the files under assets/ by a hash of their content, so a file's name never names other content: the browser may
// keep them for good, and a later visit reads them from its cache without asking. Every other file (index.html,
// which names the current assets; the templates; the icon) is asked for again on each visit.
//
// Measured on this machine, where the server is on the same host, a round trip costs little: opening the
// 100,000-member report took 978 ms with this and 990 ms without (medians of 8 interleaved opens). What it saves
// is those round trips where the server is farther away than the browser's own machine.
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built file named by its content's hash: `/assets/<name>-<8-character hash>.<ext>` (Vite's default). */
const HASHED = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * The Cache-Control for a request of `url` served from `outDir`: IMMUTABLE for a hashed file that exists there,
 * null (the server's own) for anything else, an old asset's name included (the app's index.html answers it).
 */
export function cacheControlFor(url: string | undefined, outDir: string): string | null {
  const path = (url ?? '').split(/[?#]/)[0] ?? '';
  if (!HASHED.test(path)) return null;
  const root = normalize(outDir + sep);
  const file = normalize(join(root, path));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return null;
  return IMMUTABLE;
}

export function immutableAssets(): Plugin {
  return {
    name: 'tong-hop:immutable-assets',
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir);
      // Before the server's static files: their handler keeps a Cache-Control already set on the response.
      server.middlewares.use((req, res, next) => {
        const cacheControl = cacheControlFor(req.url, outDir);
        if (cacheControl) res.setHeader('Cache-Control', cacheControl);
        next();
      });
    },
  };
}
