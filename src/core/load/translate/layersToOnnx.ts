import type * as tfl from '@tensorflow/tfjs-layers';
import { Untranslatable } from './activations';
import { conv2d, depthwiseConv2d, separableConv2d } from './convLayers';
import type { Emit, FoldableConv, Value } from './emit';
import { GraphBuilder } from './graphBuilder';
import { encodeOnnx, type OnnxValueSpec } from './onnxEncode';
import * as L from './otherLayers';

/** The ONNX model, or the first layer that does not translate (the member then runs on tfjs). */
export type Translation = { bytes: Uint8Array } | { untranslated: string };

type SymbolicTensor = tfl.SymbolicTensor;

/** Keras classes ONNX reproduces exactly (within float rounding), by emitter. */
const EMITTERS: Record<string, (e: Emit) => string> = {
  Conv2D: conv2d,
  DepthwiseConv2D: depthwiseConv2d,
  SeparableConv2D: separableConv2d,
  Dense: L.dense,
  BatchNormalization: L.batchNormalization,
  MaxPooling2D: L.pool2d('MaxPool'),
  AveragePooling2D: L.pool2d('AveragePool'),
  GlobalAveragePooling2D: L.globalPool('ReduceMean'),
  GlobalMaxPooling2D: L.globalPool('ReduceMax'),
  GlobalAveragePooling1D: L.globalPool('ReduceMean'),
  GlobalMaxPooling1D: L.globalPool('ReduceMax'),
  Flatten: L.flatten,
  Reshape: L.reshape,
  Permute: L.permute,
  ZeroPadding2D: L.zeroPadding2d,
  Add: L.merge('Add'),
  Multiply: L.merge('Mul'),
  Subtract: L.merge('Sub'),
  Maximum: L.merge('Max'),
  Minimum: L.merge('Min'),
  Average: L.merge('Average'),
  Concatenate: L.concatenate,
  Activation: L.activationLayer,
  ReLU: L.reluLayer,
  LeakyReLU: L.leakyRelu,
  ELU: L.eluLayer,
  Softmax: L.softmaxLayer,
  Rescaling: L.rescaling,
  Dropout: L.identity,
  SpatialDropout1D: L.identity,
  GaussianNoise: L.identity,
  GaussianDropout: L.identity,
  AlphaDropout: L.identity,
};

/**
 * Translates a loaded TF.js layers model into an ONNX graph with the same inputs and outputs
 * (names: the input/output layers'; layout: NHWC, as in TF.js), reading the weights tfjs decoded.
 * Pure: no Node imports, nothing run.
 */
export function translateLayers(model: tfl.LayersModel): Translation {
  const g = new GraphBuilder();
  const values = new Map<number, Value>();
  const uses = countUses(model);
  const folds = new Map<string, FoldableConv>();
  const inputs: OnnxValueSpec[] = [];
  for (const t of model.inputs) {
    if (t.dtype !== 'float32') return { untranslated: `input '${t.sourceLayer.name}' is ${t.dtype}` };
    values.set(t.id, { name: t.sourceLayer.name, shape: shapeOf(t) });
    inputs.push(spec(t.sourceLayer.name, shapeOf(t)));
  }
  const visit = (t: SymbolicTensor): Value => {
    const known = values.get(t.id);
    if (known) return known;
    const layer = t.sourceLayer;
    const node = layer.inboundNodes[t.nodeIndex];
    const cls = layer.getClassName();
    if (!node || node.outputTensors.length !== 1) throw new Untranslatable(`layer '${layer.name}' (class ${cls}) not translated: several outputs`);
    const ins = node.inputTensors.map(visit);
    const emit = EMITTERS[cls];
    if (!emit) throw new Untranslatable(`layer '${layer.name}' (class ${cls}) not translated`);
    let name: string;
    try {
      name = emit({
        g,
        layer,
        config: layer.getConfig(),
        inputs: ins,
        // Only a tensor this layer alone reads may have its conv rewritten.
        foldTarget: (n) => (uses.get(node.inputTensors[0]!.id) === 1 ? folds.get(n) : undefined),
        foldable: (n, conv) => folds.set(n, conv),
      });
    } catch (e) {
      if (e instanceof Untranslatable) throw new Untranslatable(`layer '${layer.name}' (class ${cls}) not translated: ${e.message}`);
      throw e;
    }
    const v = { name, shape: shapeOf(t) };
    values.set(t.id, v);
    return v;
  };
  try {
    const outputs = model.outputs.map((t) => {
      const v = visit(t);
      // Graph outputs carry the output layer's name, as the tfjs adapter reports them.
      g.op('Identity', [v.name], undefined, t.sourceLayer.name);
      return spec(t.sourceLayer.name, shapeOf(t));
    });
    return { bytes: encodeOnnx({ inputs, outputs, nodes: g.nodes, initializers: g.initializers }) };
  } catch (e) {
    if (e instanceof Untranslatable) return { untranslated: e.message };
    throw e;
  }
}

/** How many layer calls read each symbolic tensor, model outputs counted as readers. */
function countUses(model: tfl.LayersModel): Map<number, number> {
  const uses = new Map<number, number>();
  const seen = new Set<object>();
  const inputIds = new Set(model.inputs.map((t) => t.id));
  const walk = (t: SymbolicTensor) => {
    if (inputIds.has(t.id)) return;
    const node = t.sourceLayer.inboundNodes[t.nodeIndex];
    if (!node || seen.has(node)) return;
    seen.add(node);
    for (const x of node.inputTensors) {
      uses.set(x.id, (uses.get(x.id) ?? 0) + 1);
      walk(x);
    }
  };
  for (const t of model.outputs) {
    uses.set(t.id, (uses.get(t.id) ?? 0) + 1);
    walk(t);
  }
  return uses;
}

function shapeOf(t: SymbolicTensor): (number | null)[] {
  return t.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null));
}

function spec(name: string, shape: (number | null)[]): OnnxValueSpec {
  return { name, shape: shape.map((d, i) => d ?? (i === 0 ? 'N' : `d${i}`)) };
}
