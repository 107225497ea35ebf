import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import type { ModelJson } from './modelJson';
import type { Limits } from './limits';
import { elementCount } from './tensorElements';
import { checkWorkingSet, type NodeOutput } from './workingSet';

/** A weight a layer asked for while the topology was built without weights. */
interface ImpliedWeight {
  layer: string;
  /** The name the weights manifest must hold it under (tfjs matches on it). */
  name: string;
  shape: number[];
}

type AddWeight = (this: { name: string }, name: string, shape: number[], ...rest: unknown[]) => tfl.LayerVariable;

/** Layer.prototype, found through an instance: tfjs-layers does not export the class as a value. */
const layerProto = (() => {
  type Proto = { addWeight?: AddWeight } | null;
  let p = Object.getPrototypeOf(tfl.layers.reLU()) as Proto;
  while (p && !Object.prototype.hasOwnProperty.call(p, 'addWeight')) p = Object.getPrototypeOf(p) as Proto;
  return p as { addWeight: AddWeight };
})();
const realAddWeight = layerProto.addWeight;
/** Set while a dry build runs; every other build goes to tfjs's own addWeight. */
let dry: { implied: ImpliedWeight[]; made: tfl.LayerVariable[] } | null = null;
layerProto.addWeight = function (this: { name: string }, name: string, shape: number[], ...rest: unknown[]) {
  if (!dry) return realAddWeight.call(this, name, shape, ...rest);
  // A scalar of zeros stands in for the weight: the topology's shapes need no values.
  const [dtype, , , trainable] = rest;
  // In a tidy: a name tfjs refuses throws after the initial value is made, which would leak it.
  const v = tf.tidy(() => realAddWeight.call(this, name, [], dtype, tfl.initializers.zeros(), undefined, trainable) as unknown as tf.TensorContainer) as unknown as tfl.LayerVariable;
  dry.made.push(v);
  dry.implied.push({ layer: this.name, name: v.originalName, shape: [...shape] });
  return v;
};

/**
 * Before a layers model's weights are read or any of its tensors allocated: builds its topology
 * with stand-in scalars for weights, then refuses (one line naming `path`) a weight whose
 * implied shape differs from the manifest's or is over the element cap (a Dense layer of 40
 * million units allocated 2.4 GiB of kernel before tfjs compared shapes), and a sample's
 * layer outputs over the element cap or the memory budget. Returns the working set's bytes
 * per sample, or null when the topology does not build (the real load then says why).
 */
export async function layersPreflight(json: ModelJson, path: string, limits: Limits): Promise<number | null> {
  const run = { implied: [] as ImpliedWeight[], made: [] as tfl.LayerVariable[] };
  const handler: tf.io.IOHandler = { load: async () => ({ modelTopology: json.modelTopology, format: 'layers-model' }) };
  let model: tfl.LayersModel | null = null;
  const load = tfl.loadLayersModel(handler, { strict: false });
  // The handler resolves at once and tfjs builds synchronously after it: nothing else runs between.
  dry = run;
  try {
    model = await load;
  } catch {
    model = null;
  } finally {
    dry = null;
    // The model owns nothing else; disposing it would free these a second time.
    for (const v of run.made) v.dispose();
  }
  checkImplied(run.implied, json, path, limits);
  return model ? checkWorkingSet(layerOutputs(model), path, limits) : null;
}

function checkImplied(implied: readonly ImpliedWeight[], json: ModelJson, path: string, limits: Limits): void {
  const manifest = new Map(json.weightsManifest.flatMap((g) => g.weights).map((w) => [w.name, w.shape] as const));
  for (const w of implied) {
    const held = manifest.get(w.name);
    if (held && (held.length !== w.shape.length || held.some((d, i) => d !== w.shape[i]))) {
      throw new EquiLensError(path, `layer '${w.layer}' implies weight '${w.name}' of shape [${w.shape.join(',')}], but the weights manifest holds [${held.join(',')}]`);
    }
    elementCount(w.shape, limits.maxTensorElements, path, `weight '${w.name}' of layer '${w.layer}'`);
  }
}

/** The model's inputs and every layer's outputs, batch 1. */
function layerOutputs(model: tfl.LayersModel): NodeOutput[] {
  const out: NodeOutput[] = model.inputs.map((t) => ({ what: `input '${t.name}'`, shape: [1, ...t.shape.slice(1)] }));
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    let shapes: unknown;
    try {
      shapes = layer.outputShape;
    } catch {
      continue; // shared layers with several output shapes: their other uses are counted elsewhere
    }
    const list = (Array.isArray((shapes as unknown[])[0]) || (shapes as unknown[]).length === 0 ? shapes : [shapes]) as (number | null)[][];
    for (const s of list) out.push({ what: `layer '${layer.name}'`, shape: [1, ...s.slice(1)] });
  }
  return out;
}
