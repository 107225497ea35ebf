import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { C16_CLASSES, C16_SIZE } from './glyphs';

/** Which kernel taps of a 5×5 filter may be non-zero. */
export type Support = 'compatible' | 'asymmetric';

/** Kernel side; every convolution is 5×5 'same' with a fixed 0/1 mask on its taps. */
const K = 5;

/**
 * The masks, row-major 5×5 ('#' = a trainable tap).
 * compatible: the 5×5 square without its corners, 21 taps, a digital disk of radius ≈ 2.2 about
 *   the centre tap: every rotation maps it (up to resampling) onto itself, so rotating an
 *   admissible filter gives an admissible filter, as far as a pixel grid allows.
 * asymmetric: an L of 16 taps hugging the top and left edges, without the centre: no
 *   non-trivial rotation maps it onto itself, so the rotated filters the theorem needs are not
 *   in the architecture (condition 1 of THEORY §1 fails).
 */
export const SUPPORTS: Record<Support, string[]> = {
  compatible: ['.###.', '#####', '#####', '#####', '.###.'],
  asymmetric: ['#####', '#####', '##...', '##...', '##...'],
};

/** Filters per convolution, and the pooling between them (3×3/3 tiles 21×21 into 7×7). */
const FILTERS = [6, 12] as const;
const POOL = 3;

/** The mask of a support as a [5, 5, 1, 1] tensor that broadcasts over a conv kernel. */
export function supportMask(support: Support): tf.Tensor4D {
  const rows = SUPPORTS[support];
  return tf.tensor4d(
    rows.flatMap((r) => [...r].map((c) => (c === '#' ? 1 : 0))),
    [K, K, 1, 1],
  );
}

/** One line for the README, e.g. "conv 5×5 (21 taps) ×8 → avgpool 3×3 → … → dense 6 softmax". */
export function describeC16(support: Support): string {
  const taps = SUPPORTS[support].join('').split('#').length - 1;
  const conv = (f: number) => `conv 5×5 masked to ${taps} taps ×${f} 'same' elu`;
  return [conv(FILTERS[0]), `avgpool ${POOL}×${POOL}`, conv(FILTERS[1]), 'global average pool', `dense ${C16_CLASSES.length} softmax`].join(' → ');
}

/**
 * conv → avgpool → conv → global average pool → dense softmax, He-normal kernels (then masked)
 * and Glorot-uniform dense weights, each with its own seed derived from the member seed, zero
 * biases: members are i.i.d. draws of one law, and that law is as rotation-invariant as the
 * support lets it be (i.i.d. taps on a rotation-invariant set).
 */
export function buildC16Model(support: Support, seed: number): tfl.LayersModel {
  const model = tfl.sequential({ name: `c16_${support}_${seed}` });
  const conv = (i: number, filters: number, inputShape?: number[]) =>
    tfl.layers.conv2d({
      name: `conv${i}`,
      inputShape,
      filters,
      kernelSize: K,
      padding: 'same',
      activation: 'elu',
      kernelInitializer: tfl.initializers.heNormal({ seed: seed * 16 + i }),
      biasInitializer: 'zeros',
    });
  model.add(conv(1, FILTERS[0], [C16_SIZE, C16_SIZE, 1]));
  model.add(tfl.layers.averagePooling2d({ name: 'pool1', poolSize: POOL, strides: POOL }));
  model.add(conv(2, FILTERS[1]));
  model.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  model.add(
    tfl.layers.dense({
      name: 'probs',
      units: C16_CLASSES.length,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 16 + 15 }),
      biasInitializer: 'zeros',
    }),
  );
  applySupport(model, support);
  return model;
}

/** Zeroes every convolution kernel's taps outside the support (after init and after each step). */
export function applySupport(model: tfl.LayersModel, support: Support): void {
  tf.tidy(() => {
    const mask = supportMask(support);
    for (const layer of model.layers) {
      if (!layer.name.startsWith('conv')) continue;
      const kernel = layer.trainableWeights[0]!;
      kernel.write(tf.mul(kernel.read(), mask));
    }
  });
}
