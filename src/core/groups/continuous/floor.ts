import * as tf from '@tensorflow/tfjs-core';
import type { Group } from '../types';
import { diskMask } from './resample';

/*
 * The interpolation floor (THEORY, "Continuous rotations"): the relError that a function exactly
 * invariant to rotations of the masked image still shows under this group's resampling, on the
 * audit's own probes. The function is each probe's radial profile: per channel, the mean of the
 * masked image over rings of pixel centres at rounded distance 0, 1, …, r from the centre. A
 * continuous rotation maps every ring onto itself, so any change of the profile is resampling.
 * Same definition as relError (THEORY §3) with ρ_out trivial:
 *   floor = sqrt( Σ_b Σ_{g≠e} ‖p(ρ(g)x_b) − p(ρ(e)x_b)‖² / Σ_b Σ_{g≠e} ‖p(ρ(e)x_b)‖² ).
 */

/** Ring number of every site of an H×W grid (round(distance)); sites outside the disk get `rings`. */
function ringIds(H: number, W: number): { ids: Int32Array; rings: number; counts: Float32Array } {
  const disk = diskMask(H, W);
  const cy = (H - 1) / 2;
  const cx = (W - 1) / 2;
  const rings = Math.floor((Math.min(H, W) - 1) / 2 + 0.5) + 1;
  const ids = new Int32Array(H * W);
  const counts = new Float32Array(rings);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      const s = i * W + j;
      const ring = disk[s] ? Math.round(Math.hypot(i - cy, j - cx)) : rings;
      ids[s] = ring;
      if (ring < rings) counts[ring]! += 1;
    }
  }
  return { ids, rings, counts };
}

/**
 * Radial profiles of an NHWC batch: one float64 row of rings·C values (ring-major) per image.
 * Summed in JavaScript from one read of the tensor: UnsortedSegmentSum has no wasm kernel, and a
 * dense ring matrix would cost rings·H·W multiplications per value.
 */
export function radialProfiles(x: tf.Tensor4D): Float64Array[] {
  const [B, H, W, C] = x.shape;
  const { ids, rings, counts } = ringIds(H, W);
  const v = x.dataSync();
  return Array.from({ length: B }, (_, b) => {
    const row = new Float64Array(rings * C);
    const base = b * H * W * C;
    for (let s = 0; s < H * W; s++) {
      const ring = ids[s]!;
      if (ring >= rings) continue;
      for (let c = 0; c < C; c++) row[ring * C + c]! += v[base + s * C + c]!;
    }
    // Even sizes have no pixel centre within 0.5 of the centre: empty rings stay 0.
    for (let r = 0; r < rings; r++) for (let c = 0; c < C; c++) if (counts[r]) row[r * C + c]! /= counts[r]!;
    return row;
  });
}

/**
 * The interpolation floor of `group` on its orbit inputs (inputs[i] = ρ_in(g_i)x, NHWC, as
 * orbitInputs makes them); null for groups that do not resample, or when the profiles are all 0.
 */
export function interpolationFloor(group: Group, inputs: readonly tf.Tensor[]): number | null {
  if (!group.continuous?.mask || inputs.length < 2 || inputs[0]!.rank !== 4) return null;
  const base = radialProfiles(inputs[0] as tf.Tensor4D);
  let dev = 0;
  let norm = 0;
  for (let g = 1; g < inputs.length; g++) {
    const moved = radialProfiles(inputs[g] as tf.Tensor4D);
    moved.forEach((row, b) => {
      const e = base[b]!;
      for (let d = 0; d < row.length; d++) {
        dev += (row[d]! - e[d]!) ** 2;
        norm += e[d]! ** 2;
      }
    });
  }
  return norm > 0 ? Math.sqrt(dev / norm) : null;
}
