import { classCount, classOf, type ClassKind, symmetricKlOfLogs, toDistribution } from './distributions';
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

/**
 * DIV (THEORY §3): symmetrised KL between expected[b,g] and moved[b,g], mean over b and all g.
 * Each distribution and its logs are computed once per distinct row: an invariant output's
 * expected[b,g] is f(x_b) for every g, and moved[b,e] is f(x_b) too (same values, same sums).
 */
export function orbitDivergence(o: Orbit, kind: ClassKind): number {
  const { B, m, D } = o.dims;
  const C = classCount(kind, D);
  const p = new Float64Array(C);
  const q = new Float64Array(C);
  const logP = new Float64Array(C);
  const logQ = new Float64Array(C);
  let held = -1; // offset of the expected row that p holds
  let total = 0;
  for (let row = 0; row < B * m; row++) {
    const at = row * D;
    if (held < 0 || !sameRow(o.expected, held, o.expected, at, D)) {
      toDistribution(o.expected, at, D, kind, p);
      for (let c = 0; c < C; c++) logP[c] = Math.log(p[c]!);
      held = at;
    }
    // (p − p)(log p − log p) is 0 for every class: the sum is exactly 0.
    if (sameRow(o.moved, at, o.expected, held, D)) continue;
    toDistribution(o.moved, at, D, kind, q);
    for (let c = 0; c < C; c++) logQ[c] = Math.log(q[c]!);
    total += symmetricKlOfLogs(p, q, logP, logQ, C);
  }
  return total / (B * m);
}

/** Whether a[i…i+D) and b[j…j+D) hold the same numbers (NaN never does). */
function sameRow(a: Float32Array, i: number, b: Float32Array, j: number, D: number): boolean {
  for (let c = 0; c < D; c++) if (a[i + c] !== b[j + c]) return false;
  return true;
}
