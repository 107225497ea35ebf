import type { SampleMoments } from './sampleMoments';

/**
 * THEORY §4 fitted model: expected relError at size k = sqrt((bias2 + s2/k) / Z), with
 * bias2 = max(0, ‖d̄‖² − s²/N) the unbiased estimate of ‖μ‖² (clamped, since ‖μ‖² ≥ 0).
 */
export interface ErrorModel {
  N: number;
  bias2: number;
  s2: number;
  Z: number;
  /** Z ≈ 0: relative numbers (floor, model curve, membersNeeded) are not meaningful. */
  meanNearZero: boolean;
}

/** How many times the noise level Z may reach before the mean counts as resolved. */
export const NEAR_ZERO_NOISE_FACTOR = 3;
/** Z below this fraction of one member's squared output norm is zero whatever the noise. */
export const NEAR_ZERO_RELATIVE = 1e-12;

/**
 * Z ≈ 0, relative to the members' own scale: averaging N members that have zero mean gives
 * E[Z] = s_e²/N (s_e² the across-member variance of `expected`), so the ensemble mean is "near
 * zero" when Z is not clearly above that: Z ≤ 3·s_e²/N, i.e. the unbiased estimate of ‖E f‖²,
 * Z − s_e²/N, is at most twice the noise left in Z. Also when Z ≤ 1e-12 × a member's own
 * Σ‖expected‖² (all outputs ≈ 0, or identical members whose outputs are 0).
 */
export function isMeanNearZero(m: SampleMoments): boolean {
  if (!(m.Z > NEAR_ZERO_RELATIVE * m.memberZ) || !(m.Z > 0)) return true;
  return m.k >= 2 && m.Z <= (NEAR_ZERO_NOISE_FACTOR * m.zS2) / m.k;
}

/** Fits the model to the whole ensemble's moments (N = m.k). N = 1: s2 = 0 and bias2 = ‖d‖². */
export function fitErrorModel(m: SampleMoments): ErrorModel {
  return {
    N: m.k,
    bias2: Math.max(0, m.devSq - m.s2 / m.k),
    s2: m.s2,
    Z: m.Z,
    meanNearZero: isMeanNearZero(m),
  };
}

/** True when the relative numbers can be formed: N ≥ 2 and Z not ≈ 0. */
export function isRelative(model: ErrorModel): boolean {
  return model.N >= 2 && !model.meanNearZero;
}

/** Estimated relError of the infinite ensemble, sqrt(bias2/Z); null when not relative. */
export function floorOf(model: ErrorModel): number | null {
  return isRelative(model) ? Math.sqrt(model.bias2 / model.Z) : null;
}

/** Expected relError of a k-member ensemble; null when not relative. */
export function modelRelError(model: ErrorModel, k: number): number | null {
  return isRelative(model) ? Math.sqrt((model.bias2 + model.s2 / k) / model.Z) : null;
}

/**
 * Smallest k ≥ 1 with modelRelError(k) ≤ eps (may exceed N); null when the floor is ≥ eps
 * (no k reaches it) or the model is not relative.
 */
export function membersNeeded(model: ErrorModel, eps: number): number | null {
  if (!isRelative(model)) return null;
  const room = eps * eps * model.Z - model.bias2;
  if (!(room > 0)) return null;
  let k = Math.max(1, Math.ceil(model.s2 / room));
  if (!Number.isFinite(k)) return null;
  // ceil of a rounded quotient can be one off; settle it on the inequality itself.
  const ok = (n: number) => model.bias2 + model.s2 / n <= eps * eps * model.Z;
  while (k > 1 && ok(k - 1)) k--;
  while (!ok(k)) k++;
  return k;
}
