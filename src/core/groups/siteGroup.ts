import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { inversePerm, isIdentityPerm, permKey, productPerm, samePerm } from './perm';
import type { Group, GroupElement, Layout } from './types';

/** A group element that can permute the sites of any grid it is able to act on. */
export interface SiteElement extends GroupElement {
  /** p[site] = source site on `grid`; throws EquiLensError when the element cannot act on it. */
  sites(grid: readonly number[]): Int32Array;
}

/** Everything a concrete group family (dihedral, cyclic, permutations) supplies. */
export interface SiteGroupSpec {
  readonly name: string;
  readonly layout: Layout;
  readonly generators: readonly string[];
  readonly elements: readonly SiteElement[];
  readonly fullOrder: number;
  readonly sampled: boolean;
  /** A grid on which the action is faithful; multiply/inverse are read off permutations there. */
  readonly tableGrid: readonly number[];
}

const GRID_RANK: Record<Layout, number> = { image: 2, sequence: 1, set: 1 };
const LAYOUT_SHAPE: Record<Layout, string> = { image: '[B,H,W,C]', sequence: '[B,W,C]', set: '[B,P,F]' };

/** Number of site axes (after the batch axis) for a layout. */
export function gridRank(layout: Layout): number {
  return GRID_RANK[layout];
}

/** Formats a grid like 28×28 for messages. */
export function gridText(grid: readonly number[]): string {
  return grid.join('×');
}

/** Formats a shape like [?,7,7,3] for messages; unknown dimensions show as '?'. */
export function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => d ?? '?').join(',')}]`;
}

/** A Group whose elements act by gathering sites; permutations are cached per grid size. */
export class SiteGroup implements Group {
  readonly name: string;
  readonly layout: Layout;
  readonly elements: readonly SiteElement[];
  readonly fullOrder: number;
  readonly sampled: boolean;
  readonly generators: readonly string[];
  private readonly tableGrid: readonly number[];
  private readonly cache = new Map<string, (Int32Array | undefined)[]>();
  private readonly products = new Map<number, number | null>();
  private lookup: Map<string, number[]> | undefined;

  constructor(spec: SiteGroupSpec) {
    this.name = spec.name;
    this.layout = spec.layout;
    this.elements = spec.elements;
    this.fullOrder = spec.fullOrder;
    this.sampled = spec.sampled;
    this.generators = spec.generators;
    this.tableGrid = spec.tableGrid;
  }

  /** Cached p[site] = source site of elements[i] on `grid`. */
  sites(i: number, grid: readonly number[]): Int32Array {
    const el = this.elements[i];
    if (!el) throw new RangeError(`group '${this.name}' has no element ${i}`);
    const rank = GRID_RANK[this.layout];
    if (grid.length !== rank || !grid.every((d) => Number.isInteger(d) && d > 0)) {
      const problem = `group '${this.name}' needs a ${rank}-d site grid, got ${shapeText(grid)}`;
      throw new EquiLensError(undefined, problem);
    }
    const key = grid.join(',');
    let perms = this.cache.get(key);
    if (!perms) this.cache.set(key, (perms = []));
    return (perms[i] ??= el.sites(grid));
  }

  multiply(i: number, j: number): number | null {
    const key = i * this.elements.length + j;
    if (!this.products.has(key)) {
      const p = productPerm(this.sites(i, this.tableGrid), this.sites(j, this.tableGrid));
      this.products.set(key, this.find(p));
    }
    return this.products.get(key)!;
  }

  inverse(i: number): number | null {
    return this.find(inversePerm(this.sites(i, this.tableGrid)));
  }

  apply(i: number, x: tf.Tensor): tf.Tensor {
    const rank = GRID_RANK[this.layout];
    if (x.rank < rank + 1) {
      throw new EquiLensError(undefined, `group '${this.name}' acts on ${LAYOUT_SHAPE[this.layout]} batches, got shape ${shapeText(x.shape)}`);
    }
    const grid = x.shape.slice(1, 1 + rank);
    const perm = this.sites(i, grid);
    // Identity: skip the gather but still hand back a tensor the caller owns.
    if (isIdentityPerm(perm)) return tf.clone(x);
    return tf.tidy(() => {
      const channels = x.shape.slice(1 + rank).reduce((a, b) => a * b, 1);
      const flat = tf.reshape(x, [x.shape[0], perm.length, channels]);
      return tf.reshape(tf.gather(flat, tf.tensor1d(perm, 'int32'), 1), x.shape);
    });
  }

  /** Index of the element whose table-grid permutation is p, or null when it is not sampled. */
  private find(p: Int32Array): number | null {
    if (!this.lookup) {
      this.lookup = new Map();
      this.elements.forEach((_, k) => {
        const key = permKey(this.sites(k, this.tableGrid));
        this.lookup!.set(key, [...(this.lookup!.get(key) ?? []), k]);
      });
    }
    const hits = this.lookup.get(permKey(p)) ?? [];
    return hits.find((k) => samePerm(this.sites(k, this.tableGrid), p)) ?? null;
  }
}

/**
 * Site permutation of group.elements[i] on `grid` ([H,W] images, [W] sequences, [P] sets):
 * out[site] = source site, sites numbered row-major. Throws EquiLensError when it cannot act.
 */
export function sitePermutation(group: Group, i: number, grid: number[]): Int32Array {
  if (!(group instanceof SiteGroup)) {
    throw new EquiLensError(undefined, `group '${group.name}' was not made by makeGroup`);
  }
  return group.sites(i, grid).slice();
}
