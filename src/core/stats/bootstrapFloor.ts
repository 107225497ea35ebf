import type { Rng } from '../rng';
import { drawSample } from './memberSample';
import type { OrbitGrams } from './orbitGrams';
import { sampleMoments } from './sampleMoments';

/**
 * Percentile 95 % bootstrap interval of the floor (THEORY §4): resample N members with
 * replacement and recompute the floor from that sample's own d̄, s² and Z, with one correction.
 * The estimate ‖d̄‖² − s²/N is a U-statistic (mean of ⟨d_i, d_j⟩ over i ≠ j); in a resample a
 * member drawn twice pairs with itself, so the replicates average ‖d̄‖², not the estimate: they
 * sit s²/N too high and the interval never reaches 0 when μ = 0 (2 % coverage in simulation,
 * 60 entries, N = 20). Each replicate's bias2 is therefore shifted by −s²/N of the full ensemble
 * (`s2`), which restores ≈ 95 % coverage. A resample whose Z is 0 is left out; null when all are.
 */
export function bootstrapFloorCI(g: OrbitGrams, s2: number, draws: number, rng: Rng): [number, number] | null {
  const N = g.N;
  const floors: number[] = [];
  for (let t = 0; t < draws; t++) {
    const mom = sampleMoments(g, drawSample(rng, N, N));
    if (!(mom.Z > 0)) continue;
    floors.push(Math.sqrt(Math.max(0, mom.devSq - mom.s2 / N - s2 / N) / mom.Z));
  }
  if (floors.length === 0) return null;
  floors.sort((a, b) => a - b);
  return [quantile(floors, 0.025), quantile(floors, 0.975)];
}

/** Quantile of sorted values, linear between order statistics (R type 7, NumPy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  // No values, no quantile (as before the index checks: NaN, which callers report as unknown).
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
