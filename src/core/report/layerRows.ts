import type { LayerFloor } from '../localise/types';
import type { LieLayer } from '../lie/types';
import { pct } from './format';
import { lieValue } from './lieRows';
import type { AuditReport } from './types';

/** One line on where symmetry breaks inside the model (THEORY §5); null when not computed. */
export function breakLine(r: AuditReport): string | null {
  if (r.layersSkipped) return `per-layer floors skipped: ${r.layersSkipped}`;
  const b = r.breakingLayer;
  if (!r.layers || b === undefined) return null;
  if (b)
    return `where symmetry breaks: ${b.staticFinding ?? `floor jumps at ${b.name} (${pct(b.previousFloor, 1)} → ${pct(b.floor, 1)}); no static finding at or before it: the architecture reads compatible, check augmentation and initialisation`}`;
  const floors = r.layers.filter((l) => l.floor !== null);
  const top = floors.reduce<LayerFloor | null>((a, l) => (a && a.floor! >= l.floor! ? a : l), null);
  const largest = !top ? '' : top.floor! > 0 ? ` (largest ${pct(top.floor, 1)} at ${top.name})` : ` (every floor ${pct(0, 1)})`;
  return `per-layer floors: no layer's floor jumps${largest}`;
}

/**
 * The per-layer table (Markdown, HTML): one row per layer, skipped layers with their reason; with
 * `lie` (report.lie.layers, matched by index) a column of the ensemble mean's Lie derivative.
 */
export function layerRows(layers: readonly LayerFloor[], lie?: readonly LieLayer[]): string[][] {
  const ci = (l: LayerFloor) => (l.floorCI ? `${pct(l.floorCI[0], 1)}–${pct(l.floorCI[1], 1)}` : '–');
  const lieOf = (l: LayerFloor) => {
    const v = lie?.find((x) => x.index === l.index);
    return v ? `${lieValue(v.ensemble, v.error)} (members ${lieValue(v.memberMedian)})` : '–';
  };
  return [
    ['layer', 'class', 'output', 'action', 'floor', '95% CI', 'mean relError', 'members (median)', ...(lie ? ['Lie derivative'] : [])],
    ...layers.map((l) => [
      l.name,
      l.className,
      `[${l.outputShape.map((d) => d ?? '?').join(',')}]`,
      l.action === 'skipped' ? `skipped: ${l.note ?? ''}` : l.action,
      pct(l.floor, 1),
      ci(l),
      pct(l.relError, 1),
      pct(l.memberMedianRelError, 1),
      ...(lie ? [lieOf(l)] : []),
    ]),
  ];
}
