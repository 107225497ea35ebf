import { evaluateThresholds } from '../../core/ci/thresholds';
import type { AuditOutcome } from '../../core/ci/types';
import type { AuditReport } from '../../core/report/types';
import type { CheckUnit } from './types';

/** A unit's report with its thresholds checked by the core (none without a config), shaped like `equilens check`'s. */
export function unitOutcome(unit: CheckUnit, report: AuditReport): AuditOutcome {
  const a = unit.config?.audit;
  const thresholds = a?.thresholds ?? {};
  return {
    name: unit.name,
    audit: { name: a?.name ?? unit.name, index: a?.index ?? -1, models: a?.models ?? unit.targets, group: unit.group, output: unit.output, thresholds },
    report,
    checks: evaluateThresholds(report, thresholds),
    baseline: null,
  };
}
