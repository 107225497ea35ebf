import { Rng } from '../rng';
import { bootstrapFloorCI } from '../stats/bootstrapFloor';

/**
 * §4's bootstrap interval of a layer's floor from each member's deviation and expected vectors
 * (kept by LayerSums when they fit the budget): the N×N Gram matrices, then the same resampling
 * as the output's interval (stats/bootstrapFloor.ts).
 */
export function layerFloorInterval(dev: readonly Float64Array[], exp: readonly Float64Array[], s2: number, seed: number): [number, number] | null {
  if (dev.length < 2) return null;
  return bootstrapFloorCI({ N: dev.length, dev: gram(dev), exp: gram(exp) }, s2, 200, new Rng(seed));
}

/** G[i·N+j] = ⟨v_i, v_j⟩, both triangles. */
function gram(vs: readonly Float64Array[]): Float64Array {
  const N = vs.length;
  const G = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j <= i; j++) {
      const a = vs[i]!;
      const b = vs[j]!;
      let s = 0;
      for (let t = 0; t < a.length; t++) s += a[t]! * b[t]!;
      G[i * N + j] = s;
      G[j * N + i] = s;
    }
  }
  return G;
}
