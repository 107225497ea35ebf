import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { toShape, type ModelAdapter } from './adapter';
import { graphActivationBytes } from './batchSize';
import { graphActivation } from './graphOps';
import { isObject, type ModelJson } from './modelJson';
import type { TensorInfo } from './types';

/**
 * Wraps a tfjs GraphModel. Names are the signature's keys when the file has a signature
 * (what users see in the converter's output), node names otherwise.
 */
export function graphAdapter(model: GraphModel, json: ModelJson): ModelAdapter {
  const signature = isObject(json.signature) ? json.signature : {};
  const inputs: TensorInfo[] = model.inputNodes.map((name, i) => ({
    name,
    shape: model.inputs[i]?.shape ? toShape(model.inputs[i].shape) : signatureShape(signature.inputs, name),
    dtype: model.inputs[i]?.dtype ?? 'float32',
  }));
  const outputs: TensorInfo[] = model.outputNodes.map((name, i) => ({
    name,
    shape: model.outputs[i]?.shape ? toShape(model.outputs[i].shape) : signatureShape(signature.outputs, name),
    dtype: model.outputs[i]?.dtype ?? 'float32',
  }));
  // Models with control flow or dynamic shapes refuse execute(); we learn that on the first run.
  let useAsync = false;
  return {
    inputs,
    outputs,
    finalActivation: graphActivation(json, model.outputs[0]?.name ?? ''),
    activationBytesPerSample: graphActivationBytes(json, inputs, outputs),
    async run(x, input, output) {
      if (!useAsync) {
        try {
          return model.execute({ [input]: x }, output) as tf.Tensor;
        } catch (e) {
          if (!(e instanceof Error && e.message.includes('executeAsync'))) throw e;
          useAsync = true;
        }
      }
      return (await model.executeAsync({ [input]: x }, output)) as tf.Tensor;
    },
    dispose: () => model.dispose(),
  };
}

/** A shape from the signature's tensorShape ({dim: [{size: '-1'}, …]}); [] when unknown. */
function signatureShape(entries: unknown, key: string): (number | null)[] {
  const entry = isObject(entries) ? entries[key] : undefined;
  const shape = isObject(entry) && isObject(entry.tensorShape) ? entry.tensorShape : undefined;
  if (!shape || !Array.isArray(shape.dim)) return [];
  return toShape(shape.dim.map((d) => (isObject(d) && d.size !== undefined ? Number(d.size) : -1)));
}
