// One bar per member next to the ensemble mean: members can be far from symmetric while their
// average is close.
import * as Plot from '@observablehq/plot';
import { pct } from '../../../core/report/format';
import type { AuditReport } from '../../../core/report/types';
import { memberLabels } from '../labels';
import { plotFigure } from './plotFigure';

export function memberChart(r: AuditReport, width: number, nonce: string): HTMLElement {
  const labels = memberLabels(r.members.map((m) => m.path));
  const data = r.members.map((m, i) => ({ label: labels[i]!, path: m.path, relError: m.relError ?? NaN }));
  const mean = r.ensemble?.relError ?? null;
  // Many members: thin rows without names (the table below names them all).
  const dense = data.length > 30;
  return plotFigure({
    id: 'members',
    title: 'Each member vs. their average',
    caption: 'Bars: each member’s relError on its own. The line: the relError of the members’ average (the ensemble mean).',
    legend: [{ swatch: 'dot-measured', label: 'one member' }, ...(mean !== null ? [{ swatch: 'dot-ensemble' as const, label: `ensemble mean ${pct(mean)}` }] : [])],
    nonce,
    plot: {
      width,
      height: 44 + (dense ? 6 : 22) * data.length,
      marginLeft: dense ? 16 : Math.min(200, 12 + 7 * Math.max(...labels.map((l) => l.length))),
      marginRight: 16,
      marginBottom: 40,
      x: { percent: true, zero: true, grid: true, nice: true, label: 'relError (%) →', labelAnchor: 'center' },
      y: { label: null, domain: labels, axis: dense ? null : 'left' },
      marks: [
        Plot.barX(data, { y: 'label', x: 'relError', fill: 'var(--eq-measured)', fillOpacity: 0.85, className: 'eq-member', title: (d) => `${d.path}: ${pct(d.relError)}` }),
        mean !== null ? Plot.ruleX([mean], { stroke: 'var(--eq-ensemble)', strokeWidth: 2.5, className: 'eq-ensemble' }) : null,
        Plot.ruleX([0]),
      ],
    },
  });
}
