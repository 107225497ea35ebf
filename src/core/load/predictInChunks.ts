import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `run` over x in chunks of `size` samples along the batch axis and concatenates the
 * results. With `fixed` (the model only accepts batches of exactly `size`) a short last chunk
 * is padded with copies of its last sample and the padding's outputs are dropped.
 * x stays owned by the caller; every intermediate tensor is freed, also on errors.
 */
export async function predictInChunks(
  x: tf.Tensor,
  size: number,
  fixed: boolean,
  run: (chunk: tf.Tensor) => Promise<tf.Tensor>,
): Promise<tf.Tensor> {
  const n = x.shape[0] ?? 0;
  if (n === 0 || n === size || (!fixed && n <= size)) return run(x);
  const outs: tf.Tensor[] = [];
  try {
    for (let start = 0; start < n; start += size) {
      const len = Math.min(size, n - start);
      const chunk = tf.tidy(() => {
        const part = tf.slice(x, start, len);
        if (!fixed || len === size) return part;
        const last = tf.slice(part, len - 1, 1);
        return tf.concat([part, tf.tile(last, [size - len, ...last.shape.slice(1).map(() => 1)])]);
      });
      let y: tf.Tensor;
      try {
        y = await run(chunk);
      } finally {
        chunk.dispose();
      }
      if (len < size) {
        const kept = tf.slice(y, 0, len);
        y.dispose();
        y = kept;
      }
      outs.push(y);
    }
    return outs.length === 1 ? outs.splice(0)[0] : tf.concat(outs);
  } finally {
    tf.dispose(outs);
  }
}
