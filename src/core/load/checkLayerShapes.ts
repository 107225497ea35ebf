import type * as tfl from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';

/**
 * Refuses a layers model in which some layer's output has a zero-size dimension (e.g. a stride
 * that shrinks the map to 1×1 before a 2×2 pool). tfjs accepts such a topology, but the wasm
 * kernels then read out of bounds and leave the backend broken for every later model (found by
 * scripts/fuzz.ts).
 */
export function checkLayerShapes(model: tfl.LayersModel, path: string): void {
  for (const layer of model.layers) {
    const shapes = layer.outputShape;
    const list = (Array.isArray(shapes[0]) || shapes.length === 0 ? shapes : [shapes]) as (number | null)[][];
    for (const shape of list) {
      if (shape.slice(1).some((d) => d !== null && !(d >= 1))) {
        throw new EquiLensError(path, `layer '${layer.name}' has an empty output [${shape.map((d) => d ?? '?').join(',')}]`);
      }
    }
  }
}
