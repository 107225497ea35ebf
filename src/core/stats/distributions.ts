import { check } from '../errors';
import type { OutputKind } from './types';

/** Output kinds that have classes (THEORY §3: OSP, agreement and DIV apply). */
export type ClassKind = Exclude<OutputKind, 'regression' | 'embedding'>;

/** Probabilities are clamped here before logs so KL stays finite when a class gets 0 (THEORY §3). */
export const PROB_FLOOR = 1e-12;

/** Throws when D does not fit the kind: 'binary' is one sigmoid unit, the others need C ≥ 2 classes. */
export function checkClassDims(kind: ClassKind, D: number): void {
  if (kind === 'binary') check(D === 1, undefined, `output kind binary needs 1 output per probe, got ${D}`);
  else check(D >= 2, undefined, `output kind ${kind} needs at least 2 classes, got ${D}`);
}

/** Number of classes of a distribution built by `toDistribution` (Bernoulli has 2). */
export function classCount(kind: ClassKind, D: number): number {
  return kind === 'binary' ? 2 : D;
}

/** Predicted class of the row values[offset … offset+D): argmax (first wins ties), or p > 0.5. */
export function classOf(values: Float32Array, offset: number, D: number, kind: ClassKind): number {
  if (kind === 'binary') return values[offset]! > 0.5 ? 1 : 0;
  let best = 0;
  let bestValue = values[offset]!;
  for (let c = 1; c < D; c++) {
    const v = values[offset + c]!;
    if (v > bestValue) {
      best = c;
      bestValue = v;
    }
  }
  return best;
}

/**
 * Writes the class distribution of one row into `out` (length classCount), clamped at PROB_FLOOR:
 * softmax of logits, the row itself for probabilities (not renormalised), Bernoulli(p) for binary.
 */
export function toDistribution(values: Float32Array, offset: number, D: number, kind: ClassKind, out: Float64Array): void {
  if (kind === 'binary') {
    const p = values[offset]!;
    out[0] = Math.max(1 - p, PROB_FLOOR);
    out[1] = Math.max(p, PROB_FLOOR);
    return;
  }
  if (kind === 'probabilities') {
    for (let c = 0; c < D; c++) out[c] = Math.max(values[offset + c]!, PROB_FLOOR);
    return;
  }
  // Subtracting the max keeps exp() from overflowing on large logits.
  let max = -Infinity;
  for (let c = 0; c < D; c++) max = Math.max(max, values[offset + c]!);
  let total = 0;
  for (let c = 0; c < D; c++) {
    const e = Math.exp(values[offset + c]! - max);
    out[c] = e;
    total += e;
  }
  for (let c = 0; c < D; c++) out[c] = Math.max(out[c]! / total, PROB_FLOOR);
}

/** KL(p‖q) + KL(q‖p) = Σ (p_c − q_c)(log p_c − log q_c), over the first C entries. */
export function symmetricKl(p: Float64Array, q: Float64Array, C: number): number {
  let s = 0;
  for (let c = 0; c < C; c++) s += (p[c]! - q[c]!) * (Math.log(p[c]!) - Math.log(q[c]!));
  return s;
}

/** symmetricKl with the logs of p and q given (computed once per distribution): the same sum, term by term. */
export function symmetricKlOfLogs(p: Float64Array, q: Float64Array, logP: Float64Array, logQ: Float64Array, C: number): number {
  let s = 0;
  for (let c = 0; c < C; c++) s += (p[c]! - q[c]!) * (logP[c]! - logQ[c]!);
  return s;
}
