import type * as tf from '@tensorflow/tfjs-core';
import { smallIntConsts } from './graphConsts';
import { graphNodeOutputs } from './graphShapes';
import { layersPreflight } from './layersPreflight';
import type { Limits } from './limits';
import { isObject, type ModelJson } from './modelJson';
import { checkWorkingSet } from './workingSet';

/** What loadModel learns about a model's memory before tfjs allocates anything for it. */
export interface MemoryPreflight {
  /** Sees the weight bytes as read, before tfjs decodes them (graph models: their shape constants). */
  onWeights(specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array): void;
  /** Bytes of one sample's outputs, all nodes or layers together; null when unknown. */
  bytesPerSample(): number | null;
  /** Before a batch runs: the estimate again with the probes' own sizes for what the file leaves open. */
  checkInput(input: string, sampleShape: readonly number[]): void | Promise<void>;
}

/**
 * Estimates every node's (graph) or layer's (layers model) output from the input shape and
 * refuses, naming the node and the bytes it would need, what is over the element cap or the
 * memory budget (workingSet.ts). Layers models are checked here, before any weight is read;
 * graph models once their shards are read (their shape constants live there) and before tfjs
 * decodes them, and again per input when the file leaves sizes open.
 */
export async function memoryPreflight(json: ModelJson, path: string, limits: Limits): Promise<MemoryPreflight> {
  if (json.format === 'layers-model') {
    const bytes = await layersPreflight(json, path, limits);
    const checked = new Set<string>();
    return {
      onWeights: () => {},
      bytesPerSample: () => bytes,
      async checkInput(input, sampleShape) {
        const key = `${input}\u0000${sampleShape.join(',')}`;
        if (checked.has(key)) return;
        const sized = withInputSizes(json, input, sampleShape);
        if (sized) await layersPreflight(sized, path, limits);
        checked.add(key);
      },
    };
  }
  let ints = new Map<string, number[]>();
  let bytes: number | null = null;
  const checked = new Set<string>();
  return {
    onWeights(specs, data) {
      ints = smallIntConsts(specs, data, path);
      bytes = checkWorkingSet(graphNodeOutputs(json, ints), path, limits) || null;
    },
    bytesPerSample: () => bytes,
    checkInput(input, sampleShape) {
      const key = `${input}\u0000${sampleShape.join(',')}`;
      if (checked.has(key)) return;
      checkWorkingSet(graphNodeOutputs(json, ints, new Map([[input.replace(/:\d+$/, ''), sampleShape]])), path, limits);
      checked.add(key);
    },
  };
}

/**
 * A copy of a layers topology whose input layer `input` (the only one with open sizes, or the
 * one of that name) has the sample's sizes; null when no input leaves sizes open.
 */
function withInputSizes(json: ModelJson, input: string, sampleShape: readonly number[]): ModelJson | null {
  const copy = JSON.parse(JSON.stringify(json.modelTopology)) as Record<string, unknown>;
  const wrapper = isObject(copy.model_config) ? copy.model_config : copy;
  const layers = isObject(wrapper.config) && Array.isArray(wrapper.config.layers) ? wrapper.config.layers : [];
  const configs = layers.map((l) => (isObject(l) && isObject(l.config) ? l.config : {}));
  const open = configs.filter((c) => {
    const shape = c.batch_input_shape;
    return Array.isArray(shape) && shape.length === sampleShape.length + 1 && shape.slice(1).some((d) => d === null);
  });
  const name = input.replace(/:\d+$/, '');
  const target = open.length === 1 ? open[0] : open.find((c) => c.name === name);
  if (!target) return null;
  const shape = target.batch_input_shape as (number | null)[];
  target.batch_input_shape = [shape[0], ...shape.slice(1).map((d, i) => d ?? sampleShape[i]!)];
  return { ...json, modelTopology: copy };
}
