// THEORY §5 in one picture: the ensemble mean's floor at every layer, in model order; the layer
// where it jumps is where the architecture (or the training) breaks the symmetry.
import * as Plot from '@observablehq/plot';
import { pct } from '../../../core/report/format';
import { breakLine } from '../../../core/report/layerRows';
import type { LayerFloor } from '../../../core/localise/types';
import type { AuditReport } from '../../../core/report/types';
import { el, metric } from '../dom';
import { plotFigure } from './plotFigure';

/** The "Floor per layer" figure, the break sentence, and every number in a table (tagged for tests). */
export function layerChart(r: AuditReport, width: number, nonce: string): HTMLElement | null {
  const layers = r.layers;
  if (!layers?.length) return null;
  const b = r.breakingLayer ?? null;
  const rows = layers.map((l, i) => ({ ...l, i, label: `${i + 1} ${l.name}` }));
  const measured = rows.filter((l) => l.floor !== null);
  const skipped = rows.filter((l) => l.floor === null);
  const broken = b ? rows.filter((l) => l.name === b.name && l.index === b.index) : [];
  const many = rows.length > 8;
  const figure = plotFigure({
    id: 'layers',
    title: 'Floor per layer',
    caption:
      'For each layer, the floor of the ensemble mean’s activations (hidden layers: their energy per site, the mean over channels of the squared activation), with its 95 % interval. ' +
      'On a layer that respects the symmetry it is 0 up to noise (an interval reaching 0); the first layer where it jumps is where the symmetry breaks. Crosses: layers on which the group’s action is unknown (hover for why).',
    legend: [
      { swatch: 'dot-ensemble', label: 'floor of the ensemble mean' },
      { swatch: 'band-floor', label: '95 % interval over members' },
    ],
    nonce,
    plot: {
      width,
      height: many ? 320 : 280,
      marginLeft: 56,
      marginRight: 24,
      marginBottom: many ? 80 : 44,
      x: { domain: rows.map((l) => l.label), label: 'layer (model order) →', tickRotate: many ? -35 : 0, padding: 0.4 },
      y: { percent: true, zero: true, grid: true, nice: true, label: '↑ floor (%)' },
      marks: [
        Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.4 }),
        Plot.ruleX(
          measured.filter((l) => l.floorCI),
          { x: 'label', y1: (l: LayerFloor) => l.floorCI![0], y2: (l: LayerFloor) => l.floorCI![1], stroke: 'var(--eq-floor)', strokeWidth: 9, strokeOpacity: 0.3, strokeLinecap: 'round' },
        ),
        Plot.line(measured, { x: 'label', y: 'floor', stroke: 'var(--eq-ensemble)', strokeOpacity: 0.6, strokeWidth: 1.5 }),
        Plot.dot(measured, { x: 'label', y: 'floor', r: 5, fill: 'var(--eq-ensemble)', stroke: 'var(--eq-bg)', strokeWidth: 1.5, className: 'eq-layer', title: layerTitle }),
        Plot.dot(skipped, { x: 'label', y: 0, r: 4, symbol: 'times', stroke: 'var(--eq-muted)', className: 'eq-layer-skipped', title: layerTitle }),
        Plot.dot(broken, { x: 'label', y: 'floor', r: 10, stroke: 'var(--eq-floor)', strokeWidth: 2.5, fill: 'none', className: 'eq-layer-break' }),
        Plot.text(broken, { x: 'label', y: 'floor', dy: -18, text: () => 'floor jumps here', fill: 'var(--eq-floor)', fontWeight: 600, fontSize: 11 }),
      ],
    },
  });
  return el('div', { class: 'layer-floors' }, figure, breakSentence(r), numbersTable(layers));
}

function layerTitle(l: LayerFloor): string {
  if (l.floor === null) return `${l.name} (${l.className}): ${l.note ?? 'no floor'}`;
  const ci = l.floorCI ? `, 95 % interval ${pct(l.floorCI[0])} – ${pct(l.floorCI[1])}` : '';
  return `${l.name} (${l.className}, ${l.action}): floor ${pct(l.floor)}${ci}; mean relError ${pct(l.relError)}, members ${pct(l.memberMedianRelError)}`;
}

function breakSentence(r: AuditReport): HTMLElement {
  const b = r.breakingLayer;
  if (!b) return el('p', { class: 'layer-break none' }, breakLine(r) ?? '');
  return el(
    'p',
    { class: 'layer-break' },
    el('strong', {}, `Floor jumps at ${b.name}: `),
    metric('breakingLayer.previousFloor', b.previousFloor, pct(b.previousFloor, 1)),
    ' → ',
    metric('breakingLayer.floor', b.floor, pct(b.floor, 1)),
    // The sentence's dynamic half repeats the numbers just shown (breakingLayer.ts writes 'static: … — dynamic: …').
    b.staticFinding
      ? el('span', { class: 'static' }, ` · ${b.staticFinding.split(' — dynamic:')[0]}`)
      : ' · no static finding at or before it: the architecture reads compatible, so look at augmentation and initialisation.',
  );
}

/** The chart's numbers as text, in a disclosure: screen readers and tests read them here. */
function numbersTable(layers: readonly LayerFloor[]): HTMLElement {
  const cell = (path: string, v: number | null) => el('td', {}, metric(path, v, pct(v, 1)));
  return el(
    'details',
    { class: 'layer-numbers' },
    el('summary', {}, 'Per-layer numbers'),
    el(
      'table',
      { class: 'layers' },
      el('thead', {}, el('tr', {}, ...['layer', 'action', 'floor', '95 % interval', 'mean relError', 'members (median)'].map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...layers.map((l, i) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, l.name),
            el('td', {}, l.action === 'skipped' ? `skipped: ${l.note ?? ''}` : l.action),
            cell(`layers.${i}.floor`, l.floor),
            el('td', {}, l.floorCI ? `${pct(l.floorCI[0], 1)} – ${pct(l.floorCI[1], 1)}` : '–'),
            cell(`layers.${i}.relError`, l.relError),
            cell(`layers.${i}.memberMedianRelError`, l.memberMedianRelError),
          ),
        ),
      ),
    ),
  );
}
