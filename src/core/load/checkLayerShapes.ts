import type * as tfl from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import { DEFAULT_LIMITS } from './limits';
import { elementCount } from './tensorElements';

/**
 * Refuses a layers model in which some layer's output has a zero-size dimension (e.g. a stride
 * that shrinks the map to 1×1 before a 2×2 pool). tfjs accepts such a topology, but the wasm
 * kernels then read out of bounds and leave the backend broken for every later model (found by
 * scripts/fuzz.ts). Also caps the elements of each layer's output per sample.
 */
export function checkLayerShapes(model: tfl.LayersModel, path: string, maxElements = DEFAULT_LIMITS.maxTensorElements): void {
  for (const layer of model.layers) {
    const shapes = layer.outputShape;
    const list = (Array.isArray(shapes[0]) || shapes.length === 0 ? shapes : [shapes]) as (number | null)[][];
    for (const shape of list) {
      if (shape.slice(1).some((d) => d !== null && !(d >= 1))) {
        throw new EquiLensError(path, `layer '${layer.name}' has an empty output [${shape.map((d) => d ?? '?').join(',')}]`);
      }
      // Per sample: predict allocates this times the batch size (an UpSampling by 10 000 would not fit).
      elementCount(shape.slice(1), maxElements, path, `layer '${layer.name}' output (per sample)`);
    }
  }
}
