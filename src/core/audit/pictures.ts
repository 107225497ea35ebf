import * as tf from '@tensorflow/tfjs-core';
import type { Group } from '../groups/types';
import type { ProbeSet } from '../probes/types';
import type { ProbePicture } from '../report/types';
import type { Orbit } from '../stats/types';

/**
 * Pictures of where the symmetry breaks: the `count` probes on which the ensemble mean deviates
 * most, each under the element that hurts it most, with input, transformed input, and outputs.
 */
export function probePictures(mean: Orbit, probes: ProbeSet, group: Group, outputShape: number[], count: number): ProbePicture[] {
  const { B, m, D } = mean.dims;
  if (count <= 0 || m < 2) return [];
  const worst: { b: number; g: number; dev: number }[] = [];
  for (let b = 0; b < B; b++) {
    let best = { b, g: 1, dev: -1 };
    for (let g = 1; g < m; g++) {
      let dev = 0;
      const base = (b * m + g) * D;
      for (let d = 0; d < D; d++) dev += (mean.moved[base + d]! - mean.expected[base + d]!) ** 2;
      if (dev > best.dev) best = { b, g, dev };
    }
    worst.push(best);
  }
  worst.sort((p, q) => q.dev - p.dev);
  const sample = probes.shape.slice(1);
  const size = sample.reduce((a, c) => a * c, 1);
  return worst.slice(0, Math.min(count, B)).map(({ b, g }) => {
    const raw = probes.data.subarray(b * size, (b + 1) * size);
    // A masked action (continuous rotations) shows the probe as the model saw it: ρ(e)x = M·x.
    const input = group.continuous?.mask ? tf.tidy(() => group.apply(0, tf.tensor(raw, [1, ...sample])).dataSync() as Float32Array) : raw;
    const transformed = tf.tidy(() => group.apply(g, tf.tensor(raw, [1, ...sample])).dataSync());
    const at = (b * m + g) * D;
    return {
      probe: b,
      element: group.elements[g]!.name,
      shape: sample,
      input: Array.from(input),
      transformed: Array.from(transformed),
      outputShape,
      expected: Array.from(mean.expected.subarray(at, at + D)),
      moved: Array.from(mean.moved.subarray(at, at + D)),
    };
  });
}
