import type { GraphModel } from '@tensorflow/tfjs-converter';
import type * as tf from '@tensorflow/tfjs-core';
import type { FinalActivation, LoadedModel, TensorInfo } from './types';

/** What loadModel needs from a layers or graph model; the LoadedModel is built on top. */
export interface ModelAdapter {
  readonly inputs: TensorInfo[];
  readonly outputs: TensorInfo[];
  /** See LoadedModel.finalActivation. */
  finalActivation(outputName?: string): FinalActivation;
  readonly activationBytesPerSample: LoadedModel['activationBytesPerSample'];
  readonly layersModel?: LoadedModel['layersModel'];
  /** A graph model and its file's topology (the ONNX translation reads both). */
  readonly graph?: { model: GraphModel; topology: unknown };
  /** One forward pass on a batch the model accepts as is, one tensor per input name; the caller keeps owning them. */
  run(feeds: Record<string, tf.Tensor>, output: string): Promise<tf.Tensor>;
  dispose(): void;
}

/** tfjs marks unknown sizes with -1 (graphs) or null (layers); TensorInfo uses null. */
export function toShape(shape: readonly (number | null | undefined)[] | undefined): (number | null)[] {
  return (shape ?? []).map((d) => (typeof d === 'number' && d >= 0 ? d : null));
}
