// relError per group element: which rotation, flip or shift breaks the symmetry most.
import * as Plot from '@observablehq/plot';
import { pct } from '../../../core/report/format';
import type { AuditReport } from '../../../core/report/types';
import { plotFigure } from './plotFigure';

export function elementChart(r: AuditReport, width: number, nonce: string): HTMLElement {
  const rows = r.perElement;
  const ensemble = r.ensemble !== null;
  const value = (v: number | null) => v ?? NaN;
  return plotFigure({
    id: 'elements',
    title: 'Error per group element',
    caption: ensemble
      ? 'For each transformation alone: the members’ median relError (ring) and the ensemble mean’s (dot). The largest shows which transformation the models handle worst.'
      : 'For each transformation alone: the model’s relError. The largest shows which transformation it handles worst.',
    legend: ensemble
      ? [
          { swatch: 'ring-measured', label: 'members (median)' },
          { swatch: 'dot-ensemble', label: 'ensemble mean' },
        ]
      : [{ swatch: 'dot-measured', label: 'model' }],
    nonce,
    plot: {
      width,
      height: 40 + 26 * rows.length,
      marginLeft: Math.min(200, 12 + 7 * Math.max(...rows.map((e) => e.element.length))),
      marginRight: 16,
      marginBottom: 40,
      x: { percent: true, zero: true, grid: true, nice: true, label: 'relError (%) →', labelAnchor: 'center' },
      y: { label: null, domain: rows.map((e) => e.element) },
      marks: [
        Plot.ruleX([0]),
        ensemble
          ? Plot.link(rows, { y1: 'element', y2: 'element', x1: (e) => value(e.memberMedianRelError), x2: (e) => value(e.ensembleRelError), stroke: 'currentColor', strokeOpacity: 0.35 })
          : null,
        ensemble
          ? Plot.dot(rows, {
              y: 'element',
              x: (e) => value(e.memberMedianRelError),
              r: 5,
              stroke: 'var(--eq-measured)',
              strokeWidth: 2,
              fill: 'var(--eq-bg)',
              title: (e) => `${e.element}: members' median ${pct(e.memberMedianRelError)}`,
            })
          : null,
        Plot.dot(rows, {
          y: 'element',
          x: (e) => value(e.ensembleRelError),
          r: 5,
          fill: ensemble ? 'var(--eq-ensemble)' : 'var(--eq-measured)',
          className: 'eq-element',
          title: (e) => `${e.element}: ${ensemble ? 'ensemble mean' : 'model'} ${pct(e.ensembleRelError)}`,
        }),
      ],
    },
  });
}
