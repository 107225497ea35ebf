import type * as tf from '@tensorflow/tfjs-core';
import { weightByteLength } from '../../load/weightBytes';
import { weightSignature, type WeightSignature } from './signature';

/** Most values an int32 weight may hold to be kept as a constant (paddings, slice bounds, axes). */
const MAX_CONSTANT = 64;

/** What one pass over a member's weight bytes keeps: O(number of weights), never the weights. */
export interface WeightScan {
  /** Signatures of the float weights, in manifest order. */
  weights: WeightSignature[];
  /** Values of small int32 weights by name (graph models keep Pad/Slice constants there). */
  constants: Map<string, number[]>;
}

/** Scans joined shard data (manifest order, as the IOHandler joins it), decoding quantized weights as tfjs does. */
export function scanWeights(specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array, file: string): WeightScan {
  const scan: WeightScan = { weights: [], constants: new Map() };
  let offset = 0;
  for (const spec of specs) {
    const bytes = weightByteLength(spec, file, Number.MAX_SAFE_INTEGER);
    const view = new DataView(data.buffer, data.byteOffset + offset, bytes);
    offset += bytes;
    const count = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype === 'float32') {
      scan.weights.push(weightSignature(spec.name, spec.shape, count, reader(spec, view)));
    } else if (spec.dtype === 'int32' && !spec.quantization && count <= MAX_CONSTANT) {
      scan.constants.set(
        spec.name,
        Array.from({ length: count }, (_, i) => view.getInt32(4 * i, true)),
      );
    }
  }
  return scan;
}

/** Value i of a float weight: affine uint8/uint16 (q·scale + min), float16 bits, or float32. */
function reader(spec: tf.io.WeightsManifestEntry, view: DataView): (i: number) => number {
  const q = spec.quantization;
  const scale = q?.scale ?? 1;
  const min = q?.min ?? 0;
  if (q?.dtype === 'float16') return (i) => halfToFloat(view.getUint16(2 * i, true));
  if (q?.dtype === 'uint8') return (i) => view.getUint8(i) * scale + min;
  if (q?.dtype === 'uint16') return (i) => view.getUint16(2 * i, true) * scale + min;
  return (i) => view.getFloat32(4 * i, true);
}

/** IEEE 754 half-precision bits as a number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
