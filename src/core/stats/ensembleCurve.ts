import type { Rng } from '../rng';
import { type ErrorModel, modelRelError } from './errorModel';
import { functionMetrics } from './functionMetrics';
import { drawSample } from './memberSample';
import type { OrbitGrams } from './orbitGrams';
import { OrbitSum } from './orbitSum';
import { sampleMoments } from './sampleMoments';
import { hasClasses, type CurvePoint, type Orbit, type OutputKind } from './types';

/** Ensemble sizes on the curve: 1, 2, 4, 8, … below N, then N itself. */
export function curveSizes(N: number): number[] {
  const sizes: number[] = [];
  for (let k = 1; k < N; k *= 2) sizes.push(k);
  sizes.push(N);
  return sizes;
}

/**
 * The paper's main figure from the user's ensemble (THEORY §4): for each size k, `draws`
 * resamples of k members with replacement; relError from the Gram matrices (mean ± sample sd),
 * OSP and DIV of the resample's averaged outputs (classification only), next to the model.
 * A resample whose mean has Z = 0 has no relError and is left out of its mean (NaN if all are).
 */
export function ensembleCurve(
  members: readonly Orbit[],
  kind: OutputKind,
  g: OrbitGrams,
  model: ErrorModel,
  draws: number,
  rng: Rng,
): CurvePoint[] {
  const classify = hasClasses(kind);
  const sum = classify ? new OrbitSum(members[0].dims) : null;
  return curveSizes(g.N).map((k) => {
    const errors: number[] = [];
    let osp = 0;
    let div = 0;
    for (let t = 0; t < draws; t++) {
      const sample = drawSample(rng, g.N, k);
      const mom = sampleMoments(g, sample);
      if (mom.Z > 0) errors.push(Math.sqrt(mom.devSq / mom.Z));
      if (sum) {
        sum.reset();
        for (let a = 0; a < sample.idx.length; a++) sum.add(members[sample.idx[a]], sample.cnt[a]);
        const fm = functionMetrics(sum.mean(), kind);
        osp += fm.osp ?? 0;
        div += fm.div ?? 0;
      }
    }
    const { mean, sd } = meanAndSd(errors);
    return {
      k,
      relError: mean,
      relErrorSd: sd,
      osp: classify ? osp / draws : null,
      div: classify ? div / draws : null,
      modelRelError: modelRelError(model, k),
    };
  });
}

/** Mean and sample standard deviation (n − 1; 0 for a single value, NaN for none). */
function meanAndSd(xs: readonly number[]): { mean: number; sd: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const ss = xs.reduce((a, x) => a + (x - mean) * (x - mean), 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}
