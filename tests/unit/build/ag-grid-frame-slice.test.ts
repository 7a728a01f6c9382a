import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agGridFrameSlice, FRAME_SLICE_MS, sliceFrames } from '../../../scripts/ag-grid-frame-slice';

const require = createRequire(import.meta.url);
// The package's CommonJS entry sits beside the ES module the app is built from.
const agGridModule = join(dirname(require.resolve('ag-grid-community')), 'main.esm.mjs');

type Transform = (code: string, id: string) => { code: string } | null;

describe('the AG Grid frame slice', () => {
  it('finds the 60 ms slice once in the installed AG Grid and replaces it', () => {
    const code = readFileSync(agGridModule, 'utf8');
    const out = sliceFrames(code);
    expect(out.match(/this\.executeFrame\.bind\(this, (\d+)\)/g)).toEqual([
      `this.executeFrame.bind(this, ${FRAME_SLICE_MS})`,
    ]);
    expect(out).not.toContain('executeFrame.bind(this, 60)');
    expect(out.length).toBe(code.length + String(FRAME_SLICE_MS).length - 2);
  });

  it('fails loudly when the text it replaces is missing or ambiguous', () => {
    expect(() => sliceFrames('const callback = this.executeFrame.bind(this, 50);')).toThrow(/nowhere/);
    const twice = 'const callback = this.executeFrame.bind(this, 60);'.repeat(2);
    expect(() => sliceFrames(twice)).toThrow(/more than once/);
  });

  it('transforms AG Grid only', () => {
    const plugin = agGridFrameSlice();
    const transform = plugin.transform as Transform;
    const code = 'x; const callback = this.executeFrame.bind(this, 60); y';
    expect(transform(code, '/app/src/main.ts')).toBeNull();
    expect(transform(code, '/n/node_modules/ag-grid-community/dist/package/main.esm.mjs?v=1')?.code).toBe(
      `x; const callback = this.executeFrame.bind(this, ${FRAME_SLICE_MS}); y`,
    );
  });
});
