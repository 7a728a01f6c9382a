// The app's server keeps the built, hashed files in the browser's cache for good, and nothing else.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preview } from 'vite';
import { cacheControlFor, IMMUTABLE, immutableAssets } from '../../../scripts/asset-cache';

const dist = mkdtempSync(join(tmpdir(), 'tong-hop-dist-'));
mkdirSync(join(dist, 'assets'));
mkdirSync(join(dist, 'templates'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tổng hợp</title>');
writeFileSync(join(dist, 'assets', 'index-BnQp_MIb.js'), 'export {};');
writeFileSync(join(dist, 'assets', 'style-AB12cd_-.css'), 'a{}');
writeFileSync(join(dist, 'assets', 'notes.txt'), 'no hash');
writeFileSync(join(dist, 'templates', 'bieu-01-Xy12ab34.xlsx'), 'x');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('cacheControlFor', () => {
  it('keeps a hashed file of assets/ for good, with or without a query', () => {
    expect(cacheControlFor('/assets/index-BnQp_MIb.js', dist)).toBe(IMMUTABLE);
    expect(cacheControlFor('/assets/style-AB12cd_-.css?v=1', dist)).toBe(IMMUTABLE);
  });

  it('leaves everything else to the server: pages, templates, unhashed names, missing files, escapes', () => {
    for (const url of [
      '/',
      '/index.html',
      '/templates/bieu-01-Xy12ab34.xlsx',
      '/assets/notes.txt',
      '/assets/gone-ZZZZZZZZ.js', // an old build's file: the app's page answers it, and that must not be kept
      '/assets/../index-BnQp_MIb.js',
      undefined,
    ])
      expect(cacheControlFor(url, dist), String(url)).toBeNull();
  });
});

describe('the preview server with immutableAssets', () => {
  it('sends IMMUTABLE for a hashed file and no-cache for the page and an old asset’s name', async () => {
    const server = await preview({
      root: dist,
      configFile: false,
      logLevel: 'silent',
      plugins: [immutableAssets()],
      build: { outDir: dist },
      preview: { port: 0, host: '127.0.0.1' },
    });
    try {
      const address = server.httpServer.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const get = (path: string) => fetch(`http://127.0.0.1:${address.port}${path}`);
      const asset = await get('/assets/index-BnQp_MIb.js');
      expect(asset.status).toBe(200);
      expect(await asset.text()).toBe('export {};');
      expect(asset.headers.get('cache-control')).toBe(IMMUTABLE);
      for (const path of ['/', '/assets/gone-ZZZZZZZZ.js', '/templates/bieu-01-Xy12ab34.xlsx']) {
        const res = await get(path);
        expect(res.headers.get('cache-control'), path).not.toBe(IMMUTABLE);
      }
    } finally {
      await server.close();
    }
  });
});
