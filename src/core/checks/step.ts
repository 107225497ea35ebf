export type Size = number | null;

/** [before, after] along one axis. */
export type Sides = [number, number];

/**
 * A sliding window (convolution or pooling). Always two axes: a 1-D window is stored as a
 * k×1 window on an L×1 map (axis 0 is the sequence), so readers written for images keep working.
 */
export interface Window {
  role: 'conv' | 'pool';
  kernel: [number, number];
  strides: [number, number];
  dilation: [number, number];
  /** 'same' | 'valid' as Keras names them; 'explicit' (graph EXPLICIT) and 'causal' carry `pads`. */
  padding: string;
  /** Zero padding per axis when it is given rather than derived ('explicit', 'causal'). */
  pads?: [Sides, Sides];
}

/** What a cropping/padding layer or op removes or adds at each border, per axis. */
export interface Borders {
  what: 'crops' | 'pads';
  sides: [Sides, Sides];
  /** Where the amounts come from when not the layer itself, e.g. "'causal' padding". */
  source?: string;
}

/** One layer of a layers model (or one op of a graph), with the spatial size of the map it reads. */
export interface LayerStep {
  index: number;
  name: string;
  /** Graph models: the node's name (steps of layers models have none). */
  node?: string;
  className: string;
  config: Record<string, unknown>;
  /** 2: images (H×W); 1: sequences, stored as L×1 (see Window). */
  rank: 1 | 2;
  /** [H, W] of the input map; null once the spatial axes are gone (Flatten, global pooling, Dense). */
  inSize: [Size, Size] | null;
  outSize: [Size, Size] | null;
  window: Window | null;
  borders: Borders | null;
}

/** The extent of a window along axis `a`: (k − 1)·d + 1. */
export function effectiveKernel(w: Window, a: 0 | 1): number {
  return (w.kernel[a] - 1) * w.dilation[a] + 1;
}
