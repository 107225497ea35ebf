import type { OutputKind } from './types';

export interface OutputKindEvidence {
  /** f(x_b) for every probe, [B, D] row-major. */
  identityOutputs: Float32Array;
  B: number;
  D: number;
  /** Rank of the model output, batch included: 2 for [batch, C], 4 for image maps. */
  outputRank: number;
  finalActivation: 'softmax' | 'sigmoid' | null;
}

/** Rows of probabilities must sum to 1 within this (float32 softmax plus rounding in files). */
export const SUM_TOLERANCE = 1e-3;

/**
 * Decides how outputs are read (THEORY §3: which metrics apply and how distributions are formed);
 * `reason` says why, in words for the report.
 */
export function detectOutputKind(e: OutputKindEvidence): { kind: OutputKind; reason: string } {
  const { identityOutputs: y, B, D, outputRank, finalActivation } = e;
  if (outputRank > 2) {
    return { kind: 'regression', reason: `output has rank ${outputRank} (maps, not one vector per probe): compared as regression` };
  }
  if (D >= 2) {
    if (finalActivation === 'softmax') return { kind: 'probabilities', reason: 'final layer activation softmax' };
    if (rowsAreDistributions(y, B, D)) {
      return { kind: 'probabilities', reason: `every output row of ${D} values is in [0, 1] and sums to 1` };
    }
    const why = finalActivation === 'sigmoid' ? `sigmoid on ${D} units (rows do not sum to 1)` : `${D} outputs per probe with no softmax`;
    return { kind: 'logits', reason: `${why}: read as class logits (argmax, softmax for DIV)` };
  }
  if (finalActivation === 'sigmoid') return { kind: 'binary', reason: 'single output unit with final activation sigmoid' };
  if (y.length > 0 && allInUnitInterval(y)) {
    return { kind: 'binary', reason: 'single output unit whose values all lie in [0, 1]: read as a probability' };
  }
  return { kind: 'regression', reason: 'single unbounded output unit: compared as regression' };
}

function allInUnitInterval(y: Float32Array): boolean {
  for (let i = 0; i < y.length; i++) if (!(y[i]! >= 0 && y[i]! <= 1)) return false;
  return true;
}

function rowsAreDistributions(y: Float32Array, B: number, D: number): boolean {
  if (B === 0 || !allInUnitInterval(y)) return false;
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let c = 0; c < D; c++) s += y[b * D + c]!;
    if (Math.abs(s - 1) > SUM_TOLERANCE) return false;
  }
  return true;
}
