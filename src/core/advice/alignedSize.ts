import { axisSampling, isSymmetric } from '../checks/geometry';

/** How far from the current size the search for an aligned one goes (in multiples of the stride). */
const REACH = 4;

/**
 * Map sizes near n on which a window of k with stride s and `padding` tiles symmetrically (TF's
 * rule, checks/geometry.ts): the nearest below and above (null when none within reach).
 */
export function alignedSizes(n: number, k: number, s: number, padding: string): { below: number | null; above: number | null } {
  const ok = (x: number) => x >= k && isSymmetric(axisSampling(x, k, s, 1, padding));
  let below: number | null = null;
  let above: number | null = null;
  for (let d = 1; d <= REACH * s && (below === null || above === null); d++) {
    if (below === null && ok(n - d)) below = n - d;
    if (above === null && ok(n + d)) above = n + d;
  }
  return { below, above };
}

/** True when the other TF padding mode tiles this size symmetrically. */
export function otherPaddingAligns(n: number, k: number, s: number, padding: string): string | null {
  const other = padding === 'same' ? 'valid' : 'same';
  return n >= k && isSymmetric(axisSampling(n, k, s, 1, other)) ? other : null;
}

/**
 * PyTorch pads p on both sides, so its grid is symmetric iff no remainder is dropped:
 * (n + 2p − k) divisible by s. The p nearest to (k − 1)/2 that does it, or null.
 */
export function torchPadding(n: number, k: number, s: number): number | null {
  const centre = Math.floor((k - 1) / 2);
  const candidates = [...Array(Math.floor(k / 2) + 1).keys()].sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre));
  return candidates.find((p) => (n + 2 * p - k) % s === 0 && n + 2 * p >= k) ?? null;
}

/** Multiples of s nearest to n (cyclic translations need s to divide the map). */
export function multiplesAround(n: number, s: number): { below: number | null; above: number } {
  const below = Math.floor(n / s) * s;
  return { below: below > 0 ? below : null, above: Math.ceil(n / s) * s };
}
