// `equilens check`'s pure parts: thresholds, baselines, renderers.
export type { AuditOutcome, CheckResult, CheckRun, FailOn, MetricDelta } from './types';
export { evaluateThresholds, THRESHOLD_METRIC } from './thresholds';
export { compareReports, compareMetric } from './baseline';
export { baselineFor, parseBaseline, type Baseline } from './baselineFile';
export { checkExitCode } from './exitCode';
export { expandAudit, type AuditUnit } from './units';
export { checkAnchor, renderSarif, type SarifPlaces } from './sarif';
export { renderJunit } from './junit';
export { renderCheckMarkdown } from './markdown';
export { renderCurveSvg } from './curveSvg';
export { renderCheckSummary } from './summary';
export { reportMetrics, type MetricName } from './metrics';
