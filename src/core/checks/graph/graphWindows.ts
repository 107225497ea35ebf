import { windowOutput } from '../geometry';
import type { Size, Window } from '../step';
import type { ConstReader } from './graphConsts';
import { intList, strAttr, type GraphNode } from './graphNodes';
import { mapOf, type OpEffect, type Shape } from './effect';

export const CONV_OPS = new Set(['Conv2D', '_FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2d']);
const DEPTHWISE = new Set(['DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2d']);
export const POOL_OPS = new Set(['MaxPool', 'AvgPool']);

/**
 * The window of a 2-D convolution or pooling op: kernel from the filter's shape ([kh, kw, in,
 * out]) or ksize, strides and dilations at the spatial positions of data_format, padding
 * SAME/VALID/EXPLICIT (explicit_paddings: [before, after] for every axis, in layout order).
 */
function readWindow(node: GraphNode, role: Window['role'], kernel: [number, number], axes: number[]): Window | null {
  const [h, w] = axes as [number, number];
  const strides = intList(node.attr, 'strides') ?? [1, 1, 1, 1];
  const dilations = intList(node.attr, 'dilations') ?? [1, 1, 1, 1];
  const padding = (strAttr(node.attr, 'padding') ?? 'VALID').toLowerCase();
  const window: Window = { role, kernel, strides: [strides[h] ?? 1, strides[w] ?? 1], dilation: [dilations[h] ?? 1, dilations[w] ?? 1], padding };
  if (padding === 'explicit') {
    const p = intList(node.attr, 'explicit_paddings');
    if (!p || p.length < 8) return null;
    window.pads = [
      [p[2 * h]!, p[2 * h + 1]!],
      [p[2 * w]!, p[2 * w + 1]!],
    ];
  }
  return window;
}

/** A Conv2D/Depthwise/pool op's window on its input map and the shape it outputs. */
export function windowEffect(node: GraphNode, input: Shape, consts: ConstReader): OpEffect {
  const channelsFirst = strAttr(node.attr, 'data_format') === 'NCHW';
  const axes = channelsFirst ? [2, 3] : [1, 2];
  const c = channelsFirst ? 1 : 3;
  const x: Size[] = input && input.length === 4 ? input : [null, null, null, null];
  let kernel: [number, number] | null = null;
  let channels: Size = x[c] ?? null;
  if (CONV_OPS.has(node.op)) {
    const f = consts.shape(node.inputs[1] ?? null);
    if (f && f.length === 4) {
      kernel = [f[0]!, f[1]!];
      channels = DEPTHWISE.has(node.op) ? f[2]! * f[3]! : f[3]!;
    }
  } else {
    const k = intList(node.attr, 'ksize');
    if (k && k.length === 4) kernel = [k[axes[0]!]!, k[axes[1]!]!];
  }
  const window = kernel && readWindow(node, CONV_OPS.has(node.op) ? 'conv' : 'pool', kernel, axes);
  if (!window) return { shape: [x[0] ?? null, null, null, null] };
  const map = mapOf(x, axes);
  const out = windowOutput(map.size, window);
  const shape = channelsFirst ? [x[0]!, channels, out[0], out[1]] : [x[0]!, out[0], out[1], channels];
  return { shape, window, map, outSize: out };
}
