/** Number of random directions each weight is projected onto. */
export const DIRECTIONS = 8;

/**
 * A few numbers that tell whether two members hold the same weight tensor, without keeping
 * it: O(size) to compute, O(1) to keep.
 */
export interface WeightSignature {
  /** Manifest name in this member (tfjs numbers layer names per session, so names differ between members). */
  name: string;
  shape: number[];
  /** L2 norm. */
  norm: number;
  /**
   * Every entry equal (zeros, ones, one value): such a tensor is left unchanged by any
   * permutation of its positions, so members sharing it share an invariant point.
   */
  constant: boolean;
  /** Projections onto DIRECTIONS fixed ±1/√DIRECTIONS directions (signs seeded by position). */
  proj: number[];
}

/** murmur3's 32-bit finaliser: well-mixed sign bits for position i, the same in every member. */
function mix(i: number): number {
  let h = (i ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One member's weight signatures, under the name the report shows for it. */
export interface MemberSignatures {
  member: string;
  weights: WeightSignature[];
}

/**
 * The signature of a tensor of `count` values read by `at`. E‖P v‖² = ‖v‖² for the projection
 * P, so ‖P a − P b‖ estimates ‖a − b‖ (8 directions: within a factor 2 except with probability
 * ~1e-4, which is plenty to tell 1e-3 from the ~√2 of independent draws).
 */
export function weightSignature(name: string, shape: number[], count: number, at: (i: number) => number): WeightSignature {
  const proj = new Float64Array(DIRECTIONS);
  let sq = 0;
  const first = count > 0 ? at(0) : 0;
  let constant = true;
  for (let i = 0; i < count; i++) {
    const v = at(i);
    sq += v * v;
    if (v !== first) constant = false;
    const bits = mix(i);
    for (let k = 0; k < DIRECTIONS; k++) proj[k]! += (bits >>> k) & 1 ? v : -v;
  }
  const scale = 1 / Math.sqrt(DIRECTIONS);
  return { name, shape, norm: Math.sqrt(sq), constant, proj: Array.from(proj, (p) => p * scale) };
}

/**
 * Relative distance of two signatures: max(|‖a‖ − ‖b‖|, ‖P a − P b‖) / max(‖a‖, ‖b‖), an
 * estimate of ‖a − b‖ / max(‖a‖, ‖b‖) (the first term is a lower bound of it). 0 for equal
 * tensors; NaN weights give NaN, which is never below a tolerance.
 */
export function relativeDistance(a: WeightSignature, b: WeightSignature): number {
  let d2 = 0;
  for (let k = 0; k < DIRECTIONS; k++) d2 += (a.proj[k]! - b.proj[k]!) ** 2;
  const scale = Math.max(a.norm, b.norm);
  if (scale === 0) return 0;
  return Math.max(Math.abs(a.norm - b.norm), Math.sqrt(d2)) / scale;
}
