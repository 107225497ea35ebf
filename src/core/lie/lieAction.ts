import * as tf from '@tensorflow/tfjs-core';
import { applyDiskMask, rotateImages, shiftImages } from '../groups/continuous/resample';
import type { Representation } from '../groups/types';
import { EquiLensError } from '../errors';

/** Which one-parameter subgroups a group's Lie derivative differentiates along. */
export type Generator = 'rotation' | 'translation';

/** The generator of `group` (a CLI group name), or null when it has none (flips, sequences, sets). */
export function generatorOf(group: string): Generator | null {
  if (group === 'translate') return 'translation';
  if (['c2', 'c4', 'd4'].includes(group) || /^(rot|dih|so2):/.test(group)) return 'rotation';
  return null;
}

/** The generators' names: one for rotation, x and y for translation. */
export function axesOf(generator: Generator): readonly ('rotation' | 'x' | 'y')[] {
  return generator === 'rotation' ? ['rotation'] : ['x', 'y'];
}

/**
 * Displacements the ladder tries, in input pixels (at the disk's rim for rotations); each half the
 * one before. The first and last serve only as neighbours (2h, h/2) of the candidates 1/8…1/64 px:
 * coarser steps cross the kinks bilinear resampling has at pixel centres irregularly (on the
 * closed-form test, ‖D_h − D_2h‖ stopped bounding the error above 1/4 px), finer ones drown in round-off.
 */
export const DISPLACEMENTS = [1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128] as const;

/** Pixels per unit of the parameter: the disk's radius (rotation, radians) or 1 (translation, pixels). */
export function pixelsPerStep(generator: Generator, H: number, W: number): number {
  return generator === 'rotation' ? (Math.min(H, W) - 1) / 2 : 1;
}

/**
 * ρ_in(g_t) x for the parameter t along `axis`: rotations mask x to the inscribed disk, turn it
 * and mask again (the corners a turn moves are not symmetry information); translations shift
 * circularly. t = 0 gives the point the derivative is taken at (masked for rotations). A new tensor.
 */
export function actOnInput(x: tf.Tensor4D, axis: 'rotation' | 'x' | 'y', t: number): tf.Tensor4D {
  return tf.tidy(() => {
    if (axis === 'rotation') return applyDiskMask(rotateImages(applyDiskMask(x), t));
    return axis === 'x' ? shiftImages(x, t, 0) : shiftImages(x, 0, t);
  });
}

/** What ρ_out needs beyond the representation: the input grid (shifts scale to the output's) and the output layout. */
export interface OutputFrame {
  rep: Representation;
  inputGrid: readonly [number, number];
  channelsFirst: boolean;
}

/**
 * ρ_out(g_t)⁻¹ y, read back as float64 rows (points: in the centered metric frame). Invariant:
 * y; 'same': the map turned (and masked) or shifted back, with shifts scaled to the map's own
 * size; 'points': coordinates turned back about the centre or shifted back. Disposes nothing.
 */
export async function undoOnOutput(y: tf.Tensor, frame: OutputFrame, axis: 'rotation' | 'x' | 'y', t: number, kind = frame.rep.kind): Promise<Float64Array> {
  const { rep } = frame;
  if (kind === 'same') {
    const back = tf.tidy(() => {
      const nhwc = (frame.channelsFirst ? tf.transpose(y, [0, 2, 3, 1]) : y) as tf.Tensor4D;
      if (axis === 'rotation') return applyDiskMask(rotateImages(applyDiskMask(nhwc), -t));
      const [, h, w] = nhwc.shape;
      return axis === 'x' ? shiftImages(nhwc, (-t * w) / frame.inputGrid[1], 0) : shiftImages(nhwc, 0, (-t * h) / frame.inputGrid[0]);
    });
    // Compared channels-last whatever the model's order: a norm does not care.
    const values = Float64Array.from((await back.data()) as Float32Array);
    back.dispose();
    return values;
  }
  const raw = Float32Array.from((await y.data()) as Float32Array);
  const B = y.shape[0] ?? 1;
  const D = raw.length / B;
  if (kind === 'points') {
    rep.toMetricFrame?.(raw, D);
    if (t !== 0) undoPoints(raw, D, rep, axis, t);
  }
  return Float64Array.from(raw);
}

/** In place: each (x, y) pair of every row turned by −t about the centre or shifted back by t pixels. */
function undoPoints(values: Float32Array, D: number, rep: Representation, axis: 'rotation' | 'x' | 'y', t: number): void {
  const layout = rep.points!;
  const pairs = layout.pairs(D);
  const [px, py] = layout.pixelsPerUnit;
  const c = Math.cos(t);
  const s = Math.sin(t);
  for (let row = 0; row < values.length; row += D) {
    for (let k = 0; k < pairs.length; k += 2) {
      const xi = pairs[k]!;
      const yi = pairs[k + 1]!;
      if (axis === 'x' && xi >= 0) values[row + xi] = values[row + xi]! - t / px;
      if (axis === 'y' && yi >= 0) values[row + yi] = values[row + yi]! - t / py;
      if (axis !== 'rotation') continue;
      if (xi < 0 || yi < 0) throw new EquiLensError(undefined, '--lie with rotations needs points with both x and y; this representation has a coordinate alone');
      // rotateImages moves a point p (pixels from the centre, y down) to Mᵀp, M = [[c, −s], [s, c]]: undo with M.
      const u = values[row + xi]! * px;
      const v = values[row + yi]! * py;
      values[row + xi] = (c * u - s * v) / px;
      values[row + yi] = (s * u + c * v) / py;
    }
  }
}

/**
 * Refuses what the Lie derivative cannot measure, naming the flag: groups without a continuous
 * generator, discrete output rules (class or channel permutations) and integer inputs (central
 * differences need real-valued inputs). Points with an x but no y (or the reverse) are refused
 * under rotations once the output's layout is known (undoPoints).
 */
export function checkLieSupport(group: string, output: string, inputDtype: string | undefined): Generator {
  const generator = generatorOf(group);
  if (!generator) throw new EquiLensError(undefined, `--lie needs a group with a continuous generator (c2, c4, d4, rot:<n>, dih:<n>, so2:<m>, translate); '${group}' has none`);
  const s = output.trim();
  const kind = s === 'invariant' ? 'invariant' : s === 'same' ? 'same' : s.startsWith('points:') && !s.includes(';') ? 'points' : null;
  if (!kind) throw new EquiLensError(undefined, `--lie supports output representations invariant, same and points (no permutations); got '${output}'`);
  if (inputDtype && inputDtype !== 'float32') throw new EquiLensError(undefined, `--lie needs a float input (central differences resample it); this input is ${inputDtype}`);
  return generator;
}
