import { interpolationFloorLine } from './maskLine';
import { auditedInput } from './inputLine';
import { auditedOutput, findingPlace, floorLine, pointErrorLine, summaryRows, verdict } from './rows';
import { pct, num } from './format';
import type { AuditReport } from './types';
import { fixesMarkdown } from './fixesText';
import { ranOn } from './ranOn';
import { breakLine, layerRows } from './layerRows';
import { lieHead, lieLayerRows, lieRows } from './lieRows';
import { mdCell, mdText, plainStrings } from './escape';
import { CURVE_HEAD } from './rows';

const esc = mdText;

/**
 * Markdown report (PR comments, docs). Every string of the report is made one line first (no
 * name can start a heading or a list item), and every interpolated one is escaped (escape.ts).
 */
export function renderMarkdown(report: AuditReport): string {
  const r = plainStrings(report);
  const out: string[] = [];
  out.push(`# EquiLens audit: ${esc(r.group.name)} · ${esc(r.representation.description)}`);
  out.push('');
  out.push(`- Output audited: ${esc(auditedOutput(r))}`);
  const inputLine = auditedInput(r);
  if (inputLine) out.push(`- Input audited: ${esc(inputLine)}`);
  out.push(`- Probes: ${esc(r.probes.description)}`);
  out.push(`- Group: ${r.group.order} elements (${r.group.elements.map(esc).join(', ')})${r.group.sampled ? `, sampled from ${r.group.fullOrder}` : ''}`);
  out.push(`- Backend: ${esc(ranOn(r))} · ${r.timing.totalSeconds.toFixed(1)} s`);
  out.push('');
  out.push(...mdTable(summaryRows(r)));
  const resampling = interpolationFloorLine(r);
  if (resampling) out.push('', esc(resampling));
  const px = pointErrorLine(r);
  if (px) out.push('', esc(px));
  const floor = floorLine(r);
  if (!floor && verdict(r)) out.push('', `**Verdict: ${esc(verdict(r)!)}**`);
  if (floor) {
    out.push('', `**${esc(floor)}**`, '', esc(verdict(r)!), '');
    out.push(...mdTable([[...CURVE_HEAD], ...r.ensemble!.curve.map((c) => [String(c.k), `${pct(c.relError)} ± ${pct(c.relErrorSd)}`, pct(c.modelRelError), num(c.osp, 3), num(c.div, 4)])]));
  }
  if (r.perElement.length) {
    out.push('', ...mdTable([['element', 'ensemble relError', 'members (median)'], ...r.perElement.map((e) => [e.element, pct(e.ensembleRelError), pct(e.memberMedianRelError)])]));
  }
  if (r.findings.length) {
    out.push('', '## Findings', '', ...mdTable([['layer or member', 'severity', 'rule', 'evidence'], ...r.findings.map((f) => [findingPlace(f), f.severity, f.title, f.evidence])]));
  }
  if (r.layersSkipped) out.push('', esc(breakLine(r)!));
  if (r.layers?.length) out.push('', '## Where symmetry breaks (per-layer floor)', '', esc(breakLine(r) ?? ''), '', ...mdTable(layerRows(r.layers, r.lie?.layers)));
  if (r.lie) out.push('', '## Lie derivative', '', esc(lieHead(r.lie)), '', ...mdTable(lieRows(r.lie)));
  const lieLayers = r.lie && !r.layers?.length ? lieLayerRows(r.lie) : null;
  if (lieLayers) out.push('', ...mdTable(lieLayers));
  out.push(...fixesMarkdown(r, esc));
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `> ⚠️ ${esc(w)}`));
  return out.join('\n') + '\n';
}

function mdTable(rows: string[][]): string[] {
  const [head, ...body] = rows;
  const align = head!.map((_, i) => (i === 0 ? ':--' : '--:'));
  return [head!.map(mdCell), align, ...body.map((r) => r.map(mdCell))].map((r) => `| ${r.join(' | ')} |`);
}
