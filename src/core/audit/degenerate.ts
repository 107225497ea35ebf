import { FINDING_INFO, type Finding } from '../checks/findings';
import type { Orbit } from '../stats/types';

/** An output whose RMS deviation from its mean over the probes is below this fraction of its RMS is constant (issue 12). */
export const DEGENERATE_RATIO = 1e-4;

/**
 * How much an orbit's outputs vary with the input: the RMS over every probe and orbit point of
 * f(x) − mean_x f(x) (per output entry), over the RMS of f(x). 0 for a constant, or all-zero, output.
 * Every orbit point is an input the function saw, so all of `moved` counts.
 */
export function outputVariation(o: Orbit): number {
  const { B, m, D } = o.dims;
  const rows = B * m;
  const mean = new Float64Array(D);
  let sq = 0;
  for (let r = 0; r < rows; r++) {
    for (let d = 0; d < D; d++) {
      const v = o.moved[r * D + d]!;
      mean[d]! += v;
      sq += v * v;
    }
  }
  for (let d = 0; d < D; d++) mean[d]! /= rows;
  let dev = 0;
  for (let r = 0; r < rows; r++) for (let d = 0; d < D; d++) dev += (o.moved[r * D + d]! - mean[d]!) ** 2;
  return sq > 0 ? Math.sqrt(dev / sq) : 0;
}

/**
 * The degenerate-output finding for the members (report paths, parallel to `orbits`) whose
 * output does not depend on the input; null when every member's does.
 */
export function degenerateOutputFinding(orbits: readonly Orbit[], paths: readonly string[]): Finding | null {
  const ratios = orbits.map(outputVariation);
  const flat = ratios.flatMap((r, i) => (r < DEGENERATE_RATIO ? [i] : []));
  if (!flat.length) return null;
  const worst = Math.max(...flat.map((i) => ratios[i]!));
  const varies = `varies by ${worst.toExponential(1)} of its RMS over the probes (below ${DEGENERATE_RATIO.toExponential(0)})`;
  const all = flat.length === orbits.length;
  const evidence = all
    ? `${orbits.length === 1 ? "the model's" : `every member's (${orbits.length})`} audited output ${varies}: it does not depend on the input, so its equivariance error is trivially ≈ 0 and the symmetry is not measurable on this output.`
    : `${flat.length} of ${orbits.length} members (${flat
        .slice(0, 3)
        .map((i) => paths[i])
        .join(
          ', ',
        )}${flat.length > 3 ? ', …' : ''}) output${flat.length === 1 ? 's' : ''} a constant: the audited output ${varies}; their own numbers (relError, OSP, DIV) are not meaningful, and they pull the ensemble mean toward a constant.`;
  return {
    kind: 'degenerate-output',
    severity: 'warning',
    title: FINDING_INFO['degenerate-output'].title,
    members: flat.map((i) => paths[i]!),
    evidence,
  };
}

/** Below this variation (but above DEGENERATE_RATIO) relError is read against the variation, in a warning. */
export const LOW_VARIATION = 1e-2;

/**
 * relError divides by the output's whole RMS: an output that barely moves with the input (a
 * saturated sigmoid, a large constant offset) shows a tiny relError even when its symmetry error
 * is as large as everything the input changes. Says so, with relError over the variation.
 */
export function lowVariationWarning(mean: Orbit, relError: number | null): string | null {
  const v = outputVariation(mean);
  if (!(v >= DEGENERATE_RATIO && v < LOW_VARIATION) || relError === null || !Number.isFinite(relError)) return null;
  const share = relError / v;
  return `the output varies little with the input (${(v * 100).toFixed(2)}% of its RMS across the probes): relError ${(relError * 100).toFixed(2)}% is ${(share * 100).toFixed(0)}% of that variation, so read it against the variation, not against 0`;
}
