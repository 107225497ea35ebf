// The paper's main figure, from the user's own ensemble: the error of averaged k-member subsets
// against k, the fitted expected-error model, and the floor those both tend to.
import * as Plot from '@observablehq/plot';
import { pct } from '../../../core/report/format';
import type { EnsembleResult } from '../../../core/report/types';
import { plotFigure } from './plotFigure';

export function curveChart(e: EnsembleResult, width: number, nonce: string): HTMLElement {
  const points = e.curve.filter((c) => Number.isFinite(c.relError));
  const model = points.filter((c) => c.modelRelError !== null && Number.isFinite(c.modelRelError));
  const ks = points.map((c) => c.k);
  // The relative floor means nothing when the mean is ≈ 0 (the summary says so): no band then.
  const floor = !e.meanNearZero && e.floor !== null ? e.floor : null;
  const ci = floor !== null ? e.floorCI : null;
  const floorColor = 'var(--eq-floor)';
  const kMax = Math.max(...ks);
  // The floor is the limit k → ∞: drawn as its own column two doublings right of the largest k.
  const kInf = kMax * 4;
  const xTicks = floor !== null ? [...ks, kInf] : ks;
  return plotFigure({
    id: 'curve',
    title: 'How the error shrinks as members are averaged',
    caption:
      `Each dot is the relError of the average of k members drawn at random (mean of 30 draws, bar ± 1 sd); the last, k = ${e.size}, is the ensemble itself. ` +
      'Averaging cancels the members’ own asymmetries, so the error falls as k grows' +
      (floor !== null
        ? ', down to the floor (∞): the error an infinitely large ensemble would keep. A floor band reaching 0 means the ensemble becomes symmetric with enough members; a band clearly above 0 means more members will not fix it.'
        : '. No floor is drawn: relative to an ensemble mean that is ≈ 0 it would not be meaningful.'),
    legend: [
      { swatch: 'dot-measured' as const, label: 'measured: random k-member ensembles (mean ± sd)' },
      ...(model.length ? [{ swatch: 'line-model' as const, label: 'expected from the fitted model' }] : []),
      ...(floor !== null ? [{ swatch: 'band-floor' as const, label: `floor (k → ∞) ${pct(floor)}, band: its 95 % interval` }] : []),
    ],
    nonce,
    plot: {
      width,
      height: 300,
      marginLeft: 56,
      marginRight: 24,
      marginBottom: 44,
      x: {
        type: 'log',
        domain: [Math.min(...ks), floor !== null ? kInf : kMax],
        ticks: xTicks,
        tickFormat: (k: number) => (floor !== null && k === kInf ? '∞' : String(k)),
        label: 'ensemble size k (members averaged, log scale) →',
        inset: 18,
      },
      y: { percent: true, zero: true, grid: true, nice: true, label: '↑ relError (%)' },
      marks: [
        ci ? Plot.rect([ci], { y1: (d: [number, number]) => d[0], y2: (d: [number, number]) => d[1], fill: floorColor, fillOpacity: 0.16, className: 'eq-floor-band' }) : null,
        Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
        floor !== null ? Plot.ruleY([floor], { stroke: floorColor, strokeWidth: 1.5, strokeDasharray: '6 4', className: 'eq-floor' }) : null,
        ci ? Plot.ruleX([kInf], { y1: ci[0], y2: ci[1], stroke: floorColor, strokeWidth: 9, strokeOpacity: 0.45, strokeLinecap: 'round' }) : null,
        floor !== null ? Plot.dot([floor], { x: kInf, y: (d: number) => d, r: 6, symbol: 'diamond2', fill: floorColor, stroke: 'var(--eq-bg)', title: () => floorTitle(floor, ci) }) : null,
        floor !== null ? Plot.text([floor], { x: kInf, y: () => ci?.[1] ?? floor, dy: -14, text: () => `floor ${pct(floor)}`, fill: floorColor, fontWeight: 600, fontSize: 11 }) : null,
        Plot.line(model, { x: 'k', y: 'modelRelError', stroke: 'var(--eq-model)', strokeWidth: 2, curve: 'monotone-x', className: 'eq-model' }),
        Plot.ruleX(points, { x: 'k', y1: (c) => Math.max(0, c.relError - c.relErrorSd), y2: (c) => c.relError + c.relErrorSd, stroke: 'var(--eq-measured)', strokeWidth: 2 }),
        Plot.dot(points, {
          x: 'k',
          y: 'relError',
          r: 5,
          fill: 'var(--eq-measured)',
          stroke: 'var(--eq-bg)',
          strokeWidth: 1.5,
          className: 'eq-measured',
          title: (c) => `k = ${c.k}: ${pct(c.relError)} ± ${pct(c.relErrorSd)}` + (c.modelRelError !== null ? ` (expected ${pct(c.modelRelError)})` : ''),
        }),
      ],
    },
  });
}

function floorTitle(floor: number, ci: [number, number] | null): string {
  return `floor (k → ∞): ${pct(floor)}` + (ci ? `, 95 % interval ${pct(ci[0])} – ${pct(ci[1])}` : '');
}
