import { bordersOutput } from '../geometry';
import type { Sides, Size } from '../step';
import type { ConstReader } from './graphConsts';
import { intAttr, type GraphNode } from './graphNodes';
import { mapOf, spatialAxes, unknownSizes, type OpEffect, type Shape } from './effect';

export const PAD_OPS = new Set(['Pad', 'PadV2', 'MirrorPad']);
export const SLICE_OPS = new Set(['Slice', 'StridedSlice']);

/**
 * The effect of padding or cropping `x` by per-axis [before, after] amounts (null: unknown);
 * a step (map + borders) only when every spatial amount is known.
 */
function bordersEffect(x: Size[], amounts: (Sides | null)[], what: 'pads' | 'crops', channelsFirst: boolean): OpEffect {
  const sign = what === 'pads' ? 1 : -1;
  const shape = x.map((n, i) => (n === null || amounts[i] == null ? null : n + sign * (amounts[i][0] + amounts[i][1])));
  const axes = spatialAxes(x.length, channelsFirst);
  const sides = axes?.map((a) => amounts[a] ?? null);
  if (!axes || !sides || sides.some((s) => s === null)) return { shape };
  const map = mapOf(x, axes);
  const borders = { what, sides: (sides.length === 2 ? sides : [sides[0], [0, 0]]) as [Sides, Sides] };
  return { shape, borders, map, outSize: bordersOutput(map.size, borders) };
}

/** Pad/PadV2/MirrorPad: the paddings constant is [rank, 2] of [before, after]. */
export function padEffect(node: GraphNode, x: Shape, consts: ConstReader, channelsFirst: boolean): OpEffect {
  const v = consts.values(node.inputs[1] ?? null);
  if (!x || !v || v.length !== 2 * x.length) return { shape: unknownSizes(x) };
  return bordersEffect(
    x,
    x.map((_, i) => [v[2 * i]!, v[2 * i + 1]!]),
    'pads',
    channelsFirst,
  );
}

/**
 * Slice (begin, size; size −1: to the end) and StridedSlice with unit strides and no
 * ellipsis/new-axis/shrink masks (a begin_mask/end_mask bit takes the whole axis on that side):
 * crops of [begin, n − end] on each axis. Other slices leave the sizes unknown.
 */
export function sliceEffect(node: GraphNode, x: Shape, consts: ConstReader, channelsFirst: boolean): OpEffect {
  const [begin, third, strides] = node.inputs.slice(1).map((i) => consts.values(i));
  const rank = x?.length ?? -1;
  const fits = (v: number[] | null | undefined): v is number[] => !!v && v.length === rank;
  if (!x || !fits(begin) || !fits(third)) return { shape: node.op === 'Slice' ? unknownSizes(x) : null };
  const bit = (key: string, i: number) => ((intAttr(node.attr, key) ?? 0) >> i) & 1;
  // [begin, end) read on axis i of length n.
  let bounds: (n: number, i: number) => Sides;
  if (node.op === 'Slice') {
    bounds = (n, i) => [begin[i]!, third[i] === -1 ? n : begin[i]! + third[i]!];
  } else {
    const plain = ['ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'].every((k) => (intAttr(node.attr, k) ?? 0) === 0);
    if (!plain || !fits(strides) || strides.some((s) => s !== 1)) return { shape: null };
    const at = (v: number, n: number) => Math.min(Math.max(v < 0 ? n + v : v, 0), n);
    bounds = (n, i) => [bit('begin_mask', i) ? 0 : at(begin[i]!, n), bit('end_mask', i) ? n : at(third[i]!, n)];
  }
  const crops = x.map((n, i): Sides | null => {
    if (n === null) return null;
    const [b, e] = bounds(n, i);
    return [b, n - Math.max(e, b)];
  });
  return bordersEffect(x, crops, 'crops', channelsFirst);
}
