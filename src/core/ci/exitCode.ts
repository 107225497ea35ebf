import type { CheckRun } from './types';

/** 1 when what --fail-on counts failed (a threshold, a regression beyond noise, or either), else 0. */
export function checkExitCode(run: Pick<CheckRun, 'audits' | 'failOn'>): 0 | 1 {
  const threshold = run.audits.some((a) => a.checks.some((c) => c.status === 'fail'));
  const regression = run.audits.some((a) => a.baseline?.some((d) => d.status === 'regressed') ?? false);
  const failed = run.failOn === 'threshold' ? threshold : run.failOn === 'regression' ? regression : threshold || regression;
  return failed ? 1 : 0;
}
