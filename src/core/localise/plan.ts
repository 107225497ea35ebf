import type * as tfl from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import { gridRank, sitePermutation } from '../groups';
import type { Group } from '../groups/types';
import { inboundOf, isLastAxis } from '../advice/weights/layerMoves';
import { GLOBAL_POOLS, isInferenceIdentity, KEEPS_SITES, MERGES, POINTWISE } from './layerClasses';

/** How ρ_l(g) is applied to a layer's output (types.ts LayerAction, without 'skipped'). */
export type Action = { kind: 'spatial' } | { kind: 'flattened'; grid: number[] } | { kind: 'trivial' } | { kind: 'output' };

/** One layer of the model, with its action or why it has none. */
export interface LayerPlan {
  /** Position in model.layers (members share the architecture, not always the layer names). */
  position: number;
  name: string;
  className: string;
  outputShape: (number | null)[];
  action: Action | null;
  note?: string;
}

type State = { kind: 'spatial'; grid: number[] } | { kind: 'flattened'; grid: number[] } | { kind: 'trivial' } | { kind: 'unknown'; note: string; origin?: string };
type Layer = tfl.layers.Layer;

/**
 * The action on every non-input layer's output, walking the model in order from the input (a
 * map the group acts on). `output` is the audited output's layer: it gets ρ_out whatever it is.
 */
export function planLayers(model: tfl.LayersModel, group: Group, output: Layer): LayerPlan[] {
  const states = new Map<Layer, State>();
  const stateOf = (layer: Layer): State => {
    let s = states.get(layer);
    if (!s) {
      s = decide(layer, inboundOf(layer).map(stateOf), group);
      // Layers after one without an action name it, once, instead of repeating its reason.
      if (s.kind === 'unknown') s = { ...s, origin: s.origin ?? layer.name };
      states.set(layer, s);
    }
    return s;
  };
  const plans: LayerPlan[] = [];
  model.layers.forEach((layer, position) => {
    const s = stateOf(layer);
    if (layer.getClassName() === 'InputLayer') return;
    const action: Action | null = layer === output ? { kind: 'output' } : s.kind === 'unknown' ? null : s;
    const note = action || s.kind !== 'unknown' ? undefined : s.origin === layer.name ? s.note : `after ${s.origin}: ${s.note}`;
    plans.push({ position, name: layer.name, className: layer.getClassName(), outputShape: singleShape(layer) ?? [], action, ...(note && { note }) });
  });
  return plans;
}

function decide(layer: Layer, inbound: State[], group: Group): State {
  const cls = layer.getClassName();
  const shape = singleShape(layer);
  if (!shape || layer.inboundNodes.length > 1) return unknown(`${cls} with several outputs or calls`);
  if (inbound.length === 0) return onMap(shape, group); // an input
  const after = inbound.find((s) => s.kind === 'unknown');
  if (after) return after;
  if (layer.getConfig().dataFormat === 'channelsFirst') return unknown('channels-first maps');
  const kind = inbound[0]!.kind;
  if (inbound.some((s) => s.kind !== kind)) return unknown(`${cls} merges inputs the group acts on differently`);
  if (inbound.length > 1 && !MERGES.has(cls)) return unknown(`${cls} with several inputs`);
  if (cls === 'Concatenate' && !isLastAxis(layer.getConfig().axis, shape.length)) return unknown('Concatenate along a site axis');
  const keeps = POINTWISE.has(cls) || MERGES.has(cls) || isInferenceIdentity(cls);
  const first = inbound[0]!;
  if (first.kind === 'spatial') {
    if (GLOBAL_POOLS.has(cls)) return { kind: 'trivial' };
    if (cls === 'Flatten' || (cls === 'Reshape' && shape.length === 2)) return { kind: 'flattened', grid: first.grid };
    return keeps || KEEPS_SITES.has(cls) ? onMap(shape, group) : unknown(`no known action of the group on the output of ${cls}`);
  }
  if (first.kind === 'flattened') {
    // ρ̄ permutes a Dense kernel's rows like the flattened map: its output is invariant (THEORY §1).
    if (cls === 'Dense') return { kind: 'trivial' };
    return keeps || cls === 'Flatten' ? first : unknown(`no known action of the group on ${cls} after a Flatten`);
  }
  if (first.kind === 'trivial') {
    return keeps || ['Dense', 'Flatten', 'Reshape'].includes(cls) ? first : unknown(`no known action of the group on ${cls}`);
  }
  return first;
}

/** A map [B, …grid, C] the group can act on (any grid size it accepts), else unknown with why. */
function onMap(shape: (number | null)[], group: Group): State {
  const rank = gridRank(group.layout);
  if (shape.length !== rank + 2) return unknown(`output ${fmt(shape)} is not a ${rank}-d map with channels`);
  const grid = shape.slice(1, -1);
  if (!grid.every((d): d is number => d !== null)) return unknown(`output ${fmt(shape)} has an unknown size`);
  try {
    group.elements.forEach((_, i) => sitePermutation(group, i, grid));
  } catch (e) {
    if (e instanceof EquiLensError) return unknown(e.problem);
    throw e;
  }
  return { kind: 'spatial', grid };
}

function singleShape(layer: Layer): (number | null)[] | null {
  const s = layer.outputShape as unknown;
  return Array.isArray(s) && !s.some(Array.isArray) ? (s as (number | null)[]) : null;
}

function unknown(note: string): State {
  return { kind: 'unknown', note };
}

function fmt(shape: (number | null)[]): string {
  return `[${shape.map((d) => d ?? '?').join(',')}]`;
}
