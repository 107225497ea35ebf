import type { ResolvedAudit, ThresholdName } from '../config/types';
import type { AuditReport } from '../report/types';
import type { MetricName } from './metrics';

/** One threshold checked against one audit's report. */
export interface CheckResult {
  threshold: ThresholdName;
  metric: MetricName;
  /** skip: the metric does not apply (a single model has no floor, regression outputs no agreement). */
  status: 'pass' | 'fail' | 'skip';
  value: number | null;
  limit: number;
  /** One sentence with the numbers, e.g. 'floor 87.44% (95% CI 85.50%–89.35%) > 5.00%'. */
  message: string;
  /** maxMemberRelError: the members over the limit (report paths), worst first. */
  members?: string[];
}

/** How one metric moved against the baseline, and whether that is more than its noise. */
export interface MetricDelta {
  metric: MetricName;
  old: number | null;
  new: number | null;
  /** new − old (null when either is missing). */
  delta: number | null;
  /** The change that counts as real: 1.96·√(sd_old² + sd_new²); null for the floor (intervals) or when unknown. */
  noise: number | null;
  status: 'regressed' | 'improved' | 'within-noise' | 'not-comparable';
  /** The rule applied, with its numbers. */
  reason: string;
}

/** Everything `equilens check` learnt about one ensemble. */
export interface AuditOutcome {
  /** Unique label (the config's audit name, plus a folder when a glob selected several). */
  name: string;
  /** The config entry it came from. */
  audit: Pick<ResolvedAudit, 'name' | 'index' | 'models' | 'group' | 'output' | 'thresholds'>;
  report: AuditReport;
  checks: CheckResult[];
  /** Per-metric comparison with the baseline; null without one (or none for this audit). */
  baseline: MetricDelta[] | null;
}

/** When `equilens check` exits 1: failed thresholds (default), regressions, or either. */
export type FailOn = 'threshold' | 'regression' | 'any';

/** The whole run: what --format json writes, and what every renderer reads. */
export interface CheckRun {
  kind: 'equilens-check';
  schemaVersion: 1;
  tool: { name: 'equilens'; version: string };
  createdAt: string;
  /** The config file, relative to the working directory. */
  config: string;
  failOn: FailOn;
  /** The baseline file, when one was given. */
  baseline?: string;
  /** The git ref of --changed-since, and the audits it left out because nothing of theirs changed. */
  changedSince?: { ref: string; unchanged: string[] };
  audits: AuditOutcome[];
}
