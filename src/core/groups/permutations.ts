import { EquiLensError } from '../errors';
import { Rng } from '../rng';
import { identityPerm, isIdentityPerm, permKey } from './perm';
import type { SiteElement, SiteGroupSpec } from './siteGroup';

/*
 * 'permute' on sets (batch, points, features): the symmetric group S_P of the P points.
 * It is enumerated when P! ≤ maxElements, otherwise a seeded sample of maxElements distinct
 * permutations, identity first. S_P has no short words for a sample, so every non-identity
 * element is its own generator (its word is [k−1]); a 'classes:' spec can then name each one.
 * A point permutation only means something for P points, so other grids are refused.
 */

const DEFAULT_MAX = 8;
/** Element names list the source points only while that stays readable. */
const NAMED_POINTS = 10;

/** Spec of 'permute' for P points; fullOrder is P! (Infinity beyond float range). */
export function permuteSpec(points: number, opts: { seed: number; maxElements?: number }): SiteGroupSpec {
  const max = opts.maxElements ?? DEFAULT_MAX;
  const order = factorial(points);
  const perms = order <= max ? allPerms(points) : samplePerms(points, max, opts.seed);
  const names = perms.map((p, k) => (k === 0 ? 'e' : points <= NAMED_POINTS ? `perm(${p.join(',')})` : `perm#${k}`));
  const elements = perms.map((p, k): SiteElement => ({
    name: names[k]!,
    word: k === 0 ? [] : [k - 1],
    sites: ([n]) => {
      if (n !== points) throw new EquiLensError(undefined, `group 'permute' acts on ${points} points, got ${n}`);
      return p;
    },
  }));
  return {
    name: 'permute',
    layout: 'set',
    generators: names.slice(1),
    elements,
    fullOrder: order,
    sampled: order > max,
    tableGrid: [points],
  };
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/** All permutations of 0…n−1 in lexicographic order (identity first). */
function allPerms(n: number): Int32Array[] {
  const out: Int32Array[] = [];
  const rec = (prefix: number[], rest: number[]): void => {
    if (!rest.length) out.push(Int32Array.from(prefix));
    rest.forEach((v, i) => rec([...prefix, v], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  rec([], [...Array(n).keys()]);
  return out;
}

/** Identity plus max−1 distinct random non-identity permutations (needs n! > max). */
function samplePerms(n: number, max: number, seed: number): Int32Array[] {
  const rng = new Rng(seed);
  const out = [identityPerm(n)];
  const seen = new Set(out.map(permKey));
  while (out.length < max) {
    const p = rng.permutation(n);
    // A hash collision only costs a redraw, never a duplicate.
    if (isIdentityPerm(p) || seen.has(permKey(p))) continue;
    seen.add(permKey(p));
    out.push(p);
  }
  return out;
}
