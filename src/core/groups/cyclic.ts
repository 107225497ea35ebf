import { EquiLensError } from '../errors';
import { Rng } from '../rng';
import { gridText, type SiteElement, type SiteGroupSpec } from './siteGroup';
import type { Layout } from './types';

/*
 * Cyclic translations. shift(dy,dx) moves content dy rows down and dx columns right, wrapping
 * around: out[y][x] = in[(y−dy) mod H][(x−dx) mod W], like np.roll(img, (dy, dx), axis=(0, 1));
 * sequences use shift(d) the same way along W. Names show the signed offset, e.g. 'shift(3,-2)'.
 *
 * 'translate' is the full group when H·W ≤ 64 and 'shift' when W ≤ 32. Beyond that the group
 * is a seeded sample of maxElements elements (identity first, the rest sorted by offset): an
 * audit over all 50 176 shifts of a 224×224 image would cost far more than it tells.
 *
 * On a grid of another size (a pooled feature map under 'same') each offset is scaled by
 * size / reference size, and must land on whole sites, else the element cannot act there.
 */

const GENERATORS: Record<string, string[]> = { translate: ['shift-y', 'shift-x'], shift: ['shift'] };
const FULL_LIMIT: Record<string, number> = { translate: 64, shift: 32 };
const DEFAULT_MAX = 16;

/** Spec of 'translate' (grid [H, W]) or 'shift' (grid [W]). */
export function cyclicSpec(name: 'translate' | 'shift', grid: readonly number[], opts: { seed: number; maxElements?: number }): SiteGroupSpec {
  const n = grid.reduce((a, b) => a * b, 1);
  const max = opts.maxElements ?? DEFAULT_MAX;
  const full = n <= FULL_LIMIT[name]! || max >= n;
  const picked = full ? [...Array(n).keys()] : sampleOffsets(n, max, opts.seed);
  const elements = picked.map((k) => shiftElement(name, grid, offsetOf(k, grid)));
  const layout: Layout = name === 'translate' ? 'image' : 'sequence';
  const generators = GENERATORS[name]!;
  return { name, layout, generators, elements, fullOrder: n, sampled: !full, tableGrid: grid };
}

/** 0 plus max−1 distinct nonzero offset indices (partial Fisher–Yates), sorted. */
function sampleOffsets(n: number, max: number, seed: number): number[] {
  const rng = new Rng(seed);
  const pool = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
  for (let i = 0; i < max - 1; i++) {
    const j = i + rng.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return [0, ...Array.from(pool.subarray(0, max - 1)).sort((a, b) => a - b)];
}

/** Row-major multi-index of offset number k. */
function offsetOf(k: number, grid: readonly number[]): number[] {
  const d = grid.map(() => 0);
  for (let a = grid.length - 1; a >= 0; a--) {
    d[a] = k % grid[a]!;
    k = Math.floor(k / grid[a]!);
  }
  return d;
}

function shiftElement(group: string, ref: readonly number[], d: number[]): SiteElement {
  const signed = d.map((v, a) => (v > ref[a]! / 2 ? v - ref[a]! : v));
  const name = d.every((v) => v === 0) ? 'e' : `shift(${signed.join(',')})`;
  // Generators shift by +1 along one axis; an offset is that many steps (the group is abelian).
  const word = d.flatMap((v, a) => Array<number>(v).fill(a));
  const sites = (grid: readonly number[]): Int32Array => {
    const scaled = d.map((v, a) => (v * grid[a]!) / ref[a]!);
    if (!scaled.every(Number.isInteger)) {
      const problem = `group '${group}': ${name} does not scale from ${gridText(ref)} to ${gridText(grid)} sites`;
      throw new EquiLensError(undefined, problem);
    }
    return shiftPerm(grid, scaled);
  };
  return { name, word, sites };
}

/** p[site] = source site of a cyclic shift by `s` (per axis) on `grid`, row-major. */
function shiftPerm(grid: readonly number[], s: readonly number[]): Int32Array {
  const n = grid.reduce((a, b) => a * b, 1);
  const p = new Int32Array(n);
  for (let site = 0; site < n; site++) {
    let rest = site;
    let src = 0;
    let stride = 1;
    for (let a = grid.length - 1; a >= 0; a--) {
      const size = grid[a]!;
      const t = rest % size;
      rest = Math.floor(rest / size);
      src += ((((t - s[a]!) % size) + size) % size) * stride;
      stride *= size;
    }
    p[site] = src;
  }
  return p;
}
