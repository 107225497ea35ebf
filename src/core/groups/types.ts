import type * as tf from '@tensorflow/tfjs-core';

/** How a batch is laid out: images NHWC, sequences NWC, sets (batch, points, features). */
export type Layout = 'image' | 'sequence' | 'set';

/**
 * A finite group (or a fixed seeded sample of a large one) acting on inputs of one layout.
 * Every element acts by permuting "sites" (pixels, time steps, points); channels are untouched.
 * elements[0] is always the identity.
 */
export interface Group {
  /** CLI name: 'flip-h', 'flip-v', 'c2', 'c4', 'd4', 'translate', 'shift', 'reverse', 'permute'. */
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
}

export interface GroupElement {
  /** Human name, e.g. 'e', 'rot90', 'rot180·flip-h', 'shift(3,0)'. */
  readonly name: string;
  /** The element as a word in `generators` (indices), applied right to left; [] for identity. */
  readonly word: readonly number[];
}

/** How outputs should transform when inputs transform by a group element (THEORY ρ_out). */
export interface Representation {
  /** 'invariant' | 'same' | 'classes' */
  readonly kind: 'invariant' | 'same' | 'classes';
  /** Human description for reports, e.g. 'classes (flip-h: 1,0,2)'. */
  readonly description: string;
  /** ρ_out(elements[i]) applied to a batch of outputs (batch first). */
  apply(i: number, y: tf.Tensor): tf.Tensor;
}
