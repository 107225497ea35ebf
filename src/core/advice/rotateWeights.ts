import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import { gridRank } from '../groups';
import type { Group } from '../groups/types';
import { CONVS, ELEMENTWISE, inboundOf, isLastAxis, moveSites, ON_MAPS, PER_CHANNEL, singleInputShape, type FlatGrid, type Move } from './weights/layerMoves';

// How ρ̄(g) treats convolution kernels: flips, rotations and reversal move them like the input;
// translations commute with convolution; point permutations only with kernels of size 1.
const KERNELS: Record<string, 'move' | 'keep' | 'pointwise'> = {
  'flip-h': 'move',
  'flip-v': 'move',
  c2: 'move',
  c4: 'move',
  d4: 'move',
  'dih:2': 'move',
  reverse: 'move',
  translate: 'keep',
  shift: 'keep',
  permute: 'pointwise',
};

/**
 * Sets a layers-model's weights to ρ̄(g)θ (THEORY §1), so that Φ_{ρ̄(g)θ}(ρ_in(g)x) = Φ_θ(x):
 * convolution kernels move like the input; a Dense (or BatchNorm) after Flatten has its rows
 * permuted the way Flatten permutes the moved map; per-channel weights and a Dense after global
 * pooling stay. `g` indexes group.elements. Every layer is checked before any weight changes;
 * one that cannot be moved is refused with an EquiLensError naming it.
 */
export function rotateWeights(model: tfl.LayersModel, group: Group, g: number): void {
  // A resampled turn of a kernel is not ρ̄(g)θ: Φ would match only up to interpolation error.
  if (group.continuous?.mask) throw new EquiLensError(undefined, `group '${group.name}' turns images by resampling: weights cannot be moved exactly`);
  // All moved weights are computed before any is set: a layer refused halfway leaves the model as it was.
  const moved: [tfl.layers.Layer, tf.Tensor[]][] = [];
  const fresh = () => moved.flatMap(([layer, next]) => next.filter((t) => !layer.getWeights().includes(t)));
  try {
    for (const [layer, move] of planMoves(model, group)) {
      const w = layer.getWeights();
      moved.push([layer, tf.tidy(() => move(w, g))]);
    }
  } catch (e) {
    tf.dispose(fresh());
    throw e;
  }
  const made = fresh();
  for (const [layer, next] of moved) layer.setWeights(next);
  tf.dispose(made);
}

/** One model per group element, each a copy made by `build` and moved to ρ̄(g)θ: the orbit ensemble. */
export function orbitEnsemble<M extends tfl.LayersModel>(build: () => M, group: Group): M[] {
  return group.elements.map((_, g) => {
    const m = build();
    rotateWeights(m, group, g);
    return m;
  });
}

function refuse(layer: tfl.layers.Layer, why: string): EquiLensError {
  return new EquiLensError(undefined, `cannot move the weights of layer '${layer.name}' (${layer.getClassName()}): ${why.split('\n')[0]}`);
}

/** The move of every layer with weights to change, in model order; throws for a layer it cannot handle. */
function planMoves(model: tfl.LayersModel, group: Group): [tfl.layers.Layer, NonNullable<Move>][] {
  const rank = gridRank(group.layout);
  const flat = new Map<tfl.layers.Layer, FlatGrid>();
  const out: [tfl.layers.Layer, NonNullable<Move>][] = [];
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const inbound = inboundOf(layer);
    const inFlat = inbound.length === 1 ? flat.get(inbound[0]!) : undefined;
    if (inbound.length > 1 && inbound.some((l) => flat.has(l))) throw refuse(layer, 'it merges a flattened map, whose order EquiLens does not track');
    const shape = singleInputShape(layer);
    const move = ((): Move => {
      if (cls === 'Flatten' || (cls === 'Reshape' && (layer.outputShape as unknown[]).length === 2)) {
        if (inFlat) return flat.set(layer, inFlat) && null;
        if (!shape || shape.length !== rank + 2) throw refuse(layer, `expected a ${rank}-d map with channels, got input ${JSON.stringify(shape)}`);
        const grid = shape.slice(1, -1);
        if (grid.some((d) => d === null)) throw refuse(layer, 'the flattened map has an unknown size');
        flat.set(layer, { grid: grid as number[] });
        return null;
      }
      if (ELEMENTWISE.has(cls)) {
        if (inFlat) flat.set(layer, inFlat);
        return null;
      }
      if (cls === 'Dense') return inFlat ? (w, k) => [moveSites(group, k, w[0]!, inFlat.grid), ...w.slice(1)] : null;
      if (PER_CHANNEL.has(cls)) {
        if (!isLastAxis(layer.getConfig().axis, shape?.length ?? 0)) throw refuse(layer, 'it normalises an axis other than the channels');
        if (!inFlat) return null;
        flat.set(layer, inFlat); // per-feature parameters keep the flattened order
        return (w, k) => w.map((t) => moveSites(group, k, t, inFlat.grid));
      }
      if (inFlat) throw refuse(layer, 'it reads a flattened map');
      if (cls in CONVS) return kernelMove(layer, group, CONVS[cls]!, rank);
      if (ON_MAPS.has(cls) && layer.getWeights().length === 0) return null;
      throw refuse(layer, `${cls} is not a layer whose weights EquiLens knows how to move`);
    })();
    if (move) out.push([layer, wrap(layer, move)]);
  }
  return out;
}

/** The kernel (weight 0) moved like an input of its spatial size; other weights (bias, pointwise) stay. */
function kernelMove(layer: tfl.layers.Layer, group: Group, dims: 1 | 2, rank: number): Move {
  if (layer.getConfig().dataFormat === 'channelsFirst') throw refuse(layer, 'channels-first data format');
  if (dims !== rank) throw refuse(layer, `a ${dims}-d convolution under '${group.name}', which acts on ${rank}-d inputs`);
  const kind = KERNELS[group.name];
  const spatial = layer.getWeights()[0]!.shape.slice(0, dims);
  if (kind === 'keep' || (kind === 'pointwise' && spatial.every((d) => d === 1))) return null;
  if (kind !== 'move') throw refuse(layer, `a kernel of size ${spatial.join('×')} mixes points, which '${group.name}' permutes`);
  return (w, k) => [moveSites(group, k, w[0]!, spatial), ...w.slice(1)];
}

/** Errors from the group (a non-square kernel under c4, a shift that does not fit the map) name the layer. */
function wrap(layer: tfl.layers.Layer, move: NonNullable<Move>): NonNullable<Move> {
  return (w, g) => {
    try {
      return move(w, g);
    } catch (e) {
      throw refuse(layer, e instanceof EquiLensError ? e.problem : e instanceof Error ? e.message : String(e));
    }
  };
}
