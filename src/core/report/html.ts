import { interpolationFloorLine } from './maskLine';
import { auditedOutput, CURVE_HEAD, findingPlace, floorLine, pointErrorLine, summaryRows, verdict } from './rows';
import { num, pct } from './format';
import type { AuditReport } from './types';
import { fixesHtml } from './fixesHtml';
import { ranOn } from './ranOn';
import { breakLine, layerRows } from './layerRows';
import { lieHead, lieLayerRows, lieRows } from './lieRows';
import { htmlText } from './escape';
import { auditedInput } from './inputLine';

/**
 * Standalone HTML report: no script, no remote resource, every string escaped (layer and file
 * names come from untrusted model files).
 */
export function renderHtml(r: AuditReport): string {
  const rows = summaryRows(r);
  const floor = floorLine(r);
  const body = [
    `<h1>EquiLens audit · ${h(r.group.name)} · ${h(r.representation.description)}</h1>`,
    `<p class="meta">output audited: ${h(auditedOutput(r))} · probes: ${h(r.probes.description)} · backend: ${h(ranOn(r))} · ${h(r.createdAt)}</p>`,
    auditedInput(r) ? `<p class="meta">input audited: ${h(auditedInput(r)!)}</p>` : '',
    tableHtml(rows),
    interpolationFloorLine(r) ? `<p class="meta">${h(interpolationFloorLine(r)!)}</p>` : '',
    pointErrorLine(r) ? `<p>${h(pointErrorLine(r)!)}</p>` : '',
    floor ? `<p class="floor"><strong>${h(floor)}</strong></p><p>${h(verdict(r) ?? '')}</p>` : verdict(r) ? `<p class="verdict"><strong>Verdict: ${h(verdict(r)!)}</strong></p>` : '',
    r.ensemble
      ? `<h2>Ensemble-size curve</h2>${tableHtml([
          [...CURVE_HEAD],
          ...r.ensemble.curve.map((c) => [String(c.k), `${pct(c.relError)} ± ${pct(c.relErrorSd)}`, pct(c.modelRelError), num(c.osp, 3), num(c.div, 4)]),
        ])}`
      : '',
    r.perElement.length
      ? `<h2>Error per group element</h2>${tableHtml([
          ['element', 'ensemble relError', 'members (median)'],
          ...r.perElement.map((e) => [e.element, pct(e.ensembleRelError), pct(e.memberMedianRelError)]),
        ])}`
      : '',
    r.findings.length ? `<h2>Findings</h2>${tableHtml([['layer or member', 'severity', 'rule', 'evidence'], ...r.findings.map((f) => [findingPlace(f), f.severity, f.title, f.evidence])])}` : '',
    r.layersSkipped ? `<p class="meta">${h(breakLine(r)!)}</p>` : '',
    r.layers?.length ? `<h2>Where symmetry breaks (per-layer floor)</h2><p>${h(breakLine(r) ?? '')}</p>${tableHtml(layerRows(r.layers, r.lie?.layers))}` : '',
    r.lie ? `<h2>Lie derivative</h2><p>${h(lieHead(r.lie))}</p>${tableHtml(lieRows(r.lie))}${r.layers?.length || !lieLayerRows(r.lie) ? '' : tableHtml(lieLayerRows(r.lie)!)}` : '',
    fixesHtml(r),
    r.warnings.length ? `<ul class="warnings">${r.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul>` : '',
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>EquiLens audit</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:right}
td:first-child,th:first-child{text-align:left}pre{overflow:auto;padding:.5rem;background:rgba(127,127,127,.12)}.fix h3{margin-bottom:.25rem}.meta{color:#666}.warnings{color:#8a5a00}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}td,th{border-color:#444}.meta{color:#aaa}}
</style></head><body>
${body}
</body></html>
`;
}

function tableHtml(rows: string[][]): string {
  const [head, ...body] = rows;
  return `<table><thead><tr>${head!.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** HTML-escapes text for element content and attribute values. */
export function h(s: string): string {
  return htmlText(s);
}
