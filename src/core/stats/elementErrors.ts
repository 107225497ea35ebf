import { checkOrbit } from './checkOrbit';
import type { Orbit } from './types';

/**
 * relError of each group element alone, index g as in the orbit (g = 0, the identity, is 0 by
 * construction): sqrt(Σ_b ‖δ_f(x_b, g)‖² / Σ_b ‖ρ_out(g) f(x_b)‖²), null when the latter is 0.
 * Tells which rotations or flips hurt most.
 */
export function relErrorPerElement(o: Orbit): (number | null)[] {
  checkOrbit(o);
  const { B, m, D } = o.dims;
  const out: (number | null)[] = [];
  for (let g = 0; g < m; g++) {
    let dev = 0;
    let norm = 0;
    for (let b = 0; b < B; b++) {
      const start = (b * m + g) * D;
      for (let i = start; i < start + D; i++) {
        const e = o.expected[i]!;
        const d = o.moved[i]! - e;
        dev += d * d;
        norm += e * e;
      }
    }
    out.push(norm > 0 ? Math.sqrt(dev / norm) : null);
  }
  return out;
}

/** Median of the non-null values (mean of the middle two for an even count); null when none. */
export function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}
