import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { Rng } from '../../src/core/rng';
import { CLASSES, SIZE, type Dataset } from './dataset';

export interface TrainOptions {
  /** 'random': full C4 augmentation, a uniformly random quarter turn for every sample visit. */
  augment: 'random' | 'none';
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds the data order and the turns (the initializers are seeded by the model builder). */
  seed: number;
}

/**
 * Trains in place with Adam on the cross-entropy. Order and turns come from a seeded generator:
 * model.fit's own shuffle draws from Math.random.
 */
export async function train(model: tfl.LayersModel, data: Dataset, opts: TrainOptions): Promise<number> {
  return seededTrain(model, data.n, opts, (idx, rng) => batchTensors(data, idx, opts.augment === 'random' ? Int32Array.from(idx, () => rng.int(4)) : undefined));
}

/** The seeded part of a trainer's options: epochs, batch, base learning rate, the generator's seed. */
export type LoopOptions = Pick<TrainOptions, 'epochs' | 'batchSize' | 'learningRate' | 'seed'>;

/**
 * The example trainers' loop: Adam with a cosine-decayed rate on the cross-entropy, the data order
 * and every augmentation draw from one seeded generator (`makeBatch` draws its turns from `rng`),
 * `afterStep` after each step. Returns the last epoch's mean loss.
 */
export async function seededTrain(
  model: tfl.LayersModel,
  n: number,
  opts: LoopOptions,
  makeBatch: (idx: Int32Array, rng: Rng) => { x: tf.Tensor; y: tf.Tensor },
  afterStep?: () => void,
): Promise<number> {
  const optimizer = new CosineAdam(opts.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const rng = new Rng(opts.seed);
  const steps = opts.epochs * Math.ceil(n / opts.batchSize);
  let step = 0;
  let loss = NaN;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = rng.permutation(n);
    let sum = 0;
    let batches = 0;
    for (let start = 0; start < n; start += opts.batchSize) {
      const { x, y } = makeBatch(order.subarray(start, start + opts.batchSize), rng);
      optimizer.setProgress(step++ / steps);
      sum += (await model.trainOnBatch(x, y)) as number;
      afterStep?.();
      batches++;
      tf.dispose([x, y]);
    }
    loss = sum / batches;
  }
  optimizer.dispose();
  return loss;
}

/** Fraction of samples whose argmax prediction matches the label. */
export function accuracy(model: tfl.LayersModel, data: Dataset): number {
  return tf.tidy(() => {
    const { x } = batchTensors(
      data,
      Int32Array.from({ length: data.n }, (_, i) => i),
    );
    const pred = tf.argMax(model.predict(x) as tf.Tensor, -1).dataSync();
    let hits = 0;
    for (let i = 0; i < data.n; i++) if (pred[i] === data.labels[i]) hits++;
    return hits / data.n;
  });
}

/** Images (each turned turns[i] quarter turns when given) and one-hot labels of samples idx. */
function batchTensors(data: Dataset, idx: ArrayLike<number>, turns?: Int32Array): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const px = SIZE * SIZE;
  const buf = new Float32Array(idx.length * px);
  const labels = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i]!;
    const img = data.images.subarray(j * px, (j + 1) * px);
    buf.set(turns ? turn(img, turns[i]!) : img, i * px);
    labels[i] = data.labels[j]!;
  }
  return tf.tidy(() => ({
    x: tf.tensor4d(buf, [idx.length, SIZE, SIZE, 1]),
    y: tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES.length), 'float32') as tf.Tensor2D,
  }));
}

/** A SIZE×SIZE image turned k quarter turns counter-clockwise, like rot90(): out[i][j] = img[j][S−1−i]. */
function turn(img: Float32Array, k: number): Float32Array {
  let src = img;
  for (let t = 0; t < k; t++) {
    const dst = new Float32Array(SIZE * SIZE);
    for (let i = 0; i < SIZE; i++) for (let j = 0; j < SIZE; j++) dst[i * SIZE + j] = src[j * SIZE + SIZE - 1 - i]!;
    src = dst;
  }
  return src;
}

/**
 * Adam whose learning rate follows a cosine from the base rate down to 0 over training, so members
 * end settled rather than jittering around a minimum (which would inflate their deviations).
 */
class CosineAdam extends tf.AdamOptimizer {
  constructor(private readonly baseRate: number) {
    super(baseRate, 0.9, 0.999);
  }
  /** progress in [0, 1): fraction of the training steps done. */
  setProgress(progress: number): void {
    this.learningRate = this.baseRate * 0.5 * (1 + Math.cos(Math.PI * progress));
  }
}
