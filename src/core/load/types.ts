import type * as tfl from '@tensorflow/tfjs-layers';
import type * as tf from '@tensorflow/tfjs-core';
import type { NonFiniteWeight } from './nonFiniteWeights';

export type ModelFormat = 'layers-model' | 'graph-model';

export interface TensorInfo {
  name: string;
  /**
   * Batch dimension first; unknown sizes (null or -1 in the file) are null. Empty when the file
   * does not record the shape at all (some graph-model outputs without a signature).
   */
  shape: (number | null)[];
  dtype: string;
}

/** A loaded member, ready to evaluate. Owns tensors: call dispose(). */
export interface LoadedModel {
  /** Absolute path of the model JSON. */
  readonly path: string;
  readonly format: ModelFormat;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Final activation read from the topology (last layer / last op), null when none. */
  readonly finalActivation: 'softmax' | 'sigmoid' | null;
  /** Architecture fingerprint: topology without weights and names (see fingerprint.ts). */
  readonly fingerprint: string;
  /** Weights holding NaN or ±Infinity (absent when all are finite). */
  readonly nonFiniteWeights?: readonly NonFiniteWeight[];
  /** Bytes of one sample's activations (see batchSize.ts), computed at load; null when unknown. */
  readonly activationBytesPerSample: number | null;
  /** The batch size an out-of-memory error halved this model's predict to; null until one did. */
  readonly batchLimit: number | null;
  /** The tfjs model behind a layers-format member, for reading its hidden layers (localisation); owned by this LoadedModel. */
  readonly layersModel?: tfl.LayersModel;
  /**
   * Runs the model on x (batch first) for the chosen input/output names (default: first).
   * Splits x into chunks when the model's batch dimension is fixed or larger than the batch
   * size: batchSize when given, else one estimated from activationBytesPerSample and the
   * backend; never above batchLimit. Halves the chunks and retries on out-of-memory errors.
   */
  predict(x: tf.Tensor, opts?: { input?: string; output?: string; batchSize?: number }): Promise<tf.Tensor>;
  dispose(): void;
}
