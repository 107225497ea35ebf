import type * as tfl from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import { toShape, type ModelAdapter } from './adapter';
import { layersActivationBytes } from './batchSize';
import type { FinalActivation } from './types';

type Layer = tfl.SymbolicTensor['sourceLayer'];

/** Layers that only move values around, so the activation before them is still the last one. */
const PASS_THROUGH = new Set(['Reshape', 'Flatten', 'Dropout', 'Permute', 'GaussianNoise', 'GaussianDropout']);

/** Wraps a tfjs LayersModel; `path` names the file in errors. */
export function layersAdapter(model: tfl.LayersModel, path: string): ModelAdapter {
  // Layer names (what inputNames/outputNames hold for functional models; Sequential leaves those empty).
  const info = (t: tfl.SymbolicTensor) => ({ name: t.sourceLayer.name, shape: toShape(t.shape), dtype: t.dtype });
  const inputs = model.inputs.map(info);
  const outputs = model.outputs.map(info);
  return {
    inputs,
    outputs,
    finalActivation: (name) => {
      const k = name === undefined ? 0 : outputs.findIndex((o) => o.name === name);
      return k < 0 ? null : activationOf(model.outputs[k]!.sourceLayer);
    },
    activationBytesPerSample: layersActivationBytes(model),
    layersModel: model,
    async run(feeds, output) {
      // Every input in the model's order; the audit holds the ones it does not audit fixed.
      const xs = inputs.map((i) => {
        const t = feeds[i.name];
        if (!t) throw new EquiLensError(path, `input '${i.name}' was given no value (pass --fixed-input ${i.name}=<file.npy>)`);
        return t;
      });
      const x = xs[0]!;
      // tfjs would split x into batches of 32 itself; x is already the batch we chose to fit.
      const y = model.predict(xs.length === 1 ? x : xs, { batchSize: Math.max(1, x.shape[0] ?? 1) });
      if (!Array.isArray(y)) return y;
      const k = outputs.findIndex((o) => o.name === output);
      const picked = y[k];
      y.forEach((t, i) => i !== k && t.dispose());
      if (!picked) throw new EquiLensError(path, `the model has no output '${output}'`);
      return picked;
    },
    dispose: () => model.dispose(),
  };
}

/** The activation a layer ends with, looking through layers that only reshape or drop. */
function activationOf(layer: Layer): FinalActivation {
  for (let l: Layer | undefined = layer; l;) {
    const cls = l.getClassName();
    if (cls === 'Softmax') return 'softmax';
    const act = l.getConfig().activation;
    if (act === 'softmax' || act === 'sigmoid') return act;
    const before: Layer[] | undefined = l.inboundNodes[0]?.inboundLayers;
    l = PASS_THROUGH.has(cls) && before?.length === 1 ? before[0] : undefined;
  }
  return null;
}
