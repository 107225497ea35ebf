import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Group } from '../../groups/types';
import { ELEMENTWISE_MERGE_CLASSES } from '../../load/layerNames';

/** How ρ̄(g) acts on one layer's weights (the list getWeights() returns); null when it leaves them be. */
export type Move = ((w: tf.Tensor[], g: number) => tf.Tensor[]) | null;

/** The site grid of a flattened map: Flatten's input without batch and channels. */
export interface FlatGrid {
  grid: number[];
}

/** The group element acting on the site axes of `t` read as [1, ...grid, rest] (ρ_in on a weight). */
export function moveSites(group: Group, g: number, t: tf.Tensor, grid: number[]): tf.Tensor {
  const rest = t.size / grid.reduce((a, b) => a * b, 1);
  return tf.reshape(group.apply(g, tf.reshape(t, [1, ...grid, rest])), t.shape);
}

// Convolution kernels: [kh, kw, in, out|mult] (2-D) and [k, in, out] (1-D); weight 0 holds the spatial kernel.
export const CONVS: Record<string, 1 | 2> = { Conv1D: 1, Conv2D: 2, DepthwiseConv2D: 2, SeparableConv2D: 2 };
// Per-channel (last axis) parameters: unchanged on maps, moved like the map after a Flatten.
export const PER_CHANNEL = new Set(['BatchNormalization', 'LayerNormalization']);
// Weightless layers that act elementwise: a flattened map stays flattened through them.
export const ELEMENTWISE = new Set(['Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax', 'ThresholdedReLU', 'Dropout', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'Masking']);
// Weightless layers on maps that commute with flips, rotations and site permutations when the
// architecture is compatible (the static checks judge their sizes), or that remove the sites.
export const ON_MAPS = new Set([
  'InputLayer',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'MaxPooling1D',
  'MaxPooling2D',
  'AveragePooling1D',
  'AveragePooling2D',
  'GlobalAveragePooling1D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling1D',
  'GlobalMaxPooling2D',
  'ZeroPadding1D',
  'ZeroPadding2D',
  'Cropping1D',
  'Cropping2D',
  'UpSampling1D',
  'UpSampling2D',
  ...ELEMENTWISE_MERGE_CLASSES,
  'Concatenate',
]);

/** The config value `axis` names the last axis of a `rank`-d input. */
export function isLastAxis(axis: unknown, rank: number): boolean {
  const a: unknown = Array.isArray(axis) && axis.length === 1 ? (axis as unknown[])[0] : axis;
  return a === undefined || a === -1 || a === rank - 1;
}

/** The inbound layers of a layer's first call (the model's own wiring). */
export function inboundOf(layer: tfl.layers.Layer): tfl.layers.Layer[] {
  return layer.inboundNodes[0]?.inboundLayers ?? [];
}

/** A layer's input shape when it has one input. */
export function singleInputShape(layer: tfl.layers.Layer): (number | null)[] | null {
  const x = layer.inboundNodes.length === 1 ? layer.input : null;
  return x && !Array.isArray(x) ? x.shape : null;
}
