import { findingPlace, floorLine, summaryRows, verdict } from './rows';
import { pct, num } from './format';
import type { AuditReport } from './types';
import { fixesMarkdown } from './fixesText';
import { ranOn } from './ranOn';
import { breakLine, layerRows } from './layerRows';

/** Markdown report (PR comments, docs). Cell text from model files is escaped for tables. */
export function renderMarkdown(r: AuditReport): string {
  const out: string[] = [];
  out.push(`# EquiLens audit: ${esc(r.group.name)} · ${esc(r.representation.description)}`);
  out.push('');
  out.push(`- Outputs: **${r.outputKind}** (${esc(r.outputKindReason)})`);
  out.push(`- Probes: ${esc(r.probes.description)}`);
  out.push(`- Group: ${r.group.order} elements (${r.group.elements.map(esc).join(', ')})${r.group.sampled ? `, sampled from ${r.group.fullOrder}` : ''}`);
  out.push(`- Backend: ${esc(ranOn(r))} · ${r.timing.totalSeconds.toFixed(1)} s`);
  out.push('');
  out.push(...mdTable(summaryRows(r)));
  const floor = floorLine(r);
  if (floor) {
    out.push('', `**${floor}**`, '', verdict(r)!, '');
    out.push(...mdTable([
      ['k', 'relError (mean ± sd)', 'model', 'OSP', 'DIV'],
      ...r.ensemble!.curve.map((c) => [String(c.k), `${pct(c.relError)} ± ${pct(c.relErrorSd)}`, pct(c.modelRelError), num(c.osp, 3), num(c.div, 4)]),
    ]));
  }
  if (r.perElement.length) {
    out.push('', ...mdTable([
      ['element', 'ensemble relError', 'members (median)'],
      ...r.perElement.map((e) => [e.element, pct(e.ensembleRelError), pct(e.memberMedianRelError)]),
    ]));
  }
  if (r.findings.length) {
    out.push('', '## Findings', '', ...mdTable([
      ['layer or member', 'severity', 'rule', 'evidence'],
      ...r.findings.map((f) => [findingPlace(f), f.severity, f.title, f.evidence]),
    ]));
  }
  if (r.layers?.length) out.push('', '## Where symmetry breaks (per-layer floor)', '', esc(breakLine(r) ?? ''), '', ...mdTable(layerRows(r.layers)));
  out.push(...fixesMarkdown(r, esc));
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `> ⚠️ ${esc(w)}`));
  return out.join('\n') + '\n';
}

function mdTable(rows: string[][]): string[] {
  const [head, ...body] = rows;
  const align = head!.map((_, i) => (i === 0 ? ':--' : '--:'));
  const cell = (c: string) => esc(c).replace(/\|/g, '\\|');
  return [head!.map(cell), align, ...body.map((r) => r.map(cell))].map((r) => `| ${r.join(' | ')} |`);
}

function esc(s: string): string {
  return s.replace(/[<>&*_`[\]]/g, (c) => `\\${c}`);
}
