import type * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { DEFAULT_LIMITS } from './limits';
import { elementCount } from './tensorElements';

/** Bytes per stored element; quantized weights are stored in their quantization dtype. */
const BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  float16: 2,
  uint16: 2,
  uint8: 1,
};

/** Bytes per element of the quantization dtypes tfjs decodes. */
const QUANTIZED_BYTES = { uint8: 1, uint16: 2, float16: 2 } as const;

/**
 * Bytes one weight occupies in its shard data. Refuses what the size cannot be known for
 * in advance (string weights carry per-element lengths inside the data) or tfjs cannot decode.
 */
export function weightByteLength(spec: tf.io.WeightsManifestEntry, file: string, maxElements = DEFAULT_LIMITS.maxTensorElements): number {
  const count = elementCount(spec.shape, maxElements, file, `weight '${spec.name}'`);
  // Before quantization: a quantized spec still decodes to its dtype, and tfjs cannot make strings.
  if (spec.dtype === 'string') {
    throw new EquiLensError(file, `weight '${spec.name}' has dtype string, which EquiLens does not load`);
  }
  const q = spec.quantization;
  if (q) {
    if (q.dtype !== 'uint8' && q.dtype !== 'uint16' && q.dtype !== 'float16') {
      throw new EquiLensError(file, `weight '${spec.name}' has unsupported quantization dtype '${String(q.dtype)}'`);
    }
    if (q.dtype !== 'float16' && (typeof q.scale !== 'number' || typeof q.min !== 'number')) {
      throw new EquiLensError(file, `weight '${spec.name}' is ${q.dtype}-quantized but lacks scale or min`);
    }
    return count * QUANTIZED_BYTES[q.dtype];
  }
  const size = BYTES[spec.dtype];
  if (size === undefined) throw new EquiLensError(file, `weight '${spec.name}' has unknown dtype '${spec.dtype}'`);
  return count * size;
}

/** Total bytes a manifest group's shards must hold together. */
export function groupByteLength(group: tf.io.WeightsManifestConfig[number], file: string, maxElements?: number): number {
  return group.weights.reduce((sum, w) => sum + weightByteLength(w, file, maxElements), 0);
}
