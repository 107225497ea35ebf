import type { ThresholdName } from '../config/types';
import { THRESHOLD_NAMES } from '../config/types';
import { pct, num } from '../report/format';
import { notMeasurable } from '../report/measurable';
import type { AuditReport } from '../report/types';
import { reportMetrics, type MetricName, type MetricValue } from './metrics';
import type { CheckResult } from './types';

/** Which metric each threshold bounds, and from which side. */
export const THRESHOLD_METRIC: Record<ThresholdName, { metric: MetricName; bound: 'max' | 'min'; label: string }> = {
  maxFloor: { metric: 'floor', bound: 'max', label: 'floor' },
  maxEnsembleRelError: { metric: 'ensembleRelError', bound: 'max', label: 'ensemble relError' },
  maxMemberRelError: { metric: 'memberRelError', bound: 'max', label: 'worst member relError' },
  minAgreement: { metric: 'agreement', bound: 'min', label: 'agreement' },
  maxDiv: { metric: 'div', bound: 'max', label: 'DIV' },
};

/** The thresholds in force, in THRESHOLD_NAMES order, checked against a report (pure). */
export function evaluateThresholds(r: AuditReport, limits: Partial<Record<ThresholdName, number>>): CheckResult[] {
  const metrics = reportMetrics(r);
  const out: CheckResult[] = [];
  // A constant output passes every threshold trivially: each one in force fails instead, as "cannot judge".
  const blind = notMeasurable(r);
  for (const threshold of THRESHOLD_NAMES) {
    const limit = limits[threshold];
    if (limit === undefined) continue;
    const { metric, bound, label } = THRESHOLD_METRIC[threshold];
    const m = metrics[metric];
    const base = { threshold, metric, limit, value: m.value };
    if (blind) {
      out.push({ ...base, value: null, status: 'fail', message: `${label}: cannot judge — the audited output does not depend on the input (degenerate-output), so the symmetry is not measurable` });
      continue;
    }
    if (m.value === null || !Number.isFinite(m.value) || m.note) {
      out.push({ ...base, value: null, status: 'skip', message: `${label}: not checked (${m.note ?? 'not measured'})` });
      continue;
    }
    const ok = bound === 'max' ? m.value <= limit : m.value >= limit;
    const sign = ok ? (bound === 'max' ? '≤' : '≥') : bound === 'max' ? '>' : '<';
    const check: CheckResult = { ...base, status: ok ? 'pass' : 'fail', message: `${label} ${show(metric, m)} ${sign} ${fmt(metric, limit)}` };
    if (threshold === 'maxMemberRelError' && !ok) check.members = overLimit(r, limit);
    out.push(check);
  }
  return out;
}

/** A metric's value as the outputs print it: percentages for errors and agreement, DIV as a number. */
export function fmt(metric: MetricName, x: number | null): string {
  return metric === 'div' ? num(x, 4) : pct(x);
}

function show(metric: MetricName, m: MetricValue): string {
  const ci = metric === 'floor' && m.interval ? ` (95% CI ${pct(m.interval[0])}–${pct(m.interval[1])})` : '';
  return fmt(metric, m.value) + ci;
}

function overLimit(r: AuditReport, limit: number): string[] {
  return r.members
    .filter((m) => m.relError !== null && m.relError > limit)
    .sort((a, b) => b.relError! - a.relError!)
    .map((m) => m.path);
}
