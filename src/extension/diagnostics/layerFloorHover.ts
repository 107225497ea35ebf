import type { Fix } from '../../core/advice/types';
import type { Finding } from '../../core/checks/findings';
import { pct } from '../../core/report/format';
import type { AuditReport } from '../../core/report/types';
import { groupLabel } from '../results';
import { hoverMarkdown } from './findingDiagnostics';

/** A layer of the document, as the hover names it. */
export interface HoverLayer {
  name: string;
  index: number;
}

/** What a layer's hover shows: static findings, and what the last audit and the fixes say about it. */
export interface LayerHoverFacts {
  layer: HoverLayer;
  group: string;
  findings: readonly Finding[];
  /** The last audit covering this model, with the label it was run under. */
  last?: { report: AuditReport; label: string };
  /** The best fix that changes this layer, and whether its effect was measured by an audit. */
  fix?: Fix;
  measured: boolean;
}

/** The whole hover: the findings, then the layer's floor from the last audit, then its top fix, as sections. */
export function layerHoverMarkdown(f: LayerHoverFacts): string {
  const floor = f.last ? layerFloorLines(f.last.report, f.last.label, f.layer) : [];
  const sections = [hoverMarkdown(f.layer.name, f.group, f.findings), floor.join('\n\n'), ...topFixLine(f.fix, f.measured)];
  return sections.filter((s) => s !== '').join('\n\n---\n\n');
}

/**
 * The hover's lines from the last audit of this model: the layer's per-layer floor (THEORY §5)
 * and whether the floor jumps here; [] when the report has no floor for this layer. Reads
 * report.layers and report.breakingLayer defensively: older reports lack them.
 */
export function layerFloorLines(report: AuditReport, label: string, layer: HoverLayer): string[] {
  const floors: unknown = report.layers;
  const where = `${groupLabel(report.group.name)} audit of ${label}`;
  if (floors === null) return [`**Per-layer floor** · ${where}: not computed (see the report's warnings)`];
  if (!Array.isArray(floors)) return [];
  const own = floors.find((l: { name?: unknown; index?: unknown }) => sameLayer(l, layer)) as { floor?: unknown; floorCI?: unknown; note?: unknown } | undefined;
  if (!own) return [];
  const floor = typeof own.floor === 'number' ? own.floor : null;
  const ci = Array.isArray(own.floorCI) && own.floorCI.every((x) => typeof x === 'number') ? own.floorCI : null;
  const value = floor === null ? `– ${typeof own.note === 'string' ? `(${own.note})` : ''}`.trim() : `**${percent(floor)}**${ci ? ` (95 % interval ${percent(ci[0]!)}–${percent(ci[1]!)})` : ''}`;
  const lines = [`**Per-layer floor** · ${where}: ${value}`];
  const jump = report.breakingLayer as { name?: unknown; index?: unknown; floor?: unknown; previousFloor?: unknown; staticFinding?: unknown } | null | undefined;
  if (jump && typeof jump.floor === 'number' && typeof jump.previousFloor === 'number') {
    if (sameLayer(jump, layer)) {
      const why = typeof jump.staticFinding === 'string' ? `\n\n_${jump.staticFinding}_` : '';
      lines.push(`⚠ **Floor jumps here: ${percent(jump.previousFloor)} → ${percent(jump.floor)}**${why}`);
    } else if (typeof jump.name === 'string') {
      lines.push(`The floor first jumps at \`${jump.name}\` (${percent(jump.previousFloor)} → ${percent(jump.floor)}).`);
    }
  }
  return lines;
}

/** The hover's line for the best fix that changes this layer; `measured` says whether its effect comes from an audit. */
export function topFixLine(fix: Fix | undefined, measured: boolean): string[] {
  if (!fix) return [];
  const note = measured ? fix.effect : 'not measured yet: static findings only';
  return [`**Top fix:** ${fix.title} — _${note}_ (light bulb → *Show fix*)`];
}

/** Same layer: by name, or by index for the unnamed ('#3') layers findings number. */
function sameLayer(l: { name?: unknown; index?: unknown }, layer: HoverLayer): boolean {
  return l.name === layer.name || (layer.name.startsWith('#') && l.index === layer.index);
}

/** One decimal and a space before '%', as the CodeLens writes it: '41.2 %'. */
function percent(x: number): string {
  return pct(x, 1).replace('%', ' %');
}
