import type { Rng } from '../rng';
import { type ErrorModel, modelRelError } from './errorModel';
import { functionMetrics } from './functionMetrics';
import { drawSample, wholeEnsemble, type MemberSample } from './memberSample';
import type { OrbitGrams } from './orbitGrams';
import { OrbitSum } from './orbitSum';
import { sampleMoments } from './sampleMoments';
import { hasClasses, type CurvePoint, type FunctionMetrics, type Orbit, type OutputKind } from './types';

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
 * At k = N the point is the ensemble itself, not the mean of its resamples, so the curve ends at
 * the value the report states (`ensemble`, the mean's own metrics, when the caller has them); its
 * sd stays the resamples' spread, the noise another N-member ensemble would show (ci/metrics.ts).
 */
export function ensembleCurve(members: readonly Orbit[], kind: OutputKind, g: OrbitGrams, model: ErrorModel, draws: number, rng: Rng, ensemble?: FunctionMetrics): CurvePoint[] {
  const classify = hasClasses(kind);
  // ensembleStats checked there is at least one member, all of these dims.
  const sum = classify ? new OrbitSum(members[0]!.dims) : null;
  // OSP and DIV of one multiset of members: the same multiset, summed in the same order, gives the
  // same numbers, so each is computed once (small ensembles draw few distinct multisets: N = 2 has
  // 2 at k = 1 and 3 at k = 2, against 30 draws each). A single distinct member's mean is that
  // member's orbit exactly (c·x/c in float64 is x), so it is read without summing.
  const seen = new Map<string, { osp: number; div: number }>();
  const classMetrics = (sample: MemberSample) => {
    const key = `${sample.idx.join(',')}|${sample.cnt.join(',')}`;
    let hit = seen.get(key);
    if (!hit) {
      // Samples hold member indices, drawn below N = members.length.
      let orbit = members[sample.idx[0]!]!;
      if (sample.idx.length > 1) {
        sum!.reset();
        for (let a = 0; a < sample.idx.length; a++) sum!.add(members[sample.idx[a]!]!, sample.cnt[a]);
        orbit = sum!.mean();
      }
      const fm = functionMetrics(orbit, kind);
      seen.set(key, (hit = { osp: fm.osp ?? 0, div: fm.div ?? 0 }));
    }
    return hit;
  };
  return curveSizes(g.N).map((k) => {
    const whole = k === g.N;
    const errors: number[] = [];
    let osp = 0;
    let div = 0;
    for (let t = 0; t < draws; t++) {
      const sample = drawSample(rng, g.N, k);
      const mom = sampleMoments(g, sample);
      if (mom.Z > 0) errors.push(Math.sqrt(mom.devSq / mom.Z));
      if (sum && !whole) {
        const fm = classMetrics(sample);
        osp += fm.osp;
        div += fm.div;
      }
    }
    const { mean, sd } = meanAndSd(errors);
    if (whole) return { ...wholePoint(members, kind, g, model, ensemble), relErrorSd: sd };
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

/** The k = N point: every member once, the ensemble the report describes (its sd is set by the caller). */
function wholePoint(members: readonly Orbit[], kind: OutputKind, g: OrbitGrams, model: ErrorModel, ensemble: FunctionMetrics | undefined): CurvePoint {
  const classify = hasClasses(kind);
  let own = ensemble;
  if (!own) {
    const mom = sampleMoments(g, wholeEnsemble(g.N));
    let osp: number | null = null;
    let div: number | null = null;
    if (classify) {
      const sum = new OrbitSum(members[0]!.dims);
      for (const m of members) sum.add(m, 1);
      ({ osp, div } = functionMetrics(sum.mean(), kind));
    }
    own = { relError: mom.Z > 0 ? Math.sqrt(mom.devSq / mom.Z) : null, absError: 0, osp, agreement: null, div };
  }
  return {
    k: g.N,
    relError: own.relError ?? NaN,
    relErrorSd: NaN,
    osp: classify ? own.osp : null,
    div: classify ? own.div : null,
    modelRelError: modelRelError(model, g.N),
  };
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
