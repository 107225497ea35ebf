// FLOPs per image of a TF.js model, read from its JSON alone (topology + weights manifest shapes;
// no tfjs, no weight values), for benchmarks that report achieved GFLOP/s.
//
// What is counted, per image (batch of one):
// - multiplyAdds: Conv2D (groups included), Conv1D, DepthwiseConv2D, SeparableConv2D (depthwise +
//   pointwise) and Dense: output positions × kernel size; graph models: Conv2D, _FusedConv2D,
//   DepthwiseConv2dNative, FusedDepthwiseConv2dNative, MatMul, _FusedMatMul.
// - other, one FLOP per output element for: a bias, an activation (inside a layer or its own,
//   softmax included), a merge (Add, Multiply, …); two for BatchNormalization and Rescaling
//   (scale and shift, as folded at inference); pooling: window size per output element; global
//   pooling: one per input element. Reshapes, padding, dropout and concatenation cost nothing.
// - flops = 2 × multiplyAdds + other.
// Spatial sizes come from the topology walker of the static checks ('same'/'valid' as TF computes
// them); channels from the kernel shapes in the manifest, else from the layer configs.
import { firstInbound, topologyLayers, walkLayers, type LayerStep } from '../checks/topology';
import { graphFlops } from './graphFlops';
import { isObject, type ModelJson } from './modelJson';
import { ELEMENTWISE_MERGE_CLASSES, GLOBAL_POOL_CLASSES } from './layerNames';

/** FLOPs of one forward pass on one image. */
export interface FlopCount {
  /** Multiply-adds of the weighted layers (convolutions, dense / matmul). */
  multiplyAdds: number;
  /** Simple count of the rest: biases, activations, normalisation, pooling, merges. */
  other: number;
  /** 2 × multiplyAdds + other. */
  flops: number;
}

type Size = number | null;
interface Cost {
  macs: number;
  other: number;
  channels: number | null;
}

/**
 * FLOPs per image for a sample of shape `inputShape` (no batch axis: [H, W, C] images, [L, C]
 * sequences, [F] vectors); null when a weighted layer's shape cannot be derived or a layer
 * is of a kind not counted (recurrent, transposed/3-D convolutions, nested models, …).
 */
export function countFlops(json: ModelJson, inputShape: Size[]): FlopCount | null {
  const counts = json.format === 'graph-model' ? graphFlops(json, inputShape, weightShapes(json)) : layersFlops(json, inputShape);
  return counts && { ...counts, flops: 2 * counts.multiplyAdds + counts.other };
}

function layersFlops(json: ModelJson, sample: Size[]): Omit<FlopCount, 'flops'> | null {
  const layers = topologyLayers(json);
  if (layers === null || sample.length === 0) return null;
  // The walker sizes H×W maps (images) and L×1 maps (sequences); vectors have none (area 1).
  const steps = walkLayers(layers, [null, ...sample]);
  const weights = layerWeights(weightShapes(json));
  const channels = new Map<string, number | null>();
  const inputChannels = sample.at(-1) ?? null;
  let previous: number | null = inputChannels;
  let macs = 0;
  let other = 0;
  for (const step of steps) {
    const layer = layers[step.index]!;
    // The same choice of input as the walker's, so channels and sizes describe one tensor.
    const inbound = firstInbound(layer);
    const isInput = step.index === 0 || step.className === 'InputLayer' || Array.isArray(step.config.batch_input_shape) || Array.isArray(step.config.batch_shape);
    const cin = inbound !== null && channels.has(inbound) ? channels.get(inbound)! : isInput ? inputChannels : previous;
    const cost = layerCost(
      step,
      cin,
      (w) => weights.get(`${step.name}/${w}`) ?? null,
      () => inboundNames(layer).map((n) => channels.get(n) ?? null),
    );
    if (cost === null) return null;
    macs += cost.macs;
    other += cost.other;
    channels.set(step.name, cost.channels);
    previous = cost.channels;
  }
  return { multiplyAdds: macs, other };
}

// Class names by role, 1-D and 2-D (the walker stores a 1-D window k×1 on an L×1 map).
const CONVS = new Set(['Conv2D', 'Conv1D']);
const DEPTHWISE = new Set(['DepthwiseConv2D', 'DepthwiseConv1D']);
const SEPARABLE = new Set(['SeparableConv2D', 'SeparableConv1D']);
const POOLS = new Set(['MaxPooling2D', 'AveragePooling2D', 'MaxPool2D', 'AvgPool2D', 'MaxPooling1D', 'AveragePooling1D', 'MaxPool1D', 'AvgPool1D']);
const GLOBAL_POOLS = new Set(GLOBAL_POOL_CLASSES);
const ACTIVATIONS = new Set(['ReLU', 'LeakyReLU', 'ELU', 'PReLU', 'ThresholdedReLU', 'Softmax']);
const MERGES = new Set(ELEMENTWISE_MERGE_CLASSES);
const FREE = new Set([
  'InputLayer',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'ZeroPadding1D',
  'ZeroPadding2D',
  'Cropping1D',
  'Cropping2D',
  'UpSampling1D',
  'UpSampling2D',
  'Masking',
]);

/** One layer's cost and output channels; null when it cannot be counted. */
function layerCost(step: LayerStep, cin: number | null, weight: (name: string) => number[] | null, inboundChannels: () => (number | null)[]): Cost | null {
  const c = step.config;
  const cls = step.className;
  const inArea = area(step.inSize);
  const outArea = area(step.outSize);
  const elems = (a: number | null, ch: number | null) => (a === null || ch === null ? null : a * ch);
  const inElems = elems(inArea, cin);
  const [kh, kw] = step.window?.kernel ?? [1, 1];
  // Bias and activation inside a weighted layer: one FLOP each per output element.
  const weighted = (perPosition: number | null, positions: number | null, cout: number | null): Cost | null => {
    if (perPosition === null || positions === null || cout === null) return null;
    const extra = (c.use_bias === false ? 0 : 1) + activationCost(c.activation);
    return { macs: positions * perPosition, other: positions * cout * extra, channels: cout };
  };
  const same = (perElement: number): Cost | null => (inElems === null ? null : { macs: 0, other: perElement * inElems, channels: cin });
  if (CONVS.has(cls)) {
    const k = weight('kernel');
    const cout = num(c.filters) ?? k?.at(-1) ?? null;
    const groups = num(c.groups) ?? 1;
    return weighted(k ? product(k) : cin === null || cout === null ? null : kh * kw * (cin / groups) * cout, outArea, cout);
  }
  if (DEPTHWISE.has(cls)) {
    // Kernel [k…, cin, multiplier]: the last two axes give the output channels.
    const k = weight('depthwise_kernel');
    const cout = k ? k.at(-2)! * k.at(-1)! : cin === null ? null : cin * (num(c.depth_multiplier) ?? 1);
    return weighted(k ? product(k) : cout === null ? null : kh * kw * cout, outArea, cout);
  }
  if (SEPARABLE.has(cls)) {
    const dk = weight('depthwise_kernel');
    const mid = dk ? dk.at(-2)! * dk.at(-1)! : cin === null ? null : cin * (num(c.depth_multiplier) ?? 1);
    const cout = num(c.filters) ?? weight('pointwise_kernel')?.at(-1) ?? null;
    return weighted(mid === null || cout === null ? null : kh * kw * mid + mid * cout, outArea, cout);
  }
  if (POOLS.has(cls)) {
    const out = elems(outArea, cin);
    return out === null ? null : { macs: 0, other: out * kh * kw, channels: cin };
  }
  if (GLOBAL_POOLS.has(cls) || ACTIVATIONS.has(cls) || MERGES.has(cls)) return same(1);
  // Preprocessing/augmentation layers are identities (or crops) at inference.
  if (FREE.has(cls) || cls.startsWith('Random')) return { macs: 0, other: 0, channels: cin };
  switch (cls) {
    case 'Dense': {
      // Dense acts on the last axis at every position of what it reads (1 after Flatten/pooling).
      const k = weight('kernel');
      const cout = num(c.units) ?? k?.at(-1) ?? null;
      return weighted(k ? product(k) : cin === null || cout === null ? null : cin * cout, step.inSize === null ? 1 : inArea, cout);
    }
    case 'BatchNormalization':
    case 'Rescaling':
      return same(2);
    case 'Activation':
      return same(activationCost(c.activation));
    case 'Flatten':
      return { macs: 0, other: 0, channels: step.inSize === null ? cin : inElems };
    case 'Reshape': {
      const target = Array.isArray(c.target_shape) ? c.target_shape : [];
      return { macs: 0, other: 0, channels: num(target.at(-1)) };
    }
    case 'Concatenate': {
      const ins = inboundChannels();
      const sum = ins.length > 0 && ins.every((n) => n !== null) ? ins.reduce((a, b) => a + b, 0) : null;
      return { macs: 0, other: 0, channels: sum };
    }
  }
  return null;
}

/** Every input layer's name; firstInbound reads only the first, a concatenation needs them all. */
function inboundNames(layer: Record<string, unknown>): string[] {
  const node: unknown = Array.isArray(layer.inbound_nodes) ? (layer.inbound_nodes as unknown[])[0] : undefined;
  // Keras 2: [[name, node, tensor, kwargs], …]; Keras 3: {args: [[{config: {keras_history: [name, …]}}, …]]}.
  const entries: unknown[] = Array.isArray(node) ? node : isObject(node) && Array.isArray(node.args) ? node.args.flat() : [];
  return entries.flatMap((e) => {
    const history = isObject(e) && isObject(e.config) ? e.config.keras_history : e;
    return Array.isArray(history) && typeof history[0] === 'string' ? [history[0]] : [];
  });
}

/** Weight shapes by name, from every manifest group. */
function weightShapes(json: ModelJson): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const group of json.weightsManifest) {
    for (const w of group.weights ?? []) if (!shapes.has(w.name)) shapes.set(w.name, w.shape);
  }
  return shapes;
}

/** Shapes keyed 'layer/weight' (the last two parts of the name: nested models prefix theirs). */
function layerWeights(shapes: Map<string, number[]>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [name, shape] of shapes) {
    const key = name.split('/').slice(-2).join('/');
    if (!out.has(key)) out.set(key, shape);
  }
  return out;
}

function activationCost(a: unknown): number {
  return a === undefined || a === null || a === 'linear' ? 0 : 1;
}

function area(size: [Size, Size] | null): number | null {
  if (size === null) return 1;
  return size[0] === null || size[1] === null ? null : size[0] * size[1];
}

function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
