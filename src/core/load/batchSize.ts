import type * as tfl from '@tensorflow/tfjs-layers';
import { isObject, type ModelJson } from './modelJson';
import type { TensorInfo } from './types';

/** Smallest and largest batch the estimate proposes. */
export const MIN_BATCH = 1;
export const MAX_BATCH = 1024;
/** The batch used when nothing is known about the model's activation sizes. */
export const FALLBACK_BATCH = 32;
/**
 * Activation bytes per sample assumed per input+output byte when the layers are unknown:
 * a conv stack keeps a few maps of tens of channels each, easily 30× a 3-channel input.
 */
export const IO_FACTOR = 32;

const MIB = 1024 * 1024;
/** Float32: tfjs computes activations in 32-bit floats whatever the weights' storage. */
const BYTES_PER_VALUE = 4;

/**
 * Memory one batch's activations may take on a backend: 256 MiB on GPU backends (textures and
 * buffers share a smaller pool with the page and the OS), 512 MiB on cpu/wasm/node heaps.
 */
export function memoryBudget(backend: string): number {
  return backend === 'webgl' || backend === 'webgpu' ? 256 * MIB : 512 * MIB;
}

/**
 * The batch size whose activations fit the budget: floor(budget / bytesPerSample) rounded down
 * to a power of two and clamped to [MIN_BATCH, MAX_BATCH]; FALLBACK_BATCH when the size is unknown.
 */
export function estimateBatchSize(bytesPerSample: number | null, budgetBytes: number): number {
  if (bytesPerSample === null || !(bytesPerSample > 0) || !Number.isFinite(bytesPerSample)) return FALLBACK_BATCH;
  const fits = Math.floor(budgetBytes / bytesPerSample);
  if (fits < MIN_BATCH) return MIN_BATCH;
  return Math.min(MAX_BATCH, 2 ** Math.floor(Math.log2(fits)));
}

/**
 * Bytes of every activation of one sample in a layers model: its inputs plus each layer's
 * outputs, batch dimension dropped, 4 bytes a value. An upper bound (tfjs frees an activation
 * once its consumers ran). Null when some size is unknown (e.g. a free image size).
 */
export function layersActivationBytes(model: tfl.LayersModel): number | null {
  let values = sumSizes(model.inputs.map((t) => t.shape));
  for (const layer of model.layers) {
    // Functional models list their InputLayers (counted above through model.inputs); Sequential does not.
    if (layer.getClassName() === 'InputLayer') continue;
    const shapes = layer.outputShape;
    values += sumSizes((Array.isArray(shapes[0]) || shapes.length === 0 ? shapes : [shapes]) as (number | null)[][]);
  }
  return Number.isFinite(values) ? values * BYTES_PER_VALUE : null;
}

/**
 * Bytes of one sample's activations in a graph model from the nodes' `_output_shapes`
 * (constants excluded) when every computing node records them; otherwise the inputs' and
 * outputs' sizes times IO_FACTOR; null when even those are unknown.
 */
export function graphActivationBytes(json: ModelJson, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): number | null {
  const fromNodes = nodeShapeValues(json);
  if (fromNodes !== null) return fromNodes * BYTES_PER_VALUE;
  return ioActivationBytes(
    inputs.map((i) => i.shape),
    outputs.map((o) => o.shape),
  );
}

/**
 * The IO_FACTOR fallback from input and output shapes (batch first). Unknown output sizes are
 * left out (outputs are rarely the big part); null when an input size is unknown.
 */
export function ioActivationBytes(inputShapes: readonly (readonly (number | null)[])[], outputShapes: readonly (readonly (number | null)[])[]): number | null {
  const inValues = sumSizes(inputShapes);
  if (!Number.isFinite(inValues) || inputShapes.some((s) => s.length === 0)) return null;
  const outValues = sumSizes(outputShapes.filter((s) => s.length > 0));
  return (inValues + (Number.isFinite(outValues) ? outValues : 0)) * BYTES_PER_VALUE * IO_FACTOR;
}

/** Σ over the nodes' recorded output shapes; null when a computing node lacks them or has an unknown size. */
function nodeShapeValues(json: ModelJson): number | null {
  const nodes = Array.isArray(json.modelTopology.node) ? json.modelTopology.node.filter(isObject) : [];
  let values = 0;
  let computing = 0;
  for (const node of nodes) {
    if (node.op === 'Const') continue;
    computing++;
    const list = isObject(node.attr) && isObject(node.attr._output_shapes) ? node.attr._output_shapes.list : undefined;
    const shapes = isObject(list) && Array.isArray(list.shape) ? list.shape : null;
    if (!shapes) return null;
    values += sumSizes(shapes.map(jsonShape));
    if (!Number.isFinite(values)) return null;
  }
  return computing > 0 ? values : null;
}

/** A GraphDef TensorShapeProto ({dim: [{size: '-1'}, …]} or {unknownRank: true}); unknown sizes are null. */
function jsonShape(shape: unknown): (number | null)[] {
  if (!isObject(shape) || shape.unknownRank === true) return [null, null];
  const dims = Array.isArray(shape.dim) ? shape.dim : [];
  return dims.map((d) => {
    // A dim without size is proto3's default 0; the converter writes '-1' for unknown.
    const n = isObject(d) ? Number(d.size ?? 0) : NaN;
    return Number.isInteger(n) && n >= 0 ? n : null;
  });
}

/** Σ of the shapes' sizes without their first (batch) dimension; Infinity when a size is unknown. */
function sumSizes(shapes: readonly (readonly (number | null)[])[]): number {
  let total = 0;
  for (const shape of shapes) {
    let size = 1;
    for (const d of shape.slice(1)) size *= d === null ? Infinity : d;
    total += size;
  }
  return total;
}
