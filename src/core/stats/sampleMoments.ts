import type { MemberSample } from './memberSample';
import type { OrbitGrams } from './orbitGrams';

/** THEORY §4 quantities of one member sample (a multiset of k members). */
export interface SampleMoments {
  k: number;
  /** ‖d̄‖²: squared norm of the sample mean's deviation. */
  devSq: number;
  /** s² = (1/(k−1)) Σ ‖d_i − d̄‖² over the k draws; 0 when k = 1 (no spread to measure). */
  s2: number;
  /** Z = Σ_b Σ_{g≠e} ‖ρ_out(g) f̄(x_b)‖² of the sample mean. */
  Z: number;
  /** The same spread for `expected` vectors: how much of Z is member-to-member noise. */
  zS2: number;
  /** Mean of the members' own Σ‖expected‖²: the scale of a single member's outputs. */
  memberZ: number;
}

/**
 * Moments from the Gram matrices in O(n²) for n distinct members, never touching outputs:
 * ‖(1/k)Σ c_i v_i‖² = cᵀGc/k² and Σ c_i‖v_i − v̄‖² = Σ c_i G_ii − k‖v̄‖².
 */
export function sampleMoments(g: OrbitGrams, s: MemberSample): SampleMoments {
  const { idx, cnt, k } = s;
  const N = g.N;
  let devQuad = 0;
  let expQuad = 0;
  let devTrace = 0;
  let expTrace = 0;
  for (let a = 0; a < idx.length; a++) {
    const row = idx[a]! * N;
    const devDiag = g.dev[row + idx[a]!]!;
    const expDiag = g.exp[row + idx[a]!]!;
    // Symmetric: the pairs b < a count twice, the diagonal once.
    let devRow = 0;
    let expRow = 0;
    for (let b = 0; b < a; b++) {
      devRow += cnt[b]! * g.dev[row + idx[b]!]!;
      expRow += cnt[b]! * g.exp[row + idx[b]!]!;
    }
    devQuad += cnt[a]! * (2 * devRow + cnt[a]! * devDiag);
    expQuad += cnt[a]! * (2 * expRow + cnt[a]! * expDiag);
    devTrace += cnt[a]! * devDiag;
    expTrace += cnt[a]! * expDiag;
  }
  // Rounding can leave tiny negatives in quadratic forms of a PSD matrix; they mean 0.
  const devSq = Math.max(0, devQuad / (k * k));
  const Z = Math.max(0, expQuad / (k * k));
  const spread = (trace: number, meanSq: number) => (k > 1 ? Math.max(0, (trace - k * meanSq) / (k - 1)) : 0);
  return { k, devSq, s2: spread(devTrace, devSq), Z, zS2: spread(expTrace, Z), memberZ: expTrace / k };
}
