/** Shapes of the arrays an audit keeps: B probes, m group elements (identity first), D outputs. */
export interface OrbitDims {
  B: number;
  m: number;
  D: number;
}

/**
 * One function's outputs on the orbit of every probe, row-major [b][g][d], g = 0 the identity:
 *  moved[b,g]    = f(ρ_in(g) x_b)
 *  expected[b,g] = ρ_out(g) f(x_b)
 * so the deviation δ_f(x_b, g) = moved − expected (THEORY §2). Both are linear in f, so the
 * ensemble's orbit is the member-wise mean.
 */
export interface Orbit {
  dims: OrbitDims;
  moved: Float32Array;
  expected: Float32Array;
}

/**
 * What the model's outputs are (decides OSP/DIV and how distributions are formed). 'regression'
 * and 'embedding' have no classes: relError and absError only.
 */
export type OutputKind = 'logits' | 'probabilities' | 'binary' | 'regression' | 'embedding';

/** Output kinds `--output-kind` accepts ('auto': detected, detectOutputKind.ts). */
export const OUTPUT_KIND_CHOICES = ['auto', 'logits', 'probabilities', 'binary', 'regression', 'embedding'] as const;

/** True for kinds with classes (OSP, agreement, DIV apply). */
export function hasClasses(kind: OutputKind): kind is 'logits' | 'probabilities' | 'binary' {
  return kind !== 'regression' && kind !== 'embedding';
}

/** THEORY §3 metrics of one function (a member or the ensemble mean). null = does not apply. */
export interface FunctionMetrics {
  relError: number | null;
  absError: number;
  osp: number | null;
  agreement: number | null;
  div: number | null;
}

export interface CurvePoint {
  k: number;
  /**
   * Mean over resamples of k members (with replacement) of their mean's relError, sd beside it
   * (n − 1). Resamples whose mean has Z = 0 are left out; NaN only if every one has. At k = N
   * relError, OSP and DIV are the ensemble's own (every member once, the numbers the report
   * states); relErrorSd stays the spread of N-member resamples.
   */
  relError: number;
  relErrorSd: number;
  osp: number | null;
  div: number | null;
  /** Expected relError at size k from the fitted model (THEORY §4). */
  modelRelError: number | null;
}

/** THEORY §4 statistics of an ensemble of N ≥ 2 members. */
export interface EnsembleStats {
  floor: number | null;
  /** Percentile 95 % bootstrap interval, replicates recentred on the estimate (bootstrapFloor.ts). */
  floorCI: [number, number] | null;
  /** sqrt(max(0, ‖d̄‖² − s²/N) / (B·(m−1))), always reported. */
  floorAbs: number;
  membersNeeded: { '0.01': number | null; '0.05': number | null };
  /** Fitted expected-error model: relError(k)² = (bias2 + s2 / k) / Z. */
  model: { bias2: number; s2: number; Z: number };
  curve: CurvePoint[];
  /**
   * True when Z ≈ 0: relative numbers are not meaningful, show floorAbs. Z ≈ 0 means
   * Z ≤ 3·s_e²/N (not clearly above what averaging zero-mean members gives) or Z ≤ 1e-12 × a
   * member's own squared norm; see errorModel.ts.
   */
  meanNearZero: boolean;
}
