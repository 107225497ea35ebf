import { relativeDistance, type WeightSignature } from './signature';

/**
 * Relative distance under which two members' tensors count as "identical or nearly so". Far above
 * float32 round-off (~1e-7) and float16 storage (~5e-4 relative), so copies of one checkpoint
 * saved differently still match; far below independent draws (~√2) and below what training
 * usually moves a layer, so only frozen or barely moved weights match.
 */
export const TOLERANCE = 1e-3;

/** Members (indices) holding the same tensor, and the largest relative distance between two of them that matched. */
export interface Cluster {
  members: number[];
  maxDistance: number;
}

/**
 * Groups of two or more members whose signatures for one weight lie within `tol` of each
 * other (linked transitively). `sigs[i]` is member i's (undefined: missing or another shape);
 * constant and all-zero tensors are left out, being invariant whoever holds them. Sorting by
 * norm bounds the pairs compared: |‖a‖ − ‖b‖| alone exceeds tol for most pairs of independent members.
 */
export function sameWeights(sigs: readonly (WeightSignature | undefined)[], tol = TOLERANCE): Cluster[] {
  const live = sigs.flatMap((s, i) => (s && !s.constant && s.norm > 0 && Number.isFinite(s.norm) ? [{ s, i }] : []));
  live.sort((a, b) => a.s.norm - b.s.norm);
  const parent = sigs.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const edges: [number, number, number][] = [];
  for (let a = 0; a < live.length; a++) {
    for (let b = a + 1; b < live.length && live[b]!.s.norm - live[a]!.s.norm <= tol * live[b]!.s.norm; b++) {
      const d = relativeDistance(live[a]!.s, live[b]!.s);
      if (!(d <= tol)) continue;
      edges.push([live[a]!.i, live[b]!.i, d]);
      parent[root(live[a]!.i)] = root(live[b]!.i);
    }
  }
  const clusters = new Map<number, Cluster>();
  for (const [i, j, d] of edges) {
    const c = clusters.get(root(i)) ?? { members: [], maxDistance: 0 };
    c.members.push(i, j);
    c.maxDistance = Math.max(c.maxDistance, d);
    clusters.set(root(i), c);
  }
  return [...clusters.values()].map((c) => ({ members: [...new Set(c.members)].sort((x, y) => x - y), maxDistance: c.maxDistance })).sort((x, y) => x.members[0]! - y.members[0]!);
}
