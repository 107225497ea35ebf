import * as tf from '@tensorflow/tfjs-core';

/*
 * Bilinear resampling of NHWC image batches: rotations about the image centre and sub-pixel
 * cyclic shifts, for the continuous groups (rot:<n>, dih:<n>, so2:<m>) and the Lie derivative.
 *
 * Why not tf.image.transform: the cpu backend's Transform kernel (tfjs-backend-cpu 4.x) returns
 * after the first image of a batch, so batches of probes come back zero-filled. Why not a tfjs
 * gather of 4 neighbours: on cpu and wasm it took 8–16 s per element for 16 probes of 224×224×3.
 * Instead every (grid, transform) gets a cached table of 4-neighbour indices and weights (float64
 * geometry, float32 weights), applied in one plain loop over the values (about 30 ms there),
 * accumulated in float64: the same numbers on every backend.
 *
 * Convention (matches groups/dihedral.ts): row 0 at the top, centre ((W−1)/2, (H−1)/2);
 * rotateImages(x, θ) turns the picture counter-clockwise as displayed, so θ = π/2 is exactly the
 * c4 'rot90' permutation, out[i][j] = in[j][W−1−i] on square grids. Output pixel q reads the
 * input at R(−θ)·q; neighbours that fall off the image read zeros.
 * Source points within SNAP of a pixel centre snap onto it, so multiples of 90° on square grids
 * (and of 180° on any grid) and whole-pixel shifts come out as exact permutations: no rounding.
 */

/** Sample points this close (in pixels) to a pixel centre read that pixel alone. */
const SNAP = 1e-7;
/** Cached tap tables; enough for a group of a few dozen angles at a few output resolutions. */
const CACHE_LIMIT = 256;

/**
 * How each output pixel reads the input: a permutation, or 4 weighted neighbours. Index H·W
 * stands for "zero" (off the image, or masked): no value is read, so a NaN never leaks through 0·NaN.
 */
type Taps = { kind: 'perm'; index: Int32Array } | { kind: 'bilinear'; index: Int32Array; weight: Float32Array };

const cache = new Map<string, Taps>();

function cached(key: string, make: () => Taps): Taps {
  let taps = cache.get(key);
  if (!taps) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, (taps = make()));
  }
  return taps;
}

function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) < SNAP ? r : v;
}

/** What a tap table reads: the source point of output pixel (i, j), or null for a zero output. */
type Source = (i: number, j: number) => [number, number] | null;

/**
 * Builds taps from a source-point function. `wrap` wraps neighbours around the grid (shifts);
 * otherwise off-grid neighbours, and those `readable` refuses (outside a mask), weigh 0.
 */
function buildTaps(H: number, W: number, src: Source, wrap: boolean, readable?: Float32Array): Taps {
  const n = H * W;
  const index = new Int32Array(4 * n).fill(n);
  const weight = new Float32Array(4 * n);
  let exact = true;
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      const o = 4 * (i * W + j);
      const at = src(i, j);
      if (!at) continue;
      const [sy, sx] = at.map(snap) as [number, number];
      const y0 = Math.floor(sy);
      const x0 = Math.floor(sx);
      const fy = sy - y0;
      const fx = sx - x0;
      const taps: [number, number, number][] = [
        [y0, x0, (1 - fy) * (1 - fx)],
        [y0, x0 + 1, (1 - fy) * fx],
        [y0 + 1, x0, fy * (1 - fx)],
        [y0 + 1, x0 + 1, fy * fx],
      ];
      taps.forEach(([y, x, w], k) => {
        if (wrap) {
          y = ((y % H) + H) % H;
          x = ((x % W) + W) % W;
        } else if (y < 0 || y >= H || x < 0 || x >= W) {
          return;
        }
        const s = y * W + x;
        if (w === 0 || (readable && !readable[s])) return;
        index[o + k] = s;
        weight[o + k] = w;
      });
      if (!(fy === 0 && fx === 0)) exact = false;
    }
  }
  if (!exact) return { kind: 'bilinear', index, weight };
  // Every output reads one pixel whole (or nothing): a gather, bit for bit.
  const perm = new Int32Array(n);
  for (let s = 0; s < n; s++) perm[s] = weight[4 * s] === 1 ? index[4 * s]! : n;
  return { kind: 'perm', index: perm };
}

/** A turn counter-clockwise by `angle` after an optional left–right mirror, optionally inside the disk. */
export interface Turn {
  angle: number;
  flip?: boolean;
  /** Mask input and output to the inscribed disk (diskMask): out = M·R·F·M·x. */
  masked?: boolean;
}

function turnTaps(H: number, W: number, t: Turn): Taps {
  return cached(`turn:${H},${W},${t.angle},${t.flip ? 1 : 0},${t.masked ? 1 : 0}`, () => {
    const c = Math.cos(t.angle);
    const s = Math.sin(t.angle);
    const cy = (H - 1) / 2;
    const cx = (W - 1) / 2;
    const disk = t.masked ? diskMask(H, W) : undefined;
    const src: Source = (i, j) => {
      if (disk && !disk[i * W + j]) return null;
      const du = j - cx;
      const dv = i - cy;
      // R(−θ) in screen coordinates (y down) undoes a counter-clockwise turn; the mirror came first.
      const sx = cx + du * c - dv * s;
      return [cy + du * s + dv * c, t.flip ? W - 1 - sx : sx];
    };
    return buildTaps(H, W, src, false, disk);
  });
}

/** Taps of a cyclic shift moving content dx columns right and dy rows down. */
function shiftTaps(H: number, W: number, dx: number, dy: number): Taps {
  return cached(`shift:${H},${W},${dx},${dy}`, () => buildTaps(H, W, (i, j) => [i - dy, j - dx], true));
}

/** Applies taps to NHWC values of `shape` (float64 sums of the 4 taps, stored as float32). */
function tapValues(src: Float32Array, [B, H, W, C]: readonly number[], taps: Taps): Float32Array {
  const n = H! * W!;
  const c = C!;
  const out = new Float32Array(B! * n * c);
  // One image at a time, with a zero pixel appended at index n: every tap reads without a branch.
  const img = new Float32Array((n + 1) * c);
  const index = taps.index;
  for (let b = 0; b < B!; b++) {
    const base = b * n * c;
    img.set(src.subarray(base, base + n * c));
    if (taps.kind === 'perm') {
      for (let s = 0; s < n; s++) {
        const from = index[s]! * c;
        const to = base + s * c;
        for (let ch = 0; ch < c; ch++) out[to + ch] = img[from + ch]!;
      }
      continue;
    }
    const weight = taps.weight;
    for (let s = 0, t = 0; s < n; s++, t += 4) {
      const k0 = index[t]! * c;
      const k1 = index[t + 1]! * c;
      const k2 = index[t + 2]! * c;
      const k3 = index[t + 3]! * c;
      const w0 = weight[t]!;
      const w1 = weight[t + 1]!;
      const w2 = weight[t + 2]!;
      const w3 = weight[t + 3]!;
      const to = base + s * c;
      for (let ch = 0; ch < c; ch++) out[to + ch] = w0 * img[k0 + ch]! + w1 * img[k1 + ch]! + w2 * img[k2 + ch]! + w3 * img[k3 + ch]!;
    }
  }
  return out;
}

function applyTaps(x: tf.Tensor4D, taps: Taps): tf.Tensor4D {
  const values = x.dataSync();
  return tf.tensor4d(tapValues(values instanceof Float32Array ? values : Float32Array.from(values), x.shape, taps), x.shape, 'float32');
}

function checkImages(x: tf.Tensor, what: string): asserts x is tf.Tensor4D {
  if (x.rank !== 4) throw new RangeError(`${what} needs an NHWC batch, got shape [${x.shape.join(',')}]`);
}

/**
 * Rotates every image of an NHWC batch by `angle` radians, counter-clockwise as displayed, about
 * the centre ((W−1)/2, (H−1)/2), bilinearly; zeros outside. Multiples of π/2 on square grids (π on
 * any grid) are exact permutations, bit for bit those of the c4/c2 groups. Returns a new float32 tensor.
 */
export function rotateImages(x: tf.Tensor4D, angle: number): tf.Tensor4D {
  return turnImages(x, { angle });
}

/**
 * The general turn the continuous groups apply, in one pass: M·R(angle)·F·M·x with F the
 * left–right mirror when `flip` and M the inscribed-disk mask when `masked`. Returns a new float32 tensor.
 */
export function turnImages(x: tf.Tensor4D, t: Turn): tf.Tensor4D {
  checkImages(x, 'turnImages');
  if (!Number.isFinite(t.angle)) throw new RangeError(`turnImages: angle ${t.angle} is not finite`);
  return applyTaps(x, turnTaps(x.shape[1], x.shape[2], t));
}

/** True when turning an H×W grid by `angle` permutes its pixels exactly (no interpolation). */
export function exactTurn(angle: number, H: number, W: number): boolean {
  const quarter = angle / (Math.PI / 2);
  const k = Math.round(quarter);
  if (Math.abs(quarter - k) > 1e-9) return false;
  return k % 2 === 0 || H === W;
}

/**
 * Shifts every image of an NHWC batch by (dx, dy) pixels (content moves right and down), bilinearly
 * and cyclically: out[y][x] = in[y−dy][x−dx] with wrap-around, as the 'translate' group does.
 * Whole-pixel shifts are exact permutations (np.roll). Returns a new float32 tensor.
 */
export function shiftImages(x: tf.Tensor4D, dx: number, dy: number): tf.Tensor4D {
  checkImages(x, 'shiftImages');
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new RangeError(`shiftImages: shift (${dx}, ${dy}) is not finite`);
  return applyTaps(x, shiftTaps(x.shape[1], x.shape[2], dx, dy));
}

const masks = new Map<string, Float32Array>();

/**
 * The inscribed-disk mask of an H×W grid, row-major: 1 where a pixel's centre lies within
 * (min(H, W) − 1)/2 of the image centre ((W−1)/2, (H−1)/2), boundary included, else 0. That
 * radius reaches the centres of the middle edge pixels, so every point of the disk rotates onto
 * points whose bilinear neighbours all lie inside the image. The disk is symmetric under the
 * square's rotations and flips, so exact 90° rotations and mirrors map it onto itself.
 */
export function diskMask(H: number, W: number): Float32Array {
  const key = `${H},${W}`;
  let m = masks.get(key);
  if (!m) {
    m = new Float32Array(H * W);
    const cy = (H - 1) / 2;
    const cx = (W - 1) / 2;
    const r = (Math.min(H, W) - 1) / 2;
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < W; j++) m[i * W + j] = (i - cy) ** 2 + (j - cx) ** 2 <= r * r ? 1 : 0;
    }
    masks.set(key, m);
  }
  return m;
}

/** x with every pixel outside the inscribed disk (see diskMask) set to +0, the rest unchanged. Returns a new float32 tensor. */
export function applyDiskMask(x: tf.Tensor4D): tf.Tensor4D {
  checkImages(x, 'applyDiskMask');
  return turnImages(x, { angle: 0, masked: true });
}
