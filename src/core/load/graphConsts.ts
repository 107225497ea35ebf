import type * as tf from '@tensorflow/tfjs-core';
import { weightByteLength } from './weightBytes';

/** Most elements of a constant read for shape inference (multiples, sizes, paddings, axes, shapes). */
export const MAX_SHAPE_CONST = 64;

/**
 * The small integer constants of a graph model (weight name → values), read from the joined
 * shard bytes before tfjs decodes them: only unquantized int32 weights of at most
 * MAX_SHAPE_CONST elements, so this costs nothing whatever the file holds.
 */
export function smallIntConsts(specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array, file: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let offset = 0;
  for (const spec of specs) {
    const size = weightByteLength(spec, file);
    const count = size / 4;
    if (spec.dtype === 'int32' && !spec.quantization && count <= MAX_SHAPE_CONST && offset + size <= data.byteLength) {
      const view = new DataView(data.buffer, data.byteOffset + offset, size);
      out.set(
        spec.name,
        Array.from({ length: count }, (_, i) => view.getInt32(i * 4, true)),
      );
    }
    offset += size;
  }
  return out;
}
