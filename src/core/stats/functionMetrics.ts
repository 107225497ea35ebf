import { checkOrbit } from './checkOrbit';
import { orbitDivergence, orbitSamePrediction } from './classMetrics';
import { deviationSums } from './deviationSums';
import { checkClassDims } from './distributions';
import { hasClasses, type FunctionMetrics, type Orbit, type OutputKind } from './types';

/**
 * THEORY §3 metrics of one function (a member or an ensemble mean) from its orbit.
 * relError is null when Σ‖ρ_out(g) f(x_b)‖² = 0; absError is 0 when m = 1 (nothing to compare);
 * OSP, agreement and DIV are null for regression and embedding, agreement also when m = 1.
 */
export function functionMetrics(o: Orbit, kind: OutputKind): FunctionMetrics {
  checkOrbit(o);
  const { dev, norm, count } = deviationSums(o);
  const relError = norm > 0 ? Math.sqrt(dev / norm) : null;
  const absError = count > 0 ? Math.sqrt(dev / count) : 0;
  if (!hasClasses(kind)) return { relError, absError, osp: null, agreement: null, div: null };
  checkClassDims(kind, o.dims.D);
  const { m } = o.dims;
  const osp = orbitSamePrediction(o, kind);
  const agreement = m > 1 ? (osp - 1) / (m - 1) : null;
  return { relError, absError, osp, agreement, div: orbitDivergence(o, kind) };
}
