// What the ensemble mean did with the probe: for class vectors, expected vs actual per class;
// for output maps, where they differ, as a heatmap of |actual − expected|.
import * as Plot from '@observablehq/plot';
import { num } from '../../../core/report/format';
import type { ProbePicture } from '../../../core/report/types';
import { el } from '../dom';
import { plotFigure, withNonce } from '../charts/plotFigure';

export function outputDiff(p: ProbePicture, nonce: string): HTMLElement {
  return p.outputShape.length <= 1 ? classBars(p, nonce) : mapHeatmap(p, nonce);
}

/** Beyond this many classes the bars would be unreadable: show the most likely ones. */
const MAX_CLASSES = 24;

function classBars(p: ProbePicture, nonce: string): HTMLElement {
  const all = p.expected.map((expected, cls) => ({ cls: String(cls), expected, moved: p.moved[cls] ?? NaN }));
  const data =
    all.length <= MAX_CLASSES
      ? all
      : all
          .slice()
          .sort((a, b) => Math.max(b.expected, b.moved) - Math.max(a.expected, a.moved))
          .slice(0, MAX_CLASSES)
          .sort((a, b) => +a.cls - +b.cls);
  const shown = data.length < all.length ? ` The ${data.length} classes with the largest outputs of ${all.length}.` : '';
  return plotFigure({
    id: 'picture-output',
    heading: 'h4',
    title: 'Output per class',
    caption: `Outline: what an equivariant ensemble would output for the transformed probe. Filled: what the ensemble mean output.${shown}`,
    legend: [
      { swatch: 'bar-expected', label: 'expected' },
      { swatch: 'bar-moved', label: 'actual' },
    ],
    nonce,
    plot: {
      width: Math.max(220, 40 + 28 * data.length),
      height: 170,
      marginLeft: 44,
      x: { type: 'band', label: 'class', padding: 0.15, domain: data.map((d) => d.cls) },
      y: { grid: true, label: null, nice: true },
      marks: [
        Plot.barY(data, { x: 'cls', y: 'expected', fill: 'none', stroke: 'var(--eq-expected)', strokeWidth: 1.5, title: (d) => `class ${d.cls}: expected ${num(d.expected, 4)}` }),
        Plot.barY(data, {
          x: 'cls',
          y: 'moved',
          fill: 'var(--eq-moved)',
          fillOpacity: 0.85,
          insetLeft: 5,
          insetRight: 5,
          className: 'eq-moved',
          title: (d) => `class ${d.cls}: actual ${num(d.moved, 4)}`,
        }),
        Plot.ruleY([0]),
      ],
    },
  });
}

function mapHeatmap(p: ProbePicture, nonce: string): HTMLElement {
  const s = p.outputShape;
  const c = s.at(-1)!;
  const [h, w] = s.length >= 3 ? [s[0]!, s[1]!] : [1, s[0]!];
  const diff = new Float64Array(h * w);
  for (let i = 0; i < h * w; i++) {
    let sum = 0;
    for (let k = 0; k < c; k++) sum += ((p.moved[i * c + k] ?? 0) - (p.expected[i * c + k] ?? 0)) ** 2;
    diff[i] = Math.sqrt(sum);
  }
  const max = Math.max(1e-12, ...diff);
  const color = { type: 'linear' as const, scheme: 'viridis' as const, domain: [0, max], label: '|actual − expected|' };
  const scale = Plot.scale({ color });
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.className = h === 1 ? 'probe-img strip' : 'probe-img';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Heatmap of |actual − expected| over the ${h}×${w} output map; largest ${num(max, 4)}`);
  const ctx = canvas.getContext('2d');
  for (let i = 0; ctx && i < h * w; i++) {
    ctx.fillStyle = scale.apply(diff[i]) as string;
    ctx.fillRect(i % w, Math.floor(i / w), 1, 1);
  }
  const ramp = Plot.legend({ color, width: 220, ticks: 3, tickFormat: (v: number) => num(v, 3) });
  withNonce(ramp, nonce);
  return el(
    'figure',
    { class: 'chart', 'data-chart': 'picture-output' },
    el('h4', {}, 'Where the output map is wrong'),
    canvas,
    ramp,
    el('figcaption', {}, `Per pixel: the distance between what the ensemble mean output and what an equivariant one would (channels combined). Brighter = more asymmetric.`),
  );
}
