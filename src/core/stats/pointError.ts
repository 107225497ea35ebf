import type { PointLayout } from '../groups/types';
import type { Orbit } from './types';

/**
 * pointErrorPx (THEORY §2, issue 12): the mean over probes, non-identity elements and points of
 * the Euclidean (x, y) distance between f(ρ_in(g)x) and ρ_out(g)f(x), in input pixels (a unit
 * frame's coordinates are scaled by W and H). A group with only x (or y) gives |Δx| (or |Δy|).
 * null when there is nothing to average (m = 1 or no points).
 */
export function pointErrorPx(o: Orbit, layout: PointLayout): number | null {
  const { B, m, D } = o.dims;
  const pairs = layout.pairs(D);
  const [sx, sy] = layout.pixelsPerUnit;
  let sum = 0;
  let count = 0;
  for (let b = 0; b < B; b++) {
    for (let g = 1; g < m; g++) {
      const row = (b * m + g) * D;
      for (let p = 0; p < pairs.length; p += 2) {
        const xi = pairs[p]!;
        const yi = pairs[p + 1]!;
        const dx = xi < 0 ? 0 : (o.moved[row + xi]! - o.expected[row + xi]!) * sx;
        const dy = yi < 0 ? 0 : (o.moved[row + yi]! - o.expected[row + yi]!) * sy;
        sum += Math.hypot(dx, dy);
        count++;
      }
    }
  }
  return count ? sum / count : null;
}
