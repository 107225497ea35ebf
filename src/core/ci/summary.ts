import { plainStrings } from '../report/escape';
import { checkExitCode } from './exitCode';
import type { CheckRun } from './types';

/** The terminal summary of a check run: each audit, its checks and baseline verdicts, then the totals. */
export function renderCheckSummary(checkRun: CheckRun, exitCode: 0 | 1): string {
  // Audit names and messages come from the config and model files: none may forge a line.
  const run = plainStrings(checkRun);
  const out: string[] = [];
  for (const a of run.audits) {
    const r = a.report;
    // The audit's mark follows --fail-on, like the exit code; each line below still says what it saw.
    const failed = checkExitCode({ audits: [a], failOn: run.failOn }) === 1;
    out.push(
      `${failed ? 'FAIL' : 'ok  '} ${a.name} · ${r.group.name} · ${r.members.length} member${r.members.length === 1 ? '' : 's'} · ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}`,
    );
    // A failure --fail-on does not count is a WARN: reported, but it does not fail the run.
    const bad = (counts: boolean) => (counts ? 'FAIL' : 'WARN');
    const rows = [
      ...a.checks.map((c) => [`  ${c.status === 'fail' ? bad(run.failOn !== 'regression') : c.status.toUpperCase()} ${c.threshold}`, c.message]),
      ...(a.baseline ?? []).map((d) => [`  ${d.status === 'regressed' ? bad(run.failOn !== 'threshold') : '    '} ${d.metric} vs baseline`, `${d.status}: ${d.reason}`]),
    ];
    const width = Math.max(0, ...rows.map((r) => r[0]!.length));
    if (rows.length) out.push(...rows.map(([label, text]) => `${label!.padEnd(width)}  ${text}`));
    else out.push('  (no thresholds set)');
  }
  if (run.changedSince) {
    const n = run.changedSince.unchanged.length;
    out.push(`${n} audit${n === 1 ? '' : 's'} left out: no file changed since ${run.changedSince.ref}${n ? ` (${run.changedSince.unchanged.join(', ')})` : ''}`);
  }
  const checks = run.audits.flatMap((a) => a.checks);
  const fails = checks.filter((c) => c.status === 'fail').length;
  const regressions = run.audits.flatMap((a) => a.baseline ?? []).filter((d) => d.status === 'regressed').length;
  const tail = run.baseline ? `, ${regressions} regression${regressions === 1 ? '' : 's'} beyond noise` : '';
  out.push(
    `${exitCode ? 'FAILED' : 'passed'}: ${run.audits.length} audit${run.audits.length === 1 ? '' : 's'}, ${checks.length - fails} of ${checks.length} checks hold${tail} (--fail-on ${run.failOn})`,
  );
  return out.join('\n') + '\n';
}
