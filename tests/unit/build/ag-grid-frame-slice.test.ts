import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  agGridFrameSlice,
  drawLoadedBlocksInFrames,
  dropTasksOfDestroyedRows,
  FRAME_SLICE_MS,
  patchAgGrid,
  sliceFrames,
} from '../../../scripts/ag-grid-frame-slice';

const require = createRequire(import.meta.url);
// The package's CommonJS entry sits beside the ES module the app is built from.
const agGridModule = join(dirname(require.resolve('ag-grid-community')), 'main.esm.mjs');
const installed = readFileSync(agGridModule, 'utf8');

type Transform = (code: string, id: string) => { code: string } | null;

describe('the AG Grid frame slice', () => {
  it('finds the 60 ms slice once in the installed AG Grid and replaces it', () => {
    const out = sliceFrames(installed);
    expect(out.match(/this\.executeFrame\.bind\(this, (\d+)\)/g)).toEqual([
      `this.executeFrame.bind(this, ${FRAME_SLICE_MS})`,
    ]);
    expect(out).not.toContain('executeFrame.bind(this, 60)');
    expect(out.length).toBe(installed.length + String(FRAME_SLICE_MS).length - 2);
  });

  it('fails loudly when the text it replaces is missing or ambiguous', () => {
    expect(() => sliceFrames('const callback = this.executeFrame.bind(this, 50);')).toThrow(/nowhere/);
    const twice = 'const callback = this.executeFrame.bind(this, 60);'.repeat(2);
    expect(() => sliceFrames(twice)).toThrow(/more than once/);
  });

  it('transforms AG Grid only, with both changes', () => {
    const plugin = agGridFrameSlice();
    const transform = plugin.transform as Transform;
    expect(transform(installed, '/app/src/main.ts')).toBeNull();
    const out = transform(installed, '/n/node_modules/ag-grid-community/dist/package/main.esm.mjs?v=1')?.code;
    expect(out).toBe(patchAgGrid(installed));
    expect(out).toContain(`this.executeFrame.bind(this, ${FRAME_SLICE_MS})`);
    expect(out).toContain('{ owner: this }');
    expect(out).toContain('this.recycleRows(rowsToRecycle, animate, recycleRows && ');
  });
});

describe('drawing a loaded block’s rows over animation frames', () => {
  it('passes afterScroll to the model update’s recycleRows, for the infinite row model only', () => {
    const out = drawLoadedBlocksInFrames(installed);
    const at = out.indexOf('  redrawAfterModelUpdate(params = {}) {');
    const body = out.slice(at, out.indexOf('\n  }\n', at));
    expect(body).toContain(
      'this.recycleRows(rowsToRecycle, animate, recycleRows && this.beans.rowModel?.getType() === "infinite");',
    );
    expect(body).not.toContain('this.recycleRows(rowsToRecycle, animate);');
    // Only that call: the scroll's own recycleRows (afterScroll from the scroll) is left as it is.
    expect(out.split('this.recycleRows(').length).toBe(installed.split('this.recycleRows(').length);
    expect(() => drawLoadedBlocksInFrames('no grid here')).toThrow(/nowhere/);
  });
});

// --- the tasks of destroyed rows -------------------------------------------------------------------------------

interface Owner {
  isAlive(): boolean;
}
type Task = (() => void) & { owner?: Owner };
interface FrameService {
  p1: { list: unknown[] };
  p2: { list: unknown[] };
  destroyTasks: unknown[];
  beans: unknown;
  gos: unknown;
  postConstruct(): void;
  createTask(task: Task, index: number, list: 'p1' | 'p2'): void;
  addDestroyTask(task: Task): void;
  executeFrame(millis: number): void;
}

/** AnimationFrameService, cut from the patched module and run on its own with the beans it reads stubbed. */
async function frameService(code: string): Promise<{ svc: FrameService }> {
  const start = code.indexOf('var AnimationFrameService = class extends BeanStub {');
  const end = code.indexOf('\n};\n', start);
  expect(start).toBeGreaterThan(0);
  const file = join(mkdtempSync(join(tmpdir(), 'frame-service-')), 'service.mjs');
  writeFileSync(
    file,
    'export default (BeanStub, _requestAnimationFrame5) => {\n' +
      `${code.slice(start, end + 3)}\nreturn AnimationFrameService;\n};\n`,
  );
  const make = ((await import(pathToFileURL(file).href)) as { default: unknown }).default as (
    base: unknown,
    raf: (beans: unknown, callback: () => void) => void,
  ) => new () => FrameService;
  // Frames are run by hand (executeFrame), so the one it asks for is not needed.
  const Service = make(class {}, () => undefined);
  const svc = new Service();
  svc.gos = { get: () => false };
  svc.beans = {
    ctrlsSvc: { getScrollFeature: () => ({ scrollGridIfNeeded: () => false }) },
    frameworkOverrides: { wrapOutgoing: (f: () => void) => f() },
  };
  svc.postConstruct();
  return { svc };
}

const owned = (owner: Owner, run: () => void): Task => Object.assign(run, { owner });

describe('dropping the queued tasks of destroyed rows', () => {
  afterEach(() => vi.restoreAllMocks());

  it('marks the two tasks in the installed AG Grid and prunes each frame', () => {
    const out = dropTasksOfDestroyedRows(installed);
    expect(out).toContain('Object.assign(this.addHoverFunctionality.bind(this, rowGui), { owner: this })');
    expect(out).toContain('rowComp.toggleCss("ag-after-created", true);\n      }, { owner: this }));');
    expect(out.match(/owner\?\.isAlive\(\) !== false/g)).toHaveLength(2);
    expect(() => dropTasksOfDestroyedRows('no grid here')).toThrow(/nowhere/);
  });

  it('never runs a destroyed row’s tasks, and runs a live row’s', async () => {
    const { svc } = await frameService(dropTasksOfDestroyedRows(sliceFrames(installed)));
    let alive = true;
    const row: Owner = { isAlive: () => alive };
    const live: Owner = { isAlive: () => true };
    const ran: string[] = [];
    svc.createTask(
      owned(row, () => ran.push('hover gone')),
      5,
      'p2',
    );
    svc.addDestroyTask(owned(row, () => ran.push('created gone')));
    svc.createTask(
      owned(live, () => ran.push('hover')),
      6,
      'p2',
    );
    svc.addDestroyTask(owned(live, () => ran.push('created')));
    svc.addDestroyTask(() => ran.push('no owner'));
    alive = false;
    svc.executeFrame(-1);
    expect(ran.sort()).toEqual(['created', 'hover', 'no owner']);
  });

  it('drops them even when the frame has no time left to run anything after the cells', async () => {
    const unpatched = await frameService(sliceFrames(installed));
    const patched = await frameService(dropTasksOfDestroyedRows(sliceFrames(installed)));
    // Each cell task takes the whole slice, as cells do while a scroll outruns the grid.
    let now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    for (const { svc } of [unpatched, patched]) {
      for (let frame = 0; frame < 50; frame++) {
        const row: Owner & { dead: boolean } = { dead: false, isAlive: () => !row.dead };
        svc.createTask(() => (now += FRAME_SLICE_MS), frame, 'p1');
        svc.createTask(
          owned(row, () => undefined),
          frame,
          'p2',
        );
        svc.addDestroyTask(owned(row, () => undefined));
        // The next jump destroys the row before its turn comes.
        row.dead = true;
        svc.executeFrame(FRAME_SLICE_MS);
      }
    }
    expect(unpatched.svc.p2.list).toHaveLength(50);
    expect(unpatched.svc.destroyTasks).toHaveLength(50);
    // What is left is the last frame's, queued after that frame's pruning.
    expect(patched.svc.p2.list.length).toBeLessThanOrEqual(1);
    expect(patched.svc.destroyTasks.length).toBeLessThanOrEqual(1);
  });
});
