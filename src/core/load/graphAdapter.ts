import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { toShape, type ModelAdapter } from './adapter';
import { graphActivationBytes } from './batchSize';
import { graphInputInfos } from './graphInputs';
import { graphActivation } from './graphOps';
import { isObject, type ModelJson } from './modelJson';
import type { TensorInfo } from './types';

/**
 * Wraps a tfjs GraphModel. Names are the signature's keys when the file has a signature
 * (what users see in the converter's output), node names otherwise.
 */
export function graphAdapter(model: GraphModel, json: ModelJson): ModelAdapter {
  const signature = isObject(json.signature) ? json.signature : {};
  // Read from the file: tfjs's own shapes ignore the signature, its dtypes say int32 for uint8.
  const inputs: TensorInfo[] = graphInputInfos(json, model.inputNodes);
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
    // Output names are signature keys or node names; the activation is read at the node.
    finalActivation: (name) => {
      const k = name === undefined ? 0 : model.outputNodes.indexOf(name);
      const node = k < 0 ? undefined : (model.outputs[k]?.name ?? model.outputNodes[k]);
      return node === undefined ? null : graphActivation(json, node.split(':')[0]!);
    },
    activationBytesPerSample: graphActivationBytes(json, inputs, outputs),
    graph: { model, topology: json.modelTopology },
    async run(feeds, output) {
      if (!useAsync) {
        try {
          return model.execute(feeds, output) as tf.Tensor;
        } catch (e) {
          if (!(e instanceof Error && e.message.includes('executeAsync'))) throw e;
          useAsync = true;
        }
      }
      return (await model.executeAsync(feeds, output)) as tf.Tensor;
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
