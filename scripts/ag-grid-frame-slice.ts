// A build step for AG Grid's row rendering while scrolling. AG Grid creates the cells of rows scrolled into view
// in tasks run from animation frames, and runs them for up to 60 ms per frame (AnimationFrameService.requestFrame,
// a constant no grid option reaches). With a frame's style, layout and paint on top, a fast scroll over a large
// sheet made long tasks of 80-250 ms on a 2-core machine, and the page stopped answering meanwhile. Rendering in
// slices of a few milliseconds (FRAME_SLICE_MS) keeps the page responsive; the cells of a row then appear over a
// few frames, which only shows while the scroll is faster than the grid can draw. The transform checks the exact text it replaces, so an AG
// Grid upgrade that changes it fails the build instead of silently dropping the change.
import type { Plugin } from 'vite';

/** How long AG Grid may render rows in one animation frame, in milliseconds. */
export const FRAME_SLICE_MS = 4;

const ORIGINAL = 'const callback = this.executeFrame.bind(this, 60);';
const MODULE = /[\\/]ag-grid-community[\\/]dist[\\/]package[\\/]main\.esm\.mjs$/;

/** The module's code with the frame slice replaced; throws unless the original text occurs exactly once. */
export function sliceFrames(code: string, ms: number = FRAME_SLICE_MS): string {
  const at = code.indexOf(ORIGINAL);
  if (at < 0 || code.indexOf(ORIGINAL, at + 1) >= 0)
    throw new Error(
      `ag-grid-frame-slice: expected "${ORIGINAL}" once in AG Grid's module, found it ` +
        `${at < 0 ? 'nowhere' : 'more than once'}; check AnimationFrameService.requestFrame after the upgrade`,
    );
  return code.replace(ORIGINAL, `const callback = this.executeFrame.bind(this, ${ms});`);
}

export function agGridFrameSlice(): Plugin {
  return {
    name: 'tong-hop:ag-grid-frame-slice',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      return MODULE.test(path) ? { code: sliceFrames(code), map: null } : null;
    },
  };
}
