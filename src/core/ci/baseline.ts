import { pct } from '../report/format';
import type { AuditReport } from '../report/types';
import { reportMetrics, type MetricName, type MetricValue } from './metrics';
import { fmt } from './thresholds';
import type { MetricDelta } from './types';

/** Two-sided 95 %: the level of the floor's bootstrap interval, used for every metric alike. */
export const Z95 = 1.96;

const METRICS: readonly MetricName[] = ['floor', 'ensembleRelError', 'memberRelError', 'agreement', 'div'];

/**
 * Each metric of `now` against the same metric of `old` (pure). A metric regresses only when it
 * got worse by more than its noise:
 * - floor: the new bootstrap interval lies wholly above the old one (new lower bound > old upper);
 * - the others: worse by more than 1.96·√(sd_old² + sd_new²), the sds from reportMetrics.
 * It improves by the mirror rule; anything else is within noise.
 */
export function compareReports(old: AuditReport, now: AuditReport): MetricDelta[] {
  const a = reportMetrics(old);
  const b = reportMetrics(now);
  return METRICS.map((metric) => compareMetric(metric, a[metric], b[metric]));
}

/** One metric's comparison (exported for tests). */
export function compareMetric(metric: MetricName, a: MetricValue, b: MetricValue): MetricDelta {
  const base = { metric, old: a.value, new: b.value, delta: a.value !== null && b.value !== null ? b.value - a.value : null, noise: null };
  if (a.value === null || b.value === null || !Number.isFinite(a.value) || !Number.isFinite(b.value)) {
    return { ...base, delta: null, status: 'not-comparable', reason: a.note ?? b.note ?? 'missing in one report' };
  }
  if (metric === 'floor') return compareFloor(base, a, b);
  if (a.sd === null || b.sd === null) return { ...base, status: 'not-comparable', reason: 'no noise estimate in one report' };
  const noise = Z95 * Math.hypot(a.sd, b.sd);
  // Positive = worse, whichever way the metric runs; a hair above 0 is float round-off, not a change.
  const worse = (b.value - a.value) * (a.better === 'lower' ? 1 : -1);
  const tol = Math.max(noise, 1e-12);
  const status = worse > tol ? 'regressed' : -worse > tol ? 'improved' : 'within-noise';
  const verb = status === 'regressed' ? 'worse by more than' : status === 'improved' ? 'better by more than' : 'within';
  return { ...base, noise, status, reason: `${fmt(metric, a.value)} → ${fmt(metric, b.value)}: ${verb} the noise ±${fmt(metric, noise)}` };
}

function compareFloor(base: Omit<MetricDelta, 'status' | 'reason'>, a: MetricValue, b: MetricValue): MetricDelta {
  const [ia, ib] = [a.interval, b.interval];
  if (!ia || !ib) return { ...base, status: 'not-comparable', reason: 'no bootstrap interval in one report' };
  const show = (i: [number, number]) => `[${pct(i[0])}, ${pct(i[1])}]`;
  const status = ib[0] > ia[1] ? 'regressed' : ib[1] < ia[0] ? 'improved' : 'within-noise';
  const how = status === 'regressed' ? 'wholly above' : status === 'improved' ? 'wholly below' : 'overlaps';
  return { ...base, status, reason: `95% CI ${show(ib)} ${how} the baseline's ${show(ia)}` };
}
