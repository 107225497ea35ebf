import { pct, num } from '../report/format';
import { mdCell, mdCode, mdText, plainStrings } from '../report/escape';
import { fmt } from './thresholds';
import type { AuditOutcome, CheckRun } from './types';

/**
 * A Markdown summary to paste as a pull-request comment: a verdict line, one table row per
 * audit, the failed checks, the baseline comparison when there is one, and the curve chart
 * (`chart`: its path relative to the Markdown file, or null when no audit has an ensemble).
 */
export function renderCheckMarkdown(checkRun: CheckRun, chart: string | null, exitCode: 0 | 1): string {
  // Names come from the config and model files: no string may end a line (escape.ts).
  const run = plainStrings(checkRun);
  const checks = run.audits.flatMap((a) => a.checks);
  const failed = checks.filter((c) => c.status === 'fail').length;
  const regressed = run.audits.flatMap((a) => a.baseline ?? []).filter((d) => d.status === 'regressed').length;
  const icon = exitCode === 0 ? '✅' : '❌';
  const out = [
    `## ${icon} EquiLens check: ${failed ? `${failed} of ${checks.length} checks failed` : checks.length ? `all ${checks.length} checks hold` : 'no thresholds set'}${run.baseline ? ` · ${regressed} regression${regressed === 1 ? '' : 's'}` : ''}`,
    '',
  ];
  if (run.changedSince) out.push(`Audits of models changed since ${mdCode(run.changedSince.ref)} only (${run.changedSince.unchanged.length} unchanged left out).`, '');
  out.push(...table([['audit', 'members', 'group', 'floor (95% CI)', 'ensemble relError', 'agreement', 'DIV', 'findings', 'checks'], ...run.audits.map(row)]));
  const failures = run.audits.flatMap((a) =>
    a.checks.filter((c) => c.status === 'fail').map((c) => `- **${esc(a.name)}** · ${mdCode(c.threshold)}: ${esc(c.message)}${c.members ? ` (${c.members.map(mdCode).join(', ')})` : ''}`),
  );
  if (failures.length) out.push('', '### Failed checks', '', ...failures);
  const deltas = run.audits.filter((a) => a.baseline?.length);
  if (deltas.length) {
    out.push('', `### Against the baseline${run.baseline ? ` (${mdCode(run.baseline)})` : ''}`, '');
    out.push(
      ...table([
        ['audit', 'metric', 'baseline', 'now', 'change', 'verdict'],
        ...deltas.flatMap((a) =>
          a.baseline!.map((d) => [a.name, d.metric, fmt(d.metric, d.old), fmt(d.metric, d.new), d.delta === null ? '–' : signed(d.metric, d.delta), `${verdict(d.status)} (${d.reason})`]),
        ),
      ]),
    );
  }
  if (chart) out.push('', `![Ensemble relError against the number of members](${chart})`);
  return out.join('\n') + '\n';
}

function row(a: AuditOutcome): string[] {
  const r = a.report;
  const e = r.ensemble;
  const one = r.members[0];
  const floor = e && e.floor !== null ? `${pct(e.floor)}${e.floorCI ? ` (${pct(e.floorCI[0])}–${pct(e.floorCI[1])})` : ''}` : '–';
  const fails = a.checks.filter((c) => c.status === 'fail').length;
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  return [
    a.name,
    String(r.members.length),
    r.group.name,
    floor,
    pct((e ?? one)?.relError),
    pct((e ?? one)?.agreement, 1),
    num((e ?? one)?.div, 4),
    r.findings.length ? `${r.findings.length}${errors ? ` (${errors} errors)` : ''}` : '0',
    a.checks.length ? `${fails ? '❌' : '✅'} ${a.checks.length - fails}/${a.checks.length}` : '–',
  ];
}

function signed(metric: Parameters<typeof fmt>[0], d: number): string {
  return (d >= 0 ? '+' : '−') + fmt(metric, Math.abs(d));
}

function verdict(s: string): string {
  return s === 'regressed' ? '❌ regressed' : s === 'improved' ? '✅ improved' : s === 'within-noise' ? 'within noise' : 'not comparable';
}

function table(rows: string[][]): string[] {
  const [head, ...body] = rows;
  // Every cell escaped here (and only here), so no caller can forget one.
  const cell = mdCell;
  return [head!.map(cell), head!.map((_, i) => (i === 0 ? ':--' : '--:')), ...body.map((r) => r.map(cell))].map((r) => `| ${r.join(' | ')} |`);
}

const esc = mdText;
