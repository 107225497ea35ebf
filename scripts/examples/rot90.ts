import * as tf from '@tensorflow/tfjs-core';

/** Rotates a batch [B, H, W, C] of square images by k quarter turns counter-clockwise. */
export function rot90(x: tf.Tensor4D, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    let y = x;
    for (let i = 0; i < ((k % 4) + 4) % 4; i++) {
      // (transpose H↔W, then flip rows) = one counter-clockwise quarter turn.
      y = tf.reverse(tf.transpose(y, [0, 2, 1, 3]), 1);
    }
    return y;
  });
}
