import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the `vite preview` server serving dist/, e.g. `http://127.0.0.1:41234`. */
    baseURL: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Serves the already built dist/ (the `test:e2e` / `test` scripts run `vite build` first) with Vite's
 * preview server on a free port and hands the URL to tests via `inject('baseURL')`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/index.html not found: run `npx vite build` before the e2e tests.');
  }

  const server = await preview({
    root,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });

  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') {
    await server.close();
    throw new Error(`vite preview is not listening on a TCP port (address: ${String(address)})`);
  }
  const baseURL = `http://127.0.0.1:${address.port}`;
  project.provide('baseURL', baseURL);

  return async () => {
    await server.close();
  };
}
