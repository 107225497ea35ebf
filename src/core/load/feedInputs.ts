import * as tf from '@tensorflow/tfjs-core';
import type { InputFeed, TensorInfo } from './types';

/**
 * The audited input as the model takes it, from channels-last probes x: transposed to
 * channels-first ([N,H,W,C] → [N,C,H,W], [N,L,C] → [N,C,L]) and cast. Group actions permute
 * sites of x before this, so they act on the real H and W axes. x itself when nothing changes;
 * otherwise a new tensor the caller disposes.
 */
export function feedTensor(x: tf.Tensor, feed: InputFeed | undefined): tf.Tensor {
  if (!feed || (!feed.channelsFirst && feed.dtype === x.dtype)) return x;
  return tf.tidy(() => {
    const r = x.rank;
    // Integer probes are float arrays holding integers: round only guards float error.
    const typed = feed.dtype === 'int32' && x.dtype !== 'int32' ? tf.cast(tf.round(x), 'int32') : x;
    return feed.channelsFirst && r >= 3 ? tf.transpose(typed, [0, r - 1, ...Array.from({ length: r - 2 }, (_, i) => i + 1)]) : typed;
  });
}

/** A batch size some fixed input's declaration pins (e.g. [1, 2]): the audited input must run in chunks of it too. */
export function fixedBatch(feed: InputFeed | undefined, inputs: readonly TensorInfo[]): number | null {
  for (const f of feed?.fixed ?? []) {
    const d = inputs[f.index]?.shape[0];
    if (f.batched && typeof d === 'number') return d;
  }
  return null;
}

/**
 * One chunk's feeds: the audited input's chunk under `name` plus every fixed input, those
 * with a batch axis repeated to the chunk's batch. `owned` are the tensors made here.
 */
export function chunkFeeds(name: string, chunk: tf.Tensor, feed: InputFeed | undefined, inputs: readonly TensorInfo[]): { feeds: Record<string, tf.Tensor>; owned: tf.Tensor[] } {
  const feeds: Record<string, tf.Tensor> = { [name]: chunk };
  const owned: tf.Tensor[] = [];
  const n = chunk.shape[0] ?? 1;
  for (const f of feed?.fixed ?? []) {
    if (!f.batched || n === f.value.shape[0]) {
      feeds[inputs[f.index]!.name] = f.value;
      continue;
    }
    const tiled = tf.tile(f.value, [n, ...f.value.shape.slice(1).map(() => 1)]);
    owned.push(tiled);
    feeds[inputs[f.index]!.name] = tiled;
  }
  return { feeds, owned };
}
