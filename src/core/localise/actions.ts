import * as tf from '@tensorflow/tfjs-core';
import type { Group, Representation } from '../groups/types';
import { Rng } from '../rng';
import type { Action } from './plan';

/**
 * ρ_l(g) on a batch of layer values (layerValues): maps and flattened maps move their sites,
 * invariant features stay, the output moves by ρ_out. A new tensor the caller owns.
 */
export function moveValues(action: Action, group: Group, rep: Representation, g: number, v: tf.Tensor): tf.Tensor {
  if (action.kind === 'output') return rep.apply(g, v);
  return action.kind === 'trivial' ? tf.clone(v) : group.apply(g, v);
}

/**
 * The audited output in the representation's metric frame (points: centered coordinates, THEORY
 * §2), so its floor is the report's; other layers and representations as they are. A new tensor.
 */
export function inMetricFrame(action: Action, rep: Representation, v: tf.Tensor): tf.Tensor {
  if (action.kind !== 'output' || !rep.toMetricFrame) return tf.clone(v);
  const values = Float32Array.from(v.dataSync() as Float32Array);
  rep.toMetricFrame(values, values.length / Math.max(1, v.shape[0] ?? 1));
  return tf.tensor(values, v.shape, 'float32');
}

/**
 * Which of a layer's `size` values per probe are compared: all of them when B·(m−1)·size fits
 * `maxEntries`, else a seeded uniform sample without replacement (sorted), the same for every
 * member and group element, so the sums stay consistent. Sampling positions keeps each sum an
 * unbiased (scaled) estimate; the floor is a ratio of two such sums.
 */
export function pickPositions(size: number, perPosition: number, maxEntries: number, seed: number): Int32Array | null {
  const keep = Math.max(1, Math.floor(maxEntries / perPosition));
  if (keep >= size) return null;
  const rng = new Rng(seed);
  const chosen = new Set<number>();
  // Floyd's algorithm: `keep` distinct draws in O(keep), whatever the size.
  for (let j = size - keep; j < size; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}

/** [n, D] from a batch of layer values: every value per probe, or those at `positions`. */
export function selectPositions(v: tf.Tensor, positions: Int32Array | null): tf.Tensor2D {
  return tf.tidy(() => {
    const flat = tf.reshape<tf.Rank.R2>(v, [v.shape[0], -1]);
    return positions ? tf.gather(flat, tf.tensor1d(positions, 'int32'), 1) : flat;
  });
}

/**
 * What is compared at a layer: the output as it is, hidden layers as h(φ_l) = the mean over
 * channels of φ_l² at each site: [n, …grid] for maps (a flattened map is unflattened first),
 * [n, 1] for invariant features. Why not φ_l itself: members trained apart
 * do not align their channels, so the members' mean of one channel is mostly member-to-member
 * noise; why this h: any h applied per site to the channel vector and blind to channel order
 * keeps the argument of THEORY §5 — φ_l(ρ_in(g)x; ρ̄(g)θ) = ρ_l(g)φ_l(x; θ) moves sites and keeps
 * channels, so h∘φ_l moves the same way and E[h∘φ_l] is equivariant on a compatible layer under
 * a G-invariant law. The energy does not cancel between kernels of opposite sign nor drown in a
 * constant offset, as the channel mean does; it is what an orientation-selective filter changes.
 * Measured on examples/ (8 members, 16 probes, bootstrap 95 % intervals): with the channel mean
 * every hidden floor of every ensemble had an interval reaching 0 (conv1 of the 1×5 ensemble:
 * 13 % [0, 44 %]); with the energy, conv1 of the 1×5 ensemble is 48 % [37, 54 %] and every floor
 * of compatible-augmented is 0 with an interval reaching 0.
 */
export function layerValues(action: Action, y: tf.Tensor): tf.Tensor {
  if (action.kind === 'output') return tf.clone(y);
  return tf.tidy(() => {
    const sq = tf.square(y);
    if (action.kind !== 'flattened') return tf.mean(sq, -1, action.kind === 'trivial');
    return tf.mean(tf.reshape(sq, [y.shape[0], ...action.grid, -1]), -1);
  });
}
