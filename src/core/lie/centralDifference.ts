import { quantile } from '../stats/bootstrapFloor';
import type { LieRow } from './types';

/** float32 machine epsilon (2^-23). */
export const EPS32 = 2 ** -23;

/**
 * The relative round-off assumed in every evaluated output value: EPS32·√n for a function of n
 * input values — the probabilistic rule of thumb for accumulating n terms (Higham, Accuracy and
 * Stability of Numerical Algorithms, §2.8: errors grow like √n·u, not n·u). One EPS32 alone
 * underestimated the round-off measured on the wasm backend 3× (a 1024-term dot product).
 */
export function roundOff(inputValues: number): number {
  return EPS32 * Math.sqrt(Math.max(1, inputValues));
}

/**
 * One function's outputs around the identity, after ρ_out(g)⁻¹: for each ladder rung k and
 * generator a, plus[k][a] = ρ_out(g_{h_k})⁻¹ f(ρ_in(g_{h_k})x) and minus[k][a] the same at −h_k,
 * B probes × D values back to back; f0 = f(x). Float64 so ensemble sums do not round.
 */
export interface Evaluations {
  f0: Float64Array;
  plus: Float64Array[][];
  minus: Float64Array[][];
}

/**
 * Per candidate step, per probe: the normalised values. Candidate j is rung j + 1 (step h =
 * steps[j + 1]); the first and last rungs only serve as the neighbours 2h and h/2.
 */
export interface ProbeCurves {
  /** ‖D_k‖ / ‖f0‖, D_k the central difference over every generator (sum of squares). */
  value: Float64Array[];
  /** Per generator alone: ‖D_k,a‖ / ‖f0‖. */
  axes: Float64Array[][];
  /**
   * 2 max(‖D_h − D_2h‖, ‖D_h − D_h/2‖) / ‖f0‖, Richardson's estimate of D_h's truncation error:
   * for a difference quotient converging at order p ≥ 1 that error is ‖D_h − D_2h‖ / (2^p − 1)
   * ≤ ‖D_h − D_2h‖. The factor 2 and the finer neighbour are margins: bilinear resampling has
   * kinks at pixel centres, so the convergence is first order and not perfectly regular (the
   * closed-form test in test/lieDerivative.test.ts).
   */
  differencing: Float64Array[];
  /** u · ‖|f₊| + |f₋|‖ / (2h) / ‖f0‖, u = roundOff(n): round-off of the two evaluations, divided by the step. */
  float: Float64Array[];
}

/**
 * The per-probe curves of one function from its evaluations on the ladder `steps` (each half the
 * one before). Probes with f(x) = 0 have no relative derivative: they are NaN and left out later.
 */
export function probeCurves(e: Evaluations, steps: readonly number[], B: number, D: number, u = EPS32): ProbeCurves {
  const K = steps.length - 1;
  const A = e.plus[0]!.length;
  const out: ProbeCurves = { value: [], axes: [], differencing: [], float: [] };
  const quotient = (k: number, a: number, d: number) => (e.plus[k]![a]![d]! - e.minus[k]![a]![d]!) / (2 * steps[k]!);
  for (let k = 1; k < K; k++) {
    const h = steps[k]!;
    const value = new Float64Array(B);
    const differencing = new Float64Array(B);
    const float = new Float64Array(B);
    const axes = Array.from({ length: A }, () => new Float64Array(B));
    for (let b = 0; b < B; b++) {
      let norm0 = 0;
      for (let d = b * D; d < (b + 1) * D; d++) norm0 += e.f0[d]! ** 2;
      const scale = 1 / Math.sqrt(norm0);
      let n2 = 0;
      let coarse2 = 0;
      let fine2 = 0;
      let abs2 = 0;
      for (let a = 0; a < A; a++) {
        const [p, m] = [e.plus[k]![a]!, e.minus[k]![a]!];
        let na = 0;
        for (let d = b * D; d < (b + 1) * D; d++) {
          const dk = quotient(k, a, d);
          na += dk * dk;
          coarse2 += (dk - quotient(k - 1, a, d)) ** 2;
          fine2 += (dk - quotient(k + 1, a, d)) ** 2;
          abs2 += (Math.abs(p[d]!) + Math.abs(m[d]!)) ** 2;
        }
        n2 += na;
        axes[a]![b] = Math.sqrt(na) * scale;
      }
      value[b] = Math.sqrt(n2) * scale;
      differencing[b] = 2 * Math.sqrt(Math.max(coarse2, fine2)) * scale;
      float[b] = ((u * Math.sqrt(abs2)) / (2 * h)) * scale;
    }
    out.value.push(value);
    out.axes.push(axes);
    out.differencing.push(differencing);
    out.float.push(float);
  }
  return out;
}

/** One row of the report from a function's curves at candidate k (finite probes only; null when none). */
export function lieRow(path: string, c: ProbeCurves, k: number, axisNames: readonly string[]): LieRow | null {
  const keep = [...c.value[k]!.keys()].filter((b) => Number.isFinite(c.value[k]![b]!));
  if (!keep.length) return null;
  const sorted = (xs: Float64Array) => keep.map((b) => xs[b]!).sort((x, y) => x - y);
  const values = sorted(c.value[k]!);
  const median = quantile(values, 0.5);
  const differencingError = quantile(sorted(c.differencing[k]!), 0.5);
  const floatError = quantile(sorted(c.float[k]!), 0.5);
  const row: LieRow = {
    path,
    median,
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    max: values[values.length - 1]!,
    differencingError,
    floatError,
    resolved: median > differencingError + floatError,
  };
  // Translation: each generator's own median beside the combined one.
  if (axisNames.length > 1) axisNames.forEach((name, a) => ((row as unknown as Record<string, number>)[name] = quantile(sorted(c.axes[k]![a]!), 0.5)));
  return row;
}

/** The candidate step whose worst row (largest differencing + float error) is smallest: one step for the whole report. */
export function chooseRung(curves: readonly ProbeCurves[]): number {
  const K = curves[0]!.value.length;
  let best = 0;
  let bestError = Infinity;
  for (let k = 0; k < K; k++) {
    const error = rungError(curves, k);
    if (error < bestError) [best, bestError] = [k, error];
  }
  return best;
}

/** The largest median differencing and float errors over `curves` at candidate k. */
export function rungErrors(curves: readonly ProbeCurves[], k: number): { differencingError: number; floatError: number } {
  let differencingError = 0;
  let floatError = 0;
  for (const c of curves) {
    differencingError = Math.max(differencingError, finiteMedian(c.differencing[k]!));
    floatError = Math.max(floatError, finiteMedian(c.float[k]!));
  }
  return { differencingError, floatError };
}

function rungError(curves: readonly ProbeCurves[], k: number): number {
  // The worst single row decides, so no member is reported at a step that is wrong for it.
  return Math.max(...curves.map((c) => finiteMedian(c.differencing[k]!) + finiteMedian(c.float[k]!)));
}

function finiteMedian(xs: Float64Array): number {
  const v = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return v.length ? quantile(v, 0.5) : Infinity;
}
