import { isObject, type ModelJson } from '../load/modelJson';
import { bordersOutput, windowOutput } from './geometry';
import { layerRank, readBorders, readUpsampling, readWindow } from './layerConfig';
import type { Borders, LayerStep, Size, Window } from './step';
import { ELEMENTWISE_MERGE_CLASSES, GLOBAL_POOL_CLASSES } from '../load/layerNames';

export type { Borders, LayerStep, Window } from './step';
export { borders } from './layerConfig';

/** A spatial map: its size and rank (a rank-1 map is stored L×1). */
interface Spatial {
  size: [Size, Size];
  rank: 1 | 2;
}

const RESIZES = new Set(['RandomCrop', 'RandomWidth', 'RandomHeight']);
const ENDS = new Set(['Flatten', 'Dense', 'Reshape', ...GLOBAL_POOL_CLASSES]);
// Layers that keep the map's size (elementwise, per-channel, merges, augmentation at inference).
const KEEPS = new Set([
  'InputLayer',
  'Activation',
  'ReLU',
  'LeakyReLU',
  'ELU',
  'PReLU',
  'ThresholdedReLU',
  'Softmax',
  'BatchNormalization',
  'LayerNormalization',
  'Dropout',
  'SpatialDropout1D',
  'SpatialDropout2D',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'Rescaling',
  'Masking',
  ...ELEMENTWISE_MERGE_CLASSES,
  'Concatenate',
]);

/** The layers of a layers-model topology, or null when `json` is not one. */
export function topologyLayers(json: ModelJson): Record<string, unknown>[] | null {
  const topo = isObject(json.modelTopology.model_config) ? json.modelTopology.model_config : json.modelTopology;
  const config = topo.config;
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  return Array.isArray(layers) ? layers.filter(isObject) : null;
}

/**
 * Walks the layers in file order, tracking the map's size from `inputShape` (batch first) or
 * the file: H×W for image inputs ([N, H, W, C]), L for sequences ([N, L, C], stored L×1).
 */
export function walkLayers(layers: Record<string, unknown>[], inputShape: Size[]): LayerStep[] {
  const maps = new Map<string, Spatial | null>();
  const given = inputBatchShape(layers, inputShape);
  const rank = modelRank(layers, given);
  let previous: Spatial | null = null;
  return layers.map((layer, index) => {
    const config = isObject(layer.config) ? layer.config : {};
    const className = String(layer.class_name ?? '');
    const name = typeof config.name === 'string' ? config.name : typeof layer.name === 'string' ? layer.name : `#${index}`;
    const inbound = firstInbound(layer);
    const input = inbound !== null && maps.has(inbound) ? maps.get(inbound)! : index === 0 || className === 'InputLayer' || batchShape(config).length > 0 ? modelInput(config, given, rank) : previous;
    // A layer of another rank than the map it reads (a 1-D layer on an image): its sizes are unknown to us.
    const own = layerRank(className);
    const map: Spatial | null = input && own !== null && own !== input.rank ? { size: unknown(own), rank: own } : input;
    const window = readWindow(className, config);
    const borders = readBorders(className, config);
    const outSize = map && outputSize(className, config, map, window, borders);
    const out = map && outSize ? { size: outSize, rank: map.rank } : null;
    maps.set(name, out);
    previous = out;
    return { index, name, className, config, rank: map?.rank ?? own ?? 2, inSize: map?.size ?? null, outSize: out?.size ?? null, window, borders };
  });
}

/** Name of the layer feeding a functional-model layer, or null (Sequential). */
export function firstInbound(layer: Record<string, unknown>): string | null {
  const nodes = layer.inbound_nodes;
  const first: unknown = Array.isArray(nodes) && Array.isArray(nodes[0]) ? (nodes[0] as unknown[])[0] : undefined;
  if (Array.isArray(first) && typeof first[0] === 'string') return first[0];
  // Keras 3 style: {args: [{config: {keras_history: [name, …]}}]}
  const history = isObject(first) ? (first as { args?: { config?: { keras_history?: unknown[] } }[] }).args?.[0]?.config?.keras_history : undefined;
  return Array.isArray(history) && typeof history[0] === 'string' ? history[0] : null;
}

/** The input's batch shape as the file records it (Keras 2 batch_input_shape, Keras 3 batch_shape). */
function batchShape(config: Record<string, unknown>): Size[] {
  const s = config.batch_input_shape ?? config.batch_shape;
  return Array.isArray(s) ? (s as Size[]) : [];
}

/**
 * The input's batch shape: the caller's when given (it may be the sample shape of an image, without
 * the batch axis), else the first layer's. Its length says the map's rank: 4 → images, 3 → sequences.
 */
function inputBatchShape(layers: Record<string, unknown>[], inputShape: Size[]): Size[] {
  const file = isObject(layers[0]?.config) ? batchShape(layers[0].config) : [];
  if (file.length === 4 && inputShape.length === 3) return [null, ...inputShape];
  return inputShape.length > 0 ? inputShape : file;
}

/** 2 for image inputs, 1 for sequences, null for vectors and volumes; unknown: the first 1-D/2-D layer's. */
function modelRank(layers: Record<string, unknown>[], shape: Size[]): 1 | 2 | null {
  if (shape.length === 4) return 2;
  if (shape.length === 3) return 1;
  if (shape.length > 0) return null;
  for (const l of layers) {
    const r = layerRank(String(l.class_name ?? ''));
    if (r !== null) return r;
  }
  return 2;
}

/** The model input's map: sizes from the caller's shape, gaps filled from the file's. */
function modelInput(config: Record<string, unknown>, given: Size[], rank: 1 | 2 | null): Spatial | null {
  if (rank === null) return null;
  const file = batchShape(config);
  const pick = (i: number): Size => (typeof given[i] === 'number' ? given[i] : typeof file[i] === 'number' ? file[i] : null);
  return { size: rank === 2 ? [pick(1), pick(2)] : [pick(1), 1], rank };
}

function unknown(rank: 1 | 2): [Size, Size] {
  return rank === 2 ? [null, null] : [null, 1];
}

function outputSize(className: string, c: Record<string, unknown>, map: Spatial, w: Window | null, b: Borders | null): [Size, Size] | null {
  if (ENDS.has(className)) return null;
  if (w) return windowOutput(map.size, w);
  if (b) return bordersOutput(map.size, b);
  const up = readUpsampling(className, c);
  if (up) return [map.size[0] === null ? null : map.size[0] * up[0], map.size[1] === null ? null : map.size[1] * up[1]];
  if (KEEPS.has(className) || (className.startsWith('Random') && !RESIZES.has(className))) return map.size;
  return unknown(map.rank); // unknown layer: still spatial, size unknown
}
