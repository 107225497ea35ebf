import type { Borders, Size, Window } from '../step';

/** A tensor's shape (null sizes unknown); null when even its rank is unknown. */
export type Shape = Size[] | null;

/** What one op does: its output shape and, for windows and crops/pads, what the rules read. */
export interface OpEffect {
  shape: Shape;
  window?: Window;
  borders?: Borders;
  /** The spatial map the window or borders act on (rank 1: a sequence, stored L×1). */
  map?: { size: [Size, Size]; rank: 1 | 2 };
  outSize?: [Size, Size];
}

/** Indices of the spatial axes of a rank-`rank` tensor: [H, W] of images, [L] of sequences. */
export function spatialAxes(rank: number, channelsFirst: boolean): number[] | null {
  if (rank === 4) return channelsFirst ? [2, 3] : [1, 2];
  if (rank === 3) return channelsFirst ? [2] : [1];
  return null;
}

/** The map [H, W] (or [L, 1]) at `axes` of shape `x`. */
export function mapOf(x: Size[], axes: number[]): { size: [Size, Size]; rank: 1 | 2 } {
  return axes.length === 2 ? { size: [x[axes[0]!] ?? null, x[axes[1]!] ?? null], rank: 2 } : { size: [x[axes[0]!] ?? null, 1], rank: 1 };
}

/** `x` with its sizes unknown, batch kept; null stays null. */
export function unknownSizes(x: Shape): Shape {
  return x && x.map((d, i) => (i === 0 ? d : null));
}
