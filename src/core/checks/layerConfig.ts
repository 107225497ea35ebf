import type { Borders, Sides, Window } from './step';

// Reading windows and borders from Keras layer configs, 1-D and 2-D alike.

const CONVS = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv1D', 'DepthwiseConv1D', 'SeparableConv1D']);
const POOLS = new Set(['MaxPooling2D', 'AveragePooling2D', 'MaxPool2D', 'AvgPool2D', 'MaxPooling1D', 'AveragePooling1D', 'MaxPool1D', 'AvgPool1D']);

/** 1 for the *1D layer classes, 2 for the *2D ones, null for layers of any rank. */
export function layerRank(className: string): 1 | 2 | null {
  return className.endsWith('1D') ? 1 : className.endsWith('2D') ? 2 : null;
}

function pair(v: unknown, fallback: number): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && typeof v[0] === 'number') return [v[0], typeof v[1] === 'number' ? v[1] : v[0]];
  return [fallback, fallback];
}

function single(v: unknown, fallback: number): number {
  if (typeof v === 'number') return v;
  return Array.isArray(v) && typeof v[0] === 'number' ? v[0] : fallback;
}

/** Per-axis values; a 1-D layer's second (phantom) axis is always 1. */
function axes(v: unknown, fallback: number, rank: 1 | 2): [number, number] {
  return rank === 2 ? pair(v, fallback) : [single(v, fallback), 1];
}

/** The sliding window of a convolution or pooling layer; null for other layers. */
export function readWindow(className: string, c: Record<string, unknown>): Window | null {
  const rank = layerRank(className) ?? 2;
  const padding = typeof c.padding === 'string' ? c.padding : 'valid';
  if (CONVS.has(className)) {
    const w: Window = { role: 'conv', kernel: axes(c.kernel_size, 1, rank), strides: axes(c.strides, 1, rank), dilation: axes(c.dilation_rate, 1, rank), padding };
    // Keras 'causal' pads (k − 1)·d steps before the sequence and none after.
    if (padding === 'causal')
      w.pads = [
        [(w.kernel[0] - 1) * w.dilation[0], 0],
        [0, 0],
      ];
    return w;
  }
  if (POOLS.has(className)) {
    const kernel = axes(c.pool_size, 2, rank);
    const strides = c.strides === null || c.strides === undefined ? kernel : axes(c.strides, 1, rank);
    return { role: 'pool', kernel, strides, dilation: [1, 1], padding };
  }
  return null;
}

/** [[top, bottom], [left, right]] from any of the forms Cropping2D/ZeroPadding2D accept. */
export function borders(v: unknown, fallback: number): [Sides, Sides] {
  if (Array.isArray(v) && Array.isArray(v[0]) && Array.isArray(v[1])) {
    return [pair(v[0], fallback), pair(v[1], fallback)];
  }
  const [h, w] = pair(v, fallback);
  return [
    [h, h],
    [w, w],
  ];
}

/** What a Cropping/ZeroPadding layer (1-D or 2-D) removes or adds; null for other layers. */
export function readBorders(className: string, c: Record<string, unknown>): Borders | null {
  if (className === 'Cropping2D') return { what: 'crops', sides: borders(c.cropping, 0) };
  if (className === 'ZeroPadding2D') return { what: 'pads', sides: borders(c.padding, 1) };
  // Keras defaults: Cropping1D (1, 1), ZeroPadding1D 1; an int applies to both ends.
  if (className === 'Cropping1D') return { what: 'crops', sides: [pair(c.cropping, 1), [0, 0]] };
  if (className === 'ZeroPadding1D') return { what: 'pads', sides: [pair(c.padding, 1), [0, 0]] };
  return null;
}

/** UpSampling factors per axis; null for other layers. */
export function readUpsampling(className: string, c: Record<string, unknown>): [number, number] | null {
  if (className === 'UpSampling2D') return pair(c.size, 2);
  if (className === 'UpSampling1D') return [single(c.size, 2), 1];
  return null;
}
