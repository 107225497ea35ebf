import { topologyLayers } from '../../core/checks/topology';
import { isObject, type ModelJson } from '../../core/load/modelJson';

/**
 * The per-sample input shape a layers model declares on its first layer (Keras 2
 * batch_input_shape, Keras 3 batch_shape), without the batch axis; null when it declares none
 * or leaves a size open. Snippets for translations and shifts need these sizes before any audit.
 */
export function declaredSample(json: ModelJson): number[] | null {
  const first = topologyLayers(json)?.[0];
  const config = isObject(first?.config) ? first.config : {};
  const shape = config.batch_input_shape ?? config.batch_shape;
  if (!Array.isArray(shape) || shape.length < 2) return null;
  const sample = shape.slice(1);
  return sample.every((d): d is number => Number.isInteger(d) && (d as number) > 0) ? sample : null;
}
