// Where a browser benchmark spends its main-thread time: a V8 CPU profile taken through CDP (Profiler.start/stop),
// its call frames mapped back to the source files through the build's hidden source maps (the bundle's names are
// minified), summarised as self time and total (inclusive) time per function.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { CDPSession } from 'playwright-core';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileEntry {
  /** "src/core/names.ts:96 matchUnits", or a V8 pseudo-frame such as "(garbage collector)". */
  readonly fn: string;
  readonly ms: number;
}

export interface ProfileSummary {
  readonly sampledMs: number;
  /** Time spent in the function itself, across everything (app, libraries, GC). */
  readonly self: readonly ProfileEntry[];
  /** Time with the function on the stack, for the app's own functions (src/). */
  readonly total: readonly ProfileEntry[];
}

/** Starts the profiler on a page session; the returned function stops it and returns the profile. */
export async function startProfile(cdp: CDPSession, intervalUs = 500): Promise<() => Promise<CpuProfile>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Profiler.disable');
    return profile;
  };
}

// --- source maps (v3, decoded here: no dependency beyond the build itself) ------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((ch, i) => [ch, i]));

/** Per generated line: segments [column, source, line, column, name?], sorted by column. */
type Segment = readonly number[];

interface SourceMap {
  readonly sources: readonly string[];
  readonly names: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
  readonly lines: readonly (readonly Segment[])[];
}

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  const state = [0, 0, 0, 0, 0];
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    state[0] = 0;
    for (const text of line.split(',')) {
      if (text === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of text) {
        const digit = DIGIT.get(ch) ?? 0;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      const segment = fields.map((f, i) => (state[i] = (state[i] ?? 0) + f));
      segments.push(segment);
    }
    lines.push(segments);
  }
  return lines;
}

export class SourceMaps {
  private readonly maps = new Map<string, SourceMap | null>();

  /** `outDir`: the build whose assets the page loaded (with build.sourcemap 'hidden'); `root`: the project. */
  constructor(
    private readonly outDir: string,
    private readonly root: string,
  ) {}

  /** The source position of a generated position (0-based line and column), as "src/…/file.ts:line name". */
  label(frame: CallFrame): string {
    const pseudo = frame.url === '' && frame.functionName.startsWith('(');
    if (pseudo) return frame.functionName;
    const map = this.mapOf(frame.url);
    const fallback = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}`;
    if (!map) return fallback;
    const segments = map.lines[frame.lineNumber] ?? [];
    let found: Segment | undefined;
    for (const s of segments) {
      if ((s[0] ?? 0) > frame.columnNumber) break;
      found = s;
    }
    if (!found || found.length < 4) return fallback;
    const source = map.sources[found[1] ?? 0] ?? '?';
    const line = (found[2] ?? 0) + 1;
    const name = found.length > 4 ? map.names[found[4] ?? 0] : undefined;
    return `${source}:${line} ${name ?? this.snippet(map, found) ?? frame.functionName}`.trim();
  }

  private snippet(map: SourceMap, s: Segment): string | undefined {
    const text = map.sourcesContent?.[s[1] ?? 0]?.split('\n')[s[2] ?? 0];
    if (!text) return undefined;
    const code = text.slice(s[3] ?? 0).trim();
    const named = /^(?:async\s+)?(?:function\s*\*?\s*)?([\w$]+)\s*(?:=|\()/.exec(code)?.[1];
    return named ?? code.slice(0, 40);
  }

  private mapOf(url: string): SourceMap | null {
    let pathname: string;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return null;
    }
    if (!this.maps.has(pathname)) {
      let map: SourceMap | null = null;
      try {
        const raw = JSON.parse(readFileSync(join(this.outDir, `${pathname}.map`), 'utf8')) as {
          sources: string[];
          names: string[];
          sourcesContent?: (string | null)[];
          mappings: string;
        };
        const dir = dirname(join(this.outDir, pathname));
        const sources = raw.sources.map((src) =>
          relative(this.root, resolve(dir, src)).replace(/^.*node_modules\//, ''),
        );
        map = { ...raw, sources, lines: decodeMappings(raw.mappings) };
      } catch {
        map = null;
      }
      this.maps.set(pathname, map);
    }
    return this.maps.get(pathname) ?? null;
  }
}

// --- summary ----------------------------------------------------------------------------------------------

export function summariseProfile(profile: CpuProfile, maps: SourceMaps, top = 8): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labels = new Map<number, string>();
  const labelOf = (id: number) => {
    let label = labels.get(id);
    if (label === undefined) {
      const node = byId.get(id);
      label = node ? maps.label(node.callFrame) : '?';
      labels.set(id, label);
    }
    return label;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let sampled = 0;
  samples.forEach((id, i) => {
    // A sample lasts until the next one.
    const ms = Math.max(0, deltas[i + 1] ?? 0) / 1000;
    sampled += ms;
    const own = labelOf(id);
    self.set(own, (self.get(own) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const label = labelOf(at);
      if (seen.has(label)) continue;
      seen.add(label);
      total.set(label, (total.get(label) ?? 0) + ms);
    }
  });
  const ranked = (m: Map<string, number>, keep: (fn: string) => boolean) =>
    [...m]
      .filter(([fn]) => keep(fn))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
  return {
    sampledMs: Math.round(sampled),
    self: ranked(self, (fn) => fn !== '(idle)' && fn !== '(root)'),
    total: ranked(total, (fn) => fn.startsWith('src/')),
  };
}

export function formatSummary(s: ProfileSummary): string[] {
  const list = (entries: readonly ProfileEntry[]) => entries.map((e) => `${e.fn} ${e.ms} ms`).join('; ');
  return [`self: ${list(s.self)}`, `total (src/): ${list(s.total)}`];
}
