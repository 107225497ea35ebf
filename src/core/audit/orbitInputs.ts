import * as tf from '@tensorflow/tfjs-core';
import type { Group } from '../groups/types';
import type { ProbeSet } from '../probes/types';

/**
 * ρ_in(g)x_b for every element, computed once per audit and shared by all members
 * (transforming inputs is the same work for every member, so it is not repeated).
 */
export function orbitInputs(group: Group, probes: ProbeSet): tf.Tensor[] {
  const x = tf.tensor(probes.data, probes.shape, 'float32');
  const out = group.elements.map((_, i) => (i === 0 ? x : group.apply(i, x)));
  return out;
}

export function disposeAll(ts: tf.Tensor[]): void {
  for (const t of ts) t.dispose();
}
