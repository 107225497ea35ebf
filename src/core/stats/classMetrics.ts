import { classCount, classOf, type ClassKind, symmetricKl, toDistribution } from './distributions';
import type { Orbit } from './types';

/**
 * OSP (THEORY §3): mean over probes of how many orbit points, identity included, keep the class.
 * `expected[b,g]` is already ρ_out(g) f(x_b), so its class is π_g(class f(x_b)).
 */
export function orbitSamePrediction(o: Orbit, kind: ClassKind): number {
  const { B, m, D } = o.dims;
  let same = 0;
  for (let row = 0; row < B * m; row++) {
    if (classOf(o.moved, row * D, D, kind) === classOf(o.expected, row * D, D, kind)) same++;
  }
  return same / B;
}

/** DIV (THEORY §3): symmetrised KL between expected[b,g] and moved[b,g], mean over b and all g. */
export function orbitDivergence(o: Orbit, kind: ClassKind): number {
  const { B, m, D } = o.dims;
  const C = classCount(kind, D);
  const p = new Float64Array(C);
  const q = new Float64Array(C);
  let total = 0;
  for (let row = 0; row < B * m; row++) {
    toDistribution(o.expected, row * D, D, kind, p);
    toDistribution(o.moved, row * D, D, kind, q);
    total += symmetricKl(p, q, C);
  }
  return total / (B * m);
}
