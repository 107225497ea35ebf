import { detectOutputKind, functionMetrics } from '../stats';
import type { Orbit } from '../stats/types';
import type { LoadedModel } from '../load/types';
import type { MemberResult } from '../report/types';

/** What detectOutputKind decided, and why. */
export type KindEvidence = ReturnType<typeof detectOutputKind>;

/** The output kind from the first member with finite outputs (shared by runAudit and merge). */
export function outputKindOf(orbit: Orbit, outputShape: readonly number[], finalActivation: LoadedModel['finalActivation']): KindEvidence {
  const { B, D } = orbit.dims;
  return detectOutputKind({
    identityOutputs: identityRows(orbit),
    B,
    D,
    outputRank: outputShape.length,
    finalActivation,
  });
}

/** A member's row of the report. */
export function memberResult(path: string, orbit: Orbit, kind: KindEvidence): MemberResult {
  return { path, ...functionMetrics(orbit, kind.kind) };
}

function identityRows(o: Orbit): Float32Array {
  const { B, m, D } = o.dims;
  const out = new Float32Array(B * D);
  for (let b = 0; b < B; b++) out.set(o.moved.subarray(b * m * D, b * m * D + D), b * D);
  return out;
}
