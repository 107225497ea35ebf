import * as tf from '@tensorflow/tfjs-core';
import { actOnInput } from './lieAction';
import type { Evaluations } from './centralDifference';

/** One point of the ladder: the parameter along a generator (t = 0: the probes themselves). */
export interface Variant {
  axis: 'rotation' | 'x' | 'y';
  t: number;
  /** Rung and generator index, and which side (null for t = 0). */
  at: { k: number; a: number; sign: 1 | -1 } | null;
}

/** The identity first, then ±h_k along each generator, for every rung. */
export function variants(axes: readonly ('rotation' | 'x' | 'y')[], steps: readonly number[]): Variant[] {
  const out: Variant[] = [{ axis: axes[0]!, t: 0, at: null }];
  steps.forEach((h, k) => axes.forEach((axis, a) => ([1, -1] as const).forEach((sign) => out.push({ axis, t: sign * h, at: { k, a, sign } }))));
  return out;
}

/** Evaluations laid out for probeCurves, to be filled variant by variant. */
export function emptyEvaluations(K: number, A: number): Evaluations {
  const rows = () => Array.from({ length: K }, () => Array.from({ length: A }, () => new Float64Array(0)));
  return { f0: new Float64Array(0), plus: rows(), minus: rows() };
}

/** Stores one variant's rows (ρ_out⁻¹ already applied) where probeCurves reads them. */
export function store(e: Evaluations, v: Variant, rows: Float64Array): void {
  if (!v.at) e.f0 = rows;
  else (v.at.sign > 0 ? e.plus : e.minus)[v.at.k]![v.at.a] = rows;
}

/** Adds `e` into running sums `into` (same layout; empty rows start at zero): the ensemble's numerator. */
export function addInto(into: Evaluations, e: Evaluations): void {
  const add = (a: Float64Array, b: Float64Array): Float64Array => {
    const out = a.length ? a : new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) out[i] = out[i]! + b[i]!;
    return out;
  };
  into.f0 = add(into.f0, e.f0);
  e.plus.forEach((rung, k) => rung.forEach((rows, a) => (into.plus[k]![a] = add(into.plus[k]![a]!, rows))));
  e.minus.forEach((rung, k) => rung.forEach((rows, a) => (into.minus[k]![a] = add(into.minus[k]![a]!, rows))));
}

/**
 * Runs `evaluate` on every variant of `probes` (one transformed batch at a time, so only one is
 * held) and hands each result to `take`. The caller disposes what `evaluate` returns in `take`.
 * `check` runs before each batch (runAudit's cancellation check: it throws).
 */
export async function forEachVariant<T>(
  probes: tf.Tensor4D,
  list: readonly Variant[],
  evaluate: (x: tf.Tensor) => Promise<T>,
  take: (v: Variant, out: T) => Promise<void>,
  check?: () => void,
): Promise<void> {
  for (const v of list) {
    check?.(); // a cancelled audit stops between batches
    const x = actOnInput(probes, v.axis, v.t);
    try {
      await take(v, await evaluate(x));
    } finally {
      x.dispose();
    }
  }
}
