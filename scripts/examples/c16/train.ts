import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { applyDiskMask, rotateImages } from '../../../src/core/groups/continuous/resample';
import { C16_CLASSES, C16_SIZE, type GlyphSet } from './glyphs';
import { applySupport, type Support } from './models';
import { seededTrain, type LoopOptions } from '../train';

/** Elements of C16: rotations by 2πk/16 = k · 22.5°. */
export const C16_ORDER = 16;

/**
 * The C16 orbit of a glyph set as the audit sees it: orbit[k] holds every image rotated by
 * k · 22.5° with EquiLens's own bilinear resampling, then masked to the inscribed disk
 * (src/core/groups/continuous/resample.ts). Training on exactly these images is "full
 * augmentation" for the group the audit checks (condition 3 of THEORY §1).
 */
export function c16Orbit(data: GlyphSet): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(data.images, [data.n, C16_SIZE, C16_SIZE, 1]);
    return Array.from({ length: C16_ORDER }, (_, k) => {
      // M·R·M·x, as src/core/groups/continuous/rotationGroup.ts acts (M: the inscribed-disk mask).
      const turned = rotateImages(applyDiskMask(x), (2 * Math.PI * k) / C16_ORDER);
      return applyDiskMask(turned).dataSync() as Float32Array;
    });
  });
}

/** Epochs, batch, base rate, and the seed of the data order and the rotations (initializers are seeded by the model builder). */
export type C16TrainOptions = LoopOptions;

/**
 * Trains in place with Adam (cosine decay to 0) on the cross-entropy, every sample visit turned
 * by a uniformly random element of C16, and re-applies the support mask after every step so
 * taps outside it stay exactly 0. Returns the last epoch's mean loss.
 */
export async function trainC16(model: tfl.LayersModel, support: Support, data: GlyphSet, orbit: Float32Array[], opts: C16TrainOptions): Promise<number> {
  return seededTrain(
    model,
    data.n,
    opts,
    (idx, rng) =>
      batchTensors(
        data,
        orbit,
        idx,
        Int32Array.from(idx, () => rng.int(C16_ORDER)),
      ),
    () => applySupport(model, support),
  );
}

/** Fraction of orbit images (all 16 turns of every sample) whose argmax matches the label. */
export function orbitAccuracy(model: tfl.LayersModel, data: GlyphSet, orbit: Float32Array[]): number {
  let hits = 0;
  const all = Int32Array.from({ length: data.n }, (_, i) => i);
  for (let k = 0; k < C16_ORDER; k++) {
    tf.tidy(() => {
      const { x } = batchTensors(data, orbit, all, new Int32Array(data.n).fill(k));
      const pred = tf.argMax(model.predict(x) as tf.Tensor, -1).dataSync();
      for (let i = 0; i < data.n; i++) if (pred[i] === data.labels[i]) hits++;
    });
  }
  return hits / (data.n * C16_ORDER);
}

/** Images idx, each turned turns[i] · 22.5° (from the precomputed orbit), and one-hot labels. */
function batchTensors(data: GlyphSet, orbit: Float32Array[], idx: ArrayLike<number>, turns: Int32Array): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const px = C16_SIZE * C16_SIZE;
  const buf = new Float32Array(idx.length * px);
  const labels = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i]!;
    buf.set(orbit[turns[i]!]!.subarray(j * px, (j + 1) * px), i * px);
    labels[i] = data.labels[j]!;
  }
  return tf.tidy(() => ({
    x: tf.tensor4d(buf, [idx.length, C16_SIZE, C16_SIZE, 1]),
    y: tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), C16_CLASSES.length), 'float32') as tf.Tensor2D,
  }));
}
