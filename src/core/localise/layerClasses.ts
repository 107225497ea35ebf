// Which layers keep the group's action on their output (THEORY §5), by class name. A layer is
// listed only when its output, read as [B, …sites, channels], has every site where the input had
// it: elementwise and per-channel layers, windows (their output grid is checked separately),
// merges along the channels and a Dense on a map (it acts on the last axis only).
import { ELEMENTWISE_MERGE_CLASSES, GLOBAL_POOL_CLASSES } from '../load/layerNames';

/** On a map: the output is a map again; the group moves its sites, channels untouched. */
export const KEEPS_SITES = new Set([
  'Conv1D',
  'Conv2D',
  'DepthwiseConv2D',
  'SeparableConv1D',
  'SeparableConv2D',
  'Conv2DTranspose',
  'MaxPooling1D',
  'MaxPooling2D',
  'AveragePooling1D',
  'AveragePooling2D',
  'MaxPool1D',
  'MaxPool2D',
  'AvgPool1D',
  'AvgPool2D',
  'ZeroPadding1D',
  'ZeroPadding2D',
  'Cropping1D',
  'Cropping2D',
  'UpSampling1D',
  'UpSampling2D',
  'Dense',
  'SpatialDropout1D',
  'SpatialDropout2D',
]);

/** Elementwise or per-channel: keep any action (sites, a flattened map's order, trivial). */
export const POINTWISE = new Set([
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'PReLU',
  'ThresholdedReLU',
  'Softmax',
  'Dropout',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'Masking',
  'Rescaling',
  'BatchNormalization',
  'LayerNormalization',
]);

/** Merges: the action of their inputs when all agree (Concatenate only along the channels). */
export const MERGES = new Set([...ELEMENTWISE_MERGE_CLASSES, 'Concatenate']);

/** Remove the sites: their output is invariant when the map before them is equivariant. */
export const GLOBAL_POOLS = new Set(GLOBAL_POOL_CLASSES);

/** Augmentation layers: the identity at inference, except those that resize. */
export function isInferenceIdentity(className: string): boolean {
  return className.startsWith('Random') && !['RandomCrop', 'RandomWidth', 'RandomHeight'].includes(className);
}
