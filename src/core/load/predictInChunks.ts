import * as tf from '@tensorflow/tfjs-core';
import { isOutOfMemory } from './outOfMemory';

/**
 * Runs `run` over x in chunks of at most `size` samples along the batch axis and concatenates
 * the results. When a chunk fails with an out-of-memory error (see isOutOfMemory) the size is
 * halved, `onHalve` hears the new size, and the same chunk is retried; at one sample the error
 * is rethrown as is. With `fixed` (the model only accepts batches of exactly `size`) a short last
 * chunk is padded with copies of its last sample, the padding's outputs are dropped, and an
 * error is never retried. x stays owned by the caller; every intermediate tensor is freed, also
 * on errors.
 */
export async function predictInChunks(x: tf.Tensor, size: number, fixed: boolean, run: (chunk: tf.Tensor) => Promise<tf.Tensor>, onHalve?: (size: number) => void): Promise<tf.Tensor> {
  const n = x.shape[0] ?? 0;
  if (n === 0) return run(x);
  // A size below one would never advance.
  size = Math.max(1, Math.floor(size));
  const outs: tf.Tensor[] = [];
  try {
    for (let start = 0; start < n;) {
      const len = Math.min(size, n - start);
      let y: tf.Tensor;
      try {
        y = await runChunk(x, start, len, fixed ? size : len, run);
      } catch (e) {
        if (fixed || len === 1 || !isOutOfMemory(e)) throw e;
        // Halve what failed (a short last chunk may be well under `size`).
        size = Math.floor(len / 2);
        onHalve?.(size);
        continue;
      }
      outs.push(y);
      start += len;
    }
    return outs.length === 1 ? outs.splice(0)[0]! : tf.concat(outs);
  } finally {
    tf.dispose(outs);
  }
}

/** Samples [start, start+len) of x through `run`, padded to `padTo` samples; the padding's outputs dropped. */
async function runChunk(x: tf.Tensor, start: number, len: number, padTo: number, run: (chunk: tf.Tensor) => Promise<tf.Tensor>): Promise<tf.Tensor> {
  // The whole of x, as the model takes it: no copy.
  if (start === 0 && len === x.shape[0] && padTo === len) return run(x);
  const chunk = tf.tidy(() => {
    const part = tf.slice(x, start, len);
    if (padTo === len) return part;
    const last = tf.slice(part, len - 1, 1);
    return tf.concat([part, tf.tile(last, [padTo - len, ...last.shape.slice(1).map(() => 1)])]);
  });
  let y: tf.Tensor;
  try {
    y = await run(chunk);
  } finally {
    chunk.dispose();
  }
  if (padTo === len) return y;
  const kept = tf.slice(y, 0, len);
  y.dispose();
  return kept;
}
