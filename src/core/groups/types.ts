import type * as tf from '@tensorflow/tfjs-core';

/** How a batch is laid out: images NHWC, sequences NWC, sets (batch, points, features). */
export type Layout = 'image' | 'sequence' | 'set';

/**
 * A finite group (or a fixed seeded sample of a large one) acting on inputs of one layout.
 * Every element acts by permuting "sites" (pixels, time steps, points) — or, for the continuous
 * rotation groups, by bilinear resampling inside the inscribed disk; channels are untouched.
 * elements[0] is always the identity.
 */
export interface Group {
  /** CLI name: 'flip-h', 'flip-v', 'c2', 'c4', 'd4', 'translate', 'shift', 'reverse', 'permute', 'rot:<n>', 'dih:<n>', 'so2:<m>'. */
  readonly name: string;
  readonly layout: Layout;
  readonly elements: readonly GroupElement[];
  /** Order of the full group (equals elements.length unless sampled). */
  readonly fullOrder: number;
  /** True when `elements` is a seeded sample of a larger group (translations, permutations). */
  readonly sampled: boolean;
  /** Named generators; every element is a word in them (used for class permutations). */
  readonly generators: readonly string[];
  /** Index of elements[i]·elements[j] (apply j first), or null when the sample is not closed. */
  multiply(i: number, j: number): number | null;
  /** Index of the inverse of elements[i], or null when the sample is not closed. */
  inverse(i: number): number | null;
  /**
   * Transforms a batch x (layout as `layout`, batch first, channels last) by elements[i].
   * Works for any site-grid size compatible with the group (so it also moves output maps of a
   * different resolution, for the 'same' representation). Throws EquiLensError when not.
   */
  apply(i: number, x: tf.Tensor): tf.Tensor;
  /**
   * Continuous rotation groups only (rot:<n>, dih:<n>, so2:<m>; groups/continuous): how elements
   * turn and whether the action masks to the inscribed disk. Absent for permutation groups.
   */
  readonly continuous?: ContinuousAction;
  /** Continuous groups only: elements[i]'s motion of a point (X right, Y down, centred pixels) as [a, b, c, d]. */
  motion?(i: number): [number, number, number, number];
}

/** How a continuous rotation group acts (groups/continuous/rotationGroup.ts). */
export interface ContinuousAction {
  readonly family: 'rot' | 'dih' | 'so2';
  /** 'inscribed-disk': x and ρ_in(g)x are both masked to the disk; null when every element is an exact permutation. */
  readonly mask: 'inscribed-disk' | null;
  /** Per element: the counter-clockwise turn in radians, after a left–right mirror when flips[i]. */
  readonly angles: readonly number[];
  readonly flips: readonly boolean[];
}

export interface GroupElement {
  /** Human name, e.g. 'e', 'rot90', 'rot180·flip-h', 'shift(3,0)'. */
  readonly name: string;
  /** The element as a word in `generators` (indices), applied right to left; [] for identity. */
  readonly word: readonly number[];
}

/** How outputs should transform when inputs transform by a group element (THEORY ρ_out). */
export interface Representation {
  /** 'invariant' | 'same' | 'classes' | 'points' */
  readonly kind: 'invariant' | 'same' | 'classes' | 'points';
  /** Human description for reports, e.g. 'classes (flip-h: 1,0,2)'. */
  readonly description: string;
  /** ρ_out(elements[i]) applied to a batch of outputs (batch first). */
  apply(i: number, y: tf.Tensor): tf.Tensor;
  /**
   * ρ_out(elements[i]) on one probe's output, flattened (D values, the model's own axis order):
   * what checks recomputing expected outputs from the kept orbit use (no tensors, no model).
   */
  applyRow(i: number, row: Float32Array): Float32Array;
  /**
   * Points only (THEORY §2): rewrites raw outputs, rows of D values back to back, into the
   * centered frame every metric is computed in, in place; fromMetricFrame undoes it.
   */
  toMetricFrame?(values: Float32Array, D: number): void;
  fromMetricFrame?(values: Float32Array, D: number): void;
  /** Points only: where each point's coordinates sit in a row and how many input pixels a unit is. */
  readonly points?: PointLayout;
}

/** A points rule's layout in one output row of D values (see groups/points). */
export interface PointLayout {
  /** Per (x, y) pair of a row: the value index of its x and y (−1 when the group has none). */
  pairs(D: number): Int32Array;
  /** Input pixels per frame unit along x and along y (unit frame: W and H; others 1). */
  readonly pixelsPerUnit: readonly [number, number];
}
