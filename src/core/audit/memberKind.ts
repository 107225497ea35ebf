import { EquiLensError } from '../errors';
import type { Representation } from '../groups/types';
import { detectOutputKind, functionMetrics } from '../stats';
import { pointErrorPx } from '../stats/pointError';
import type { Orbit, OutputKind } from '../stats/types';
import type { FinalActivation } from '../load/types';
import type { MemberResult } from '../report/types';

/** What detectOutputKind decided (or --output-kind set), and why. */
export type KindEvidence = ReturnType<typeof detectOutputKind>;

/** `--output-kind`: 'auto' (or absent) detects; any other kind is taken as given where it fits. */
export interface KindChoice {
  outputKind?: string;
  /** The representation's kind: points are coordinates, never classes. */
  representation?: Representation['kind'];
}

/** The output kind from the first member with finite outputs (shared by runAudit and merge). */
export function outputKindOf(orbit: Orbit, outputShape: readonly number[], finalActivation: FinalActivation, choice: KindChoice = {}): KindEvidence {
  const { B, D } = orbit.dims;
  const wanted = choice.outputKind ?? 'auto';
  const points = choice.representation === 'points';
  if (wanted !== 'auto') {
    const kind = wanted as OutputKind;
    const problem = kindProblem(kind, D, points);
    if (problem) throw new EquiLensError(undefined, `--output-kind ${kind}: ${problem}`);
    return { kind, reason: 'set by --output-kind' };
  }
  if (points) return { kind: 'regression', reason: 'points representation: coordinates compared as regression (relError, absError, pointErrorPx)' };
  return detectOutputKind({
    identityOutputs: identityRows(orbit),
    B,
    D,
    outputRank: outputShape.length,
    finalActivation,
  });
}

/** Why `kind` cannot read outputs of D values per probe, or null when it can. */
function kindProblem(kind: OutputKind, D: number, points: boolean): string | null {
  if (kind === 'regression' || kind === 'embedding') return null;
  if (points) return 'points are coordinates, not classes: use auto, regression or embedding';
  if (kind === 'binary' && D !== 1) return `binary needs one output unit per probe, the output has ${D}`;
  if (kind !== 'binary' && D < 2) return `${kind} needs at least 2 classes, the output has ${D} value per probe`;
  return null;
}

/** A member's row of the report; points representations add pointErrorPx. */
export function memberResult(path: string, orbit: Orbit, kind: KindEvidence, rep?: Pick<Representation, 'points'>): MemberResult {
  const px = rep?.points ? pointErrorPx(orbit, rep.points) : null;
  return { path, ...functionMetrics(orbit, kind.kind), ...(px !== null && { pointErrorPx: px }) };
}

function identityRows(o: Orbit): Float32Array {
  const { B, m, D } = o.dims;
  const out = new Float32Array(B * D);
  for (let b = 0; b < B; b++) out.set(o.moved.subarray(b * m * D, b * m * D + D), b * D);
  return out;
}
