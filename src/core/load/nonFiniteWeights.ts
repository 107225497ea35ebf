import type * as tf from '@tensorflow/tfjs-core';
import { weightByteLength } from './weightBytes';

/** A weight holding NaN or ±Infinity once decoded: `count` of its `total` values. */
export interface NonFiniteWeight {
  name: string;
  count: number;
  total: number;
}

/**
 * The weights whose decoded values are not all finite, read from the joined shard data in
 * manifest order (one pass over the bytes, before tfjs decodes them). Affine-quantized weights
 * decode to q·scale + min, so a huge `scale` (JSON's 1e999 is Infinity) poisons them too.
 */
export function nonFiniteWeights(specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array, file: string): NonFiniteWeight[] {
  const out: NonFiniteWeight[] = [];
  let offset = 0;
  for (const spec of specs) {
    const bytes = weightByteLength(spec, file, Number.MAX_SAFE_INTEGER);
    const count = countBad(spec, data.subarray(offset, offset + bytes));
    if (count) out.push({ name: spec.name, count, total: bytes / storedBytes(spec) });
    offset += bytes;
  }
  return out;
}

function storedBytes(spec: tf.io.WeightsManifestEntry): number {
  const q = spec.quantization?.dtype;
  if (q) return q === 'uint8' ? 1 : 2;
  // complex64 counts its real and imaginary parts as separate float32 values.
  return spec.dtype === 'float32' || spec.dtype === 'int32' || spec.dtype === 'complex64' ? 4 : 1;
}

function countBad(spec: tf.io.WeightsManifestEntry, bytes: Uint8Array): number {
  const q = spec.quantization;
  if (q?.dtype === 'float16') return count(view(bytes, Uint16Array), (h) => (h & 0x7c00) === 0x7c00);
  if (q) {
    const { scale = NaN, min = NaN } = q;
    return count(q.dtype === 'uint8' ? bytes : view(bytes, Uint16Array), (v) => !Number.isFinite(v * scale + min));
  }
  if (spec.dtype === 'float32' || spec.dtype === 'complex64') return count(view(bytes, Float32Array), (v) => !Number.isFinite(v));
  return 0; // int32 and bool are always finite
}

/** A typed view of `bytes`, copied first when the weight does not start on an aligned offset. */
function view<T extends Uint16Array | Float32Array>(bytes: Uint8Array, Type: { new (b: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number }): T {
  const aligned = bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
  return new Type(aligned.buffer, aligned.byteOffset, aligned.byteLength / Type.BYTES_PER_ELEMENT);
}

function count(values: ArrayLike<number>, bad: (v: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (bad(values[i]!)) n++;
  return n;
}
