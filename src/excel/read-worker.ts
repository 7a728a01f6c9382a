// The read worker: one per file, started and always terminated by read-file.ts. It is where SheetJS runs, and
// SheetJS 0.18.5 has two known flaws with crafted files: prototype pollution (CVE-2023-30533) and a regular
// expression that can run for minutes (CVE-2024-22363). Both stay in here: the page receives only structured-
// cloned plain data (a polluted Object.prototype in this realm cannot travel with it, and the page re-checks
// the shape), and the page terminates a worker that runs past the time limit.
import { runReadJob } from './read-job';
import { parseReadRequest, type WireMessage } from './worker-protocol';

/**
 * The part of DedicatedWorkerGlobalScope used here. tsconfig.json types every file with the DOM library, where
 * `self` is a Window; adding the WebWorker library would retype `self` for the whole app, so this file casts.
 */
interface ReadWorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: WireMessage): void;
}

const scope = self as unknown as ReadWorkerScope;

scope.onmessage = (event) => {
  scope.onmessage = null; // one file per worker
  const request = parseReadRequest(event.data);
  if (!request) {
    scope.postMessage({ type: 'error', error: { code: 'failed', detail: 'malformed read request' } });
    return;
  }
  void runReadJob(request, (message) => scope.postMessage(message));
};
