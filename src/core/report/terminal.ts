import { median } from '../stats/elementErrors';
import { auditedOutput, findingPlace, floorLine, pointErrorLine, summaryRows, verdict } from './rows';
import { num, pct, table } from './format';
import type { AuditReport } from './types';
import { fixLines } from './fixesText';
import { ranOn } from './ranOn';
import { notMeasurable } from './measurable';
import { breakLine } from './layerRows';
import { lieLines } from './lieRows';
import { auditedInput } from './inputLine';
import { plainStrings, termText } from './escape';
import { membersNeededText } from './verdictWords';
import { interpolationFloorLine } from './maskLine';

/** The CLI's human summary: a header, the members/ensemble table, the floor, warnings. */
export function renderTerminal(report: AuditReport): string {
  // Names from model files must not move the cursor or forge a line (escape.ts).
  const r = plainStrings(report);
  const lines: string[] = [];
  lines.push(`group ${r.group.name} (${r.group.order} elements${r.group.sampled ? `, sampled from ${r.group.fullOrder}` : ''}) · output ${r.representation.description}`);
  lines.push(`output audited: ${auditedOutput(r)}`);
  const inputLine = auditedInput(r);
  if (inputLine) lines.push(`input audited: ${inputLine}`);
  lines.push(`probes: ${r.probes.description} · backend: ${ranOn(r)} · ${r.timing.totalSeconds.toFixed(1)} s`);
  lines.push('');
  lines.push(...table(summaryRows(r)));
  const resampling = interpolationFloorLine(r);
  if (resampling) lines.push(resampling);
  const px = pointErrorLine(r);
  if (px) lines.push(px);
  const floor = floorLine(r);
  if (floor) {
    lines.push('');
    lines.push(floor);
    lines.push(`curve: ${r.ensemble!.curve.map((c) => `k=${c.k} ${pct(c.relError)}±${pct(c.relErrorSd)}`).join(' · ')}`);
    lines.push(verdict(r)!);
  } else if (verdict(r)) {
    lines.push('', `verdict: ${verdict(r)}`);
  }
  const worst = [...r.perElement].sort((a, b) => (b.ensembleRelError ?? 0) - (a.ensembleRelError ?? 0))[0];
  // A constant output has no most broken element: every one reads 0 trivially.
  if (worst && r.perElement.length > 1 && !notMeasurable(r)) lines.push(`most broken element: ${worst.element} (relError ${pct(worst.ensembleRelError)})`);
  for (const f of r.findings) lines.push(`${f.severity} · ${findingPlace(f)}: ${f.title} — ${f.evidence}`);
  const where = breakLine(r);
  if (where) lines.push(where);
  if (r.lie) lines.push(...lieLines(r.lie));
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
      termText(name),
      pct(median(r.members.map((m) => m.relError))),
      pct(e?.relError ?? r.members[0]?.relError),
      pct(e?.floor),
      e?.floorCI ? `${pct(e.floorCI[0])}–${pct(e.floorCI[1])}` : '–',
      num(e?.osp ?? null, 3),
      num(e?.div ?? null, 4),
      e ? membersNeededText(r, '0.01', false) : '–',
    ]);
  }
  return table(rows).join('\n') + '\n';
}
