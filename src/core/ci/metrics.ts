import type { AuditReport } from '../report/types';
import { hasClasses } from '../stats/types';

/** The metrics `equilens check` enforces and compares with a baseline, one per threshold. */
export type MetricName = 'floor' | 'ensembleRelError' | 'memberRelError' | 'agreement' | 'div';

/** A metric read from a report, with what the report says about its noise. */
export interface MetricValue {
  value: number | null;
  /** Lower values are better for errors and DIV; higher for agreement. */
  better: 'lower' | 'higher';
  /** Standard deviation of the value's sampling noise; null when the report gives no way to tell. */
  sd: number | null;
  /** floor only: the bootstrap 95 % interval. */
  interval?: [number, number] | null;
  /** Why the value is missing, when it is. */
  note?: string;
}

/**
 * Each metric of a report (the ensemble mean's, or the single model's) and its noise:
 * - ensembleRelError: the sd of the curve at k = N (30 resamples of N members with replacement);
 * - agreement, DIV: the members' sd / √N (the standard error of a mean of N draws);
 * - memberRelError (the worst member): the members' sd (one fresh member moves the worst by about that);
 * - floor: its bootstrap interval (sd left null);
 * - a single model has no spread to measure: sd 0.
 */
export function reportMetrics(r: AuditReport): Record<MetricName, MetricValue> {
  const e = r.ensemble;
  const one = r.members[0];
  const n = r.members.length;
  const spread = (pick: (m: AuditReport['members'][number]) => number | null) => sd(r.members.map(pick));
  const atN = e?.curve.find((c) => c.k === e.size);
  const relErrors = r.members.map((m) => m.relError).filter(finite);
  const floorNote = !e ? 'a single model has no floor' : e.meanNearZero ? 'the ensemble mean is ≈ 0: the relative floor is not meaningful' : undefined;
  return {
    floor: { value: floorNote ? null : e!.floor, better: 'lower', sd: null, interval: e?.floorCI ?? null, note: floorNote },
    ensembleRelError: { value: e ? e.relError : (one?.relError ?? null), better: 'lower', sd: e ? (atN ? finiteOr(atN.relErrorSd) : null) : 0 },
    memberRelError: { value: relErrors.length ? Math.max(...relErrors) : null, better: 'lower', sd: n > 1 ? spread((m) => m.relError) : 0 },
    agreement: {
      value: e ? e.agreement : (one?.agreement ?? null),
      better: 'higher',
      sd:
        n > 1
          ? scaled(
              spread((m) => m.agreement),
              n,
            )
          : 0,
      note: hasClasses(r.outputKind) ? undefined : `${r.outputKind} outputs have no classes`,
    },
    div: {
      value: e ? e.div : (one?.div ?? null),
      better: 'lower',
      sd:
        n > 1
          ? scaled(
              spread((m) => m.div),
              n,
            )
          : 0,
      note: hasClasses(r.outputKind) ? undefined : `${r.outputKind} outputs have no classes`,
    },
  };
}

/** Sample standard deviation (n − 1) of the finite values; null with fewer than two. */
export function sd(xs: readonly (number | null)[]): number | null {
  const v = xs.filter(finite);
  if (v.length < 2) return null;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
}

function scaled(s: number | null, n: number): number | null {
  return s === null ? null : s / Math.sqrt(n);
}

function finite(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function finiteOr(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
