import { isObject, type ModelJson } from '../load/modelJson';

type Size = number | null;

/** A sliding window (convolution or pooling) read from a layer's config. */
export interface Window {
  role: 'conv' | 'pool';
  kernel: [number, number];
  strides: [number, number];
  dilation: [number, number];
  padding: string;
}

/** One layer of a layers model, with the spatial size of the map it reads (when known). */
export interface LayerStep {
  index: number;
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** [H, W] of the input map; null once the spatial axes are gone (Flatten, global pooling, Dense). */
  inSize: [Size, Size] | null;
  outSize: [Size, Size] | null;
  window: Window | null;
}

const CONVS = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D']);
const POOLS = new Set(['MaxPooling2D', 'AveragePooling2D']);
const RESIZES = new Set(['RandomCrop', 'RandomWidth', 'RandomHeight']);
const ENDS = new Set(['Flatten', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'Dense', 'Reshape']);
// Layers that keep H×W (elementwise, per-channel, merges, augmentation at inference).
const KEEPS = new Set([
  'InputLayer', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'PReLU', 'ThresholdedReLU', 'Softmax',
  'BatchNormalization', 'LayerNormalization', 'Dropout', 'SpatialDropout2D', 'GaussianNoise',
  'GaussianDropout', 'AlphaDropout', 'Rescaling', 'Masking',
  'Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate',
]);

/** The layers of a layers-model topology, or null when `json` is not one. */
export function topologyLayers(json: ModelJson): Record<string, unknown>[] | null {
  const topo = isObject(json.modelTopology.model_config) ? json.modelTopology.model_config : json.modelTopology;
  const config = topo.config;
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  return Array.isArray(layers) ? layers.filter(isObject) : null;
}

/** Walks the layers in file order, tracking H×W from `inputShape` (batch first) or the file. */
export function walkLayers(layers: Record<string, unknown>[], inputShape: Size[]): LayerStep[] {
  const sizes = new Map<string, [Size, Size] | null>();
  let previous: [Size, Size] | null = null;
  return layers.map((layer, index) => {
    const config = isObject(layer.config) ? layer.config : {};
    const className = String(layer.class_name ?? '');
    const name = typeof config.name === 'string' ? config.name : typeof layer.name === 'string' ? layer.name : `#${index}`;
    const inbound = firstInbound(layer);
    const inSize =
      inbound !== null && sizes.has(inbound)
        ? sizes.get(inbound)!
        : index === 0 || className === 'InputLayer' || Array.isArray(config.batch_input_shape)
          ? modelInput(config, inputShape)
          : previous;
    const window = readWindow(className, config);
    const outSize = outputSize(className, config, inSize, window);
    sizes.set(name, outSize);
    previous = outSize;
    return { index, name, className, config, inSize, outSize, window };
  });
}

/** Name of the layer feeding a functional-model layer, or null (Sequential). */
function firstInbound(layer: Record<string, unknown>): string | null {
  const nodes = layer.inbound_nodes;
  const first = Array.isArray(nodes) && Array.isArray(nodes[0]) ? nodes[0][0] : undefined;
  if (Array.isArray(first) && typeof first[0] === 'string') return first[0];
  // Keras 3 style: {args: [{config: {keras_history: [name, …]}}]}
  const history = isObject(first) ? (first as { args?: { config?: { keras_history?: unknown[] } }[] }).args?.[0]?.config?.keras_history : undefined;
  return Array.isArray(history) && typeof history[0] === 'string' ? history[0] : null;
}

function modelInput(config: Record<string, unknown>, inputShape: Size[]): [Size, Size] {
  const given = inputShape.length === 3 ? [null, ...inputShape] : inputShape;
  const file = Array.isArray(config.batch_input_shape) ? (config.batch_input_shape as Size[]) : [];
  const pick = (i: number): Size => (typeof given[i] === 'number' ? given[i]! : typeof file[i] === 'number' ? file[i]! : null);
  return [pick(1), pick(2)];
}

function pair(v: unknown, fallback: number): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && typeof v[0] === 'number') return [v[0], typeof v[1] === 'number' ? v[1] : v[0]];
  return [fallback, fallback];
}

function readWindow(className: string, c: Record<string, unknown>): Window | null {
  const padding = typeof c.padding === 'string' ? c.padding : 'valid';
  if (CONVS.has(className)) {
    return { role: 'conv', kernel: pair(c.kernel_size, 1), strides: pair(c.strides, 1), dilation: pair(c.dilation_rate, 1), padding };
  }
  if (POOLS.has(className)) {
    const kernel = pair(c.pool_size, 2);
    const strides = c.strides === null || c.strides === undefined ? kernel : pair(c.strides, 1);
    return { role: 'pool', kernel, strides, dilation: [1, 1], padding };
  }
  return null;
}

/** [[top, bottom], [left, right]] from any of the forms Cropping2D/ZeroPadding2D accept. */
export function borders(v: unknown, fallback: number): [[number, number], [number, number]] {
  if (Array.isArray(v) && Array.isArray(v[0]) && Array.isArray(v[1])) {
    return [pair(v[0], fallback), pair(v[1], fallback)];
  }
  const [h, w] = pair(v, fallback);
  return [[h, h], [w, w]];
}

function outputSize(className: string, c: Record<string, unknown>, inSize: [Size, Size] | null, w: Window | null): [Size, Size] | null {
  if (inSize === null || ENDS.has(className)) return null;
  const each = (f: (n: number, axis: 0 | 1) => number): [Size, Size] => [
    inSize[0] === null ? null : f(inSize[0], 0),
    inSize[1] === null ? null : f(inSize[1], 1),
  ];
  if (w) {
    return each((n, a) => {
      const kEff = (w.kernel[a] - 1) * w.dilation[a] + 1;
      return w.padding === 'same' ? Math.ceil(n / w.strides[a]) : Math.floor((n - kEff) / w.strides[a]) + 1;
    });
  }
  if (className === 'Cropping2D') return each((n, a) => n - borders(c.cropping, 0)[a][0] - borders(c.cropping, 0)[a][1]);
  if (className === 'ZeroPadding2D') return each((n, a) => n + borders(c.padding, 1)[a][0] + borders(c.padding, 1)[a][1]);
  if (className === 'UpSampling2D') return each((n, a) => n * pair(c.size, 2)[a]);
  if (KEEPS.has(className) || (className.startsWith('Random') && !RESIZES.has(className))) return inSize;
  return [null, null]; // unknown layer: still spatial, size unknown
}
