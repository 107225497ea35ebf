import type { Orbit } from './types';

/**
 * Over b and non-identity g: Σ‖moved − expected‖² (dev) and Σ‖expected‖² (norm), in float64.
 * `count` is the number of entries summed, B·(m−1)·D.
 */
export function deviationSums(o: Orbit): { dev: number; norm: number; count: number } {
  const { B, m, D } = o.dims;
  const { moved, expected } = o;
  let dev = 0;
  let norm = 0;
  for (let b = 0; b < B; b++) {
    // Row g = 0 is the identity: skip its D entries.
    const end = (b + 1) * m * D;
    for (let i = b * m * D + D; i < end; i++) {
      const e = expected[i]!;
      const d = moved[i]! - e;
      dev += d * d;
      norm += e * e;
    }
  }
  return { dev, norm, count: B * (m - 1) * D };
}
