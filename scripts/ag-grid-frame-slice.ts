// Build steps for AG Grid's row rendering while scrolling and while a list's blocks load. Each checks the exact text
// it replaces, so an AG Grid upgrade that changes it fails the build instead of silently dropping the change.
//
// 1. The frame slice. AG Grid creates the cells of rows scrolled into view in tasks run from animation frames, and
//    runs them for up to 60 ms per frame (AnimationFrameService.requestFrame, a constant no grid option reaches).
//    With a frame's style, layout and paint on top, a fast scroll over a large sheet made long tasks of 80-250 ms on
//    a 2-core machine, and the page stopped answering meanwhile. Rendering in slices of a few milliseconds
//    (FRAME_SLICE_MS) keeps the page responsive; the cells of a row then appear over a few frames, which only shows
//    while the scroll is faster than the grid can draw.
// 2. Tasks of rows already gone. Each row drawn after a scroll queues two small tasks (its hover listeners, and a
//    class set "after created"), which run only once no cell is left to draw. While a scroll outruns the grid, cells
//    are always left, so the tasks piled up: about 19 a frame, 5,000 after a 300-frame scroll of 100,000 rows, each
//    holding its destroyed row (2,860 row components still reachable in a heap snapshot taken mid-scroll, against the
//    21 on screen). Both tasks do nothing for a destroyed row, so each frame now drops them before it runs any.
// 3. Rows of a loaded block. The member list's grid reads its rows a block at a time (the infinite row model); when
//    a block arrives, the grid redraws the rows in view, and builds every new row's cells in that one task, not
//    over animation frames as after a scroll. Scrolling 100,000 members, a loaded block then held the page for
//    40-70 ms, with blocks of 10 rows as with blocks of 5 (49 ms of a 61 ms task making cells, in a CPU profile).
//    After a model update that keeps the rows drawn (recycleRows), the infinite row model's new rows are now drawn
//    as after a scroll: a frame slice at a time.
import type { Plugin } from 'vite';

/** How long AG Grid may render rows in one animation frame, in milliseconds. */
export const FRAME_SLICE_MS = 4;

const ORIGINAL = 'const callback = this.executeFrame.bind(this, 60);';
const MODULE = /[\\/]ag-grid-community[\\/]dist[\\/]package[\\/]main\.esm\.mjs$/;

/** `code` with `from` replaced by `to`; throws unless `from` occurs exactly once. */
function replaceOnce(code: string, from: string, to: string, where: string): string {
  const at = code.indexOf(from);
  if (at < 0 || code.indexOf(from, at + 1) >= 0)
    throw new Error(
      `ag-grid-frame-slice: expected "${from.split('\n')[0]?.trim()}" once in AG Grid's module, found it ` +
        `${at < 0 ? 'nowhere' : 'more than once'}; check ${where} after the upgrade`,
    );
  return code.slice(0, at) + to + code.slice(at + from.length);
}

/** The module's code with the frame slice replaced; throws unless the original text occurs exactly once. */
export function sliceFrames(code: string, ms: number = FRAME_SLICE_MS): string {
  return replaceOnce(
    code,
    ORIGINAL,
    `const callback = this.executeFrame.bind(this, ${ms});`,
    'AnimationFrameService.requestFrame',
  );
}

const HOVER_TASK = '        this.addHoverFunctionality.bind(this, rowGui),\n';
const AFTER_CREATED_TASK =
  '      this.beans.animationFrameSvc.addDestroyTask(() => {\n' +
  '        if (!this.isAlive()) {\n' +
  '          return;\n' +
  '        }\n' +
  '        rowComp.toggleCss("ag-after-created", true);\n' +
  '      });\n';
const FRAME_START = '    const { p1, p2, f1, destroyTasks, beans } = this;\n';

/**
 * The module's code with a row's two deferred tasks marked with the row (`owner`), and every animation frame first
 * dropping the queued tasks whose row is destroyed. Throws unless each replaced text occurs exactly once.
 */
export function dropTasksOfDestroyedRows(code: string): string {
  let out = replaceOnce(
    code,
    HOVER_TASK,
    '        Object.assign(this.addHoverFunctionality.bind(this, rowGui), { owner: this }),\n',
    'RowCtrl.initialiseRowComp',
  );
  out = replaceOnce(
    out,
    AFTER_CREATED_TASK,
    AFTER_CREATED_TASK.replace('addDestroyTask(() => {', 'addDestroyTask(Object.assign(() => {').replace(
      /\}\);\n$/,
      '}, { owner: this }));\n',
    ),
    'RowCtrl.initialiseRowComp',
  );
  return replaceOnce(
    out,
    FRAME_START,
    '    this.p2.list = this.p2.list.filter((item) => item.task.owner?.isAlive() !== false);\n' +
      '    this.destroyTasks = this.destroyTasks.filter((task) => task.owner?.isAlive() !== false);\n' +
      FRAME_START,
    'AnimationFrameService.executeFrame',
  );
}

const RECYCLE_AFTER_MODEL_UPDATE = '    this.recycleRows(rowsToRecycle, animate);\n';

/**
 * The module's code with the rows a model update draws in the infinite row model (a loaded block) drawn over
 * animation frames, as after a scroll. Throws unless the replaced text occurs exactly once.
 */
export function drawLoadedBlocksInFrames(code: string): string {
  return replaceOnce(
    code,
    RECYCLE_AFTER_MODEL_UPDATE,
    '    this.recycleRows(rowsToRecycle, animate, recycleRows && this.beans.rowModel?.getType() === "infinite");\n',
    'RowRenderer.redrawAfterModelUpdate',
  );
}

/** Every build step of this file, in order. */
export function patchAgGrid(code: string): string {
  return drawLoadedBlocksInFrames(dropTasksOfDestroyedRows(sliceFrames(code)));
}

export function agGridFrameSlice(): Plugin {
  return {
    name: 'tong-hop:ag-grid-frame-slice',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      return MODULE.test(path) ? { code: patchAgGrid(code), map: null } : null;
    },
  };
}
