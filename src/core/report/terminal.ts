import { median } from '../stats/elementErrors';
import { findingPlace, floorLine, summaryRows, verdict } from './rows';
import { num, pct, table } from './format';
import type { AuditReport } from './types';
import { fixLines } from './fixesText';
import { ranOn } from './ranOn';
import { breakLine } from './layerRows';

/** The CLI's human summary: a header, the members/ensemble table, the floor, warnings. */
export function renderTerminal(r: AuditReport): string {
  const lines: string[] = [];
  lines.push(`group ${r.group.name} (${r.group.order} elements${r.group.sampled ? `, sampled from ${r.group.fullOrder}` : ''}) · output ${r.representation.description} · ${r.outputKind} (${r.outputKindReason})`);
  lines.push(`probes: ${r.probes.description} · backend: ${ranOn(r)} · ${r.timing.totalSeconds.toFixed(1)} s`);
  lines.push('');
  lines.push(...table(summaryRows(r)));
  const floor = floorLine(r);
  if (floor) {
    lines.push('');
    lines.push(floor);
    lines.push(`curve: ${r.ensemble!.curve.map((c) => `k=${c.k} ${pct(c.relError)}±${pct(c.relErrorSd)}`).join(' · ')}`);
    lines.push(verdict(r)!);
  }
  const worst = [...r.perElement].sort((a, b) => (b.ensembleRelError ?? 0) - (a.ensembleRelError ?? 0))[0];
  if (worst && r.perElement.length > 1) lines.push(`most broken element: ${worst.element} (relError ${pct(worst.ensembleRelError)})`);
  for (const f of r.findings) lines.push(`${f.severity} · ${findingPlace(f)}: ${f.title} — ${f.evidence}`);
  const where = breakLine(r);
  if (where) lines.push(where);
  lines.push(...fixLines(r));
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

/** Several audits side by side (the demo): one row per ensemble. */
export function renderComparison(named: { name: string; report: AuditReport }[]): string {
  const rows = [['ensemble', 'members relError (median)', 'ensemble relError', 'floor', '95% CI', 'OSP', 'DIV', 'to reach 1%']];
  for (const { name, report: r } of named) {
    const e = r.ensemble;
    rows.push([
      name,
      pct(median(r.members.map((m) => m.relError))),
      pct(e?.relError ?? r.members[0]?.relError),
      pct(e?.floor),
      e?.floorCI ? `${pct(e.floorCI[0])}–${pct(e.floorCI[1])}` : '–',
      num(e?.osp ?? null, 3),
      num(e?.div ?? null, 4),
      e ? (e.membersNeeded['0.01'] === null ? 'unreachable' : String(e.membersNeeded['0.01'])) : '–',
    ]);
  }
  return table(rows).join('\n') + '\n';
}
