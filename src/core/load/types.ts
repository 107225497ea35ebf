import type * as tfl from '@tensorflow/tfjs-layers';
import type * as tf from '@tensorflow/tfjs-core';
import type { NonFiniteWeight } from './nonFiniteWeights';

/** 'onnx': an .onnx file run by the host's ONNX engine (load/onnx). */
export type ModelFormat = 'layers-model' | 'graph-model' | 'onnx';

/** A parsed TF.js model JSON whose `format` is always filled in (detected when the file omits it). */
export interface ModelJson extends tf.io.ModelJSON {
  format: ModelFormat;
  modelTopology: Record<string, unknown>;
}

/** What a model output ends with, as far as the output kind is concerned. */
export type FinalActivation = 'softmax' | 'sigmoid' | null;

export interface TensorInfo {
  name: string;
  /**
   * Batch dimension first; unknown sizes (null or -1 in the file) are null. Empty when the file
   * does not record the shape at all (some graph-model outputs without a signature).
   */
  shape: (number | null)[];
  /** As the file declares it ('float32', 'int32', 'uint8', …), even where tfjs feeds it as another dtype. */
  dtype: string;
  /** The file leaves the rank open (shape [] then says nothing). */
  unknownRank?: boolean;
  /** A declared scalar (shape [] then means no axes at all). */
  scalar?: boolean;
}

/**
 * How probes reach the model (see audit/inputFeed.ts): the audited input's layout and dtype
 * and the other inputs, held fixed. Probes stay channels-last float arrays holding the values.
 */
export interface InputFeed {
  /** Probes are channels-last; the model takes channels-first: transposed at the boundary. */
  channelsFirst: boolean;
  /** What the audited input is fed as: integer inputs as int32 (tfjs feeds uint8 as int32). */
  dtype: 'float32' | 'int32';
  /**
   * The other inputs, by position in `inputs` (members' layer names may differ): `batched`
   * values are [1, …] and repeated along each chunk's batch; the others are fed as they are.
   */
  fixed: readonly { index: number; value: tf.Tensor; batched: boolean }[];
}

/** A loaded member, ready to evaluate. Owns tensors: call dispose(). */
/** How a TF.js member ran: translated to ONNX (`onnx`: the engine's description) or on tfjs (`fallback`: why). */
export type MemberEngine = { onnx: string } | { fallback: string };

export interface LoadedModel {
  /** Absolute path of the model JSON. */
  readonly path: string;
  readonly format: ModelFormat;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /**
   * Final activation of the named output (default: the first), read from the topology (its last
   * layer / op, looking through reshapes); null when none or no such output.
   */
  finalActivation(outputName?: string): FinalActivation;
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
  /** TF.js members when an ONNX engine was offered (--engine auto|onnxruntime): the engine that ran them, or why tfjs did. */
  readonly engine?: MemberEngine;
  /**
   * Runs the model on x (batch first) for the chosen input/output names (default: first); with
   * `feed`, x is channels-last probes that the feed transposes and casts, other inputs fixed.
   * Splits x into chunks when the model's batch dimension is fixed or larger than the batch
   * size: batchSize when given, else one estimated from activationBytesPerSample and the
   * backend; never above batchLimit. Halves the chunks and retries on out-of-memory errors.
   */
  predict(x: tf.Tensor, opts?: { input?: string; output?: string; batchSize?: number; feed?: InputFeed }): Promise<tf.Tensor>;
  dispose(): void;
}
