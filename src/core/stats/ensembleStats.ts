import { check } from '../errors';
import { Rng } from '../rng';
import { bootstrapFloorCI } from './bootstrapFloor';
import { checkOrbit, checkSameDims } from './checkOrbit';
import { checkClassDims } from './distributions';
import { ensembleCurve } from './ensembleCurve';
import { fitErrorModel, floorOf, membersNeeded } from './errorModel';
import { wholeEnsemble } from './memberSample';
import { orbitGrams } from './orbitGrams';
import { sampleMoments } from './sampleMoments';
import { hasClasses, type EnsembleStats, type FunctionMetrics, type Orbit, type OutputKind } from './types';

export interface EnsembleStatsOptions {
  /** Seeds every resample: the same seed gives the same numbers. */
  seed: number;
  /** Bootstrap resamples for the floor's interval; at least 200 (THEORY §4), default 200. */
  bootstrapDraws?: number;
  /** Resamples per curve point; default 30 like the paper. */
  curveDraws?: number;
  /** The ensemble mean's own metrics (functionMetrics of the mean orbit): the curve's k = N point, so it equals the reported value. */
  ensemble?: FunctionMetrics;
}

// Separate streams, so changing the number of bootstrap draws leaves the curve as it was.
const CURVE_STREAM = 0x5bd1e995;

/** THEORY §4 statistics of an ensemble from its members' orbits (same dims, N ≥ 1). */
export function ensembleStats(members: readonly Orbit[], kind: OutputKind, opts: EnsembleStatsOptions): EnsembleStats {
  const bootstrapDraws = opts.bootstrapDraws ?? 200;
  const curveDraws = opts.curveDraws ?? 30;
  const first = members[0];
  check(first !== undefined, undefined, 'ensemble statistics need at least 1 member, got 0');
  check(Number.isInteger(bootstrapDraws) && bootstrapDraws >= 200, undefined, `bootstrapDraws must be an integer ≥ 200, got ${bootstrapDraws}`);
  check(Number.isInteger(curveDraws) && curveDraws >= 1, undefined, `curveDraws must be a positive integer, got ${curveDraws}`);
  checkOrbit(first);
  const dims = first.dims;
  members.forEach((o, i) => checkSameDims(o, dims, `member ${i + 1}`));
  if (hasClasses(kind)) checkClassDims(kind, dims.D);

  const grams = orbitGrams(members);
  const model = fitErrorModel(sampleMoments(grams, wholeEnsemble(members.length)));
  const floor = floorOf(model);
  const entries = dims.B * (dims.m - 1);
  return {
    floor,
    floorCI: floor === null ? null : bootstrapFloorCI(grams, model.s2, bootstrapDraws, new Rng(opts.seed)),
    floorAbs: entries > 0 ? Math.sqrt(model.bias2 / entries) : 0,
    membersNeeded: { '0.01': membersNeeded(model, 0.01), '0.05': membersNeeded(model, 0.05) },
    model: { bias2: model.bias2, s2: model.s2, Z: model.Z },
    curve: ensembleCurve(members, kind, grams, model, curveDraws, new Rng(opts.seed ^ CURVE_STREAM), opts.ensemble),
    meanNearZero: model.meanNearZero,
  };
}
