import type { Finding } from '../checks/findings';
import { groupNeeds } from '../checks/groupNeeds';
import type { AuditReport } from '../report/types';

/** How far from the current size (each way) the search for one aligned input size goes. */
export const SIZE_REACH = 64;

/** One input axis the group acts on: its word in evidence, its index in the input shape, its size. */
export interface SizedAxis {
  word: 'rows' | 'columns' | 'steps';
  index: number;
  from: number;
}

/**
 * One input size for the whole model (issue 12): the nearest size at which no strided window
 * grid is off-centre, found by walking the model's topology again at each candidate size, so
 * every layer's map follows from the input as it would at run time. Per-layer targets (256 →
 * 257 for one layer, 258 for the next, …) contradict each other; this is the one that works.
 */
export interface InputSizeAdvice {
  axes: SizedAxis[];
  /** The aligned size per axis (parallel to axes); null when none lies within SIZE_REACH. */
  to: number[] | null;
  /** The input shape (batch first) at that size; null with `to`. */
  shape: (number | null)[] | null;
  /** stride-misaligned findings at the current size that the new size clears (all of those naming an axis). */
  cleared: number;
  reach: number;
  /** Images: the current rows and columns (the axis the group leaves alone keeps its size); null for sequences. */
  rowsColumns: [number, number] | null;
}

type Analyze = (inputShape: (number | null)[]) => Finding[];

/**
 * The whole-model input size for `report`'s stride-misaligned findings, or null when there are
 * none that a size can clear (strides unequal per axis need a stride change instead).
 */
export function wholeModelInputSize(report: AuditReport, analyze: Analyze, reach = SIZE_REACH): InputSizeAdvice | null {
  const axes = movingAxes(report);
  if (!axes.length) return null;
  const words = axes.map((a) => a.word);
  const base = inputDims(report);
  const now = analyze(base);
  const cleared = misaligned(now, words);
  if (!cleared) return null;
  const others = otherArchitecture(now);
  const rowsColumns = imageRowsColumns(report);
  const fits = (shape: (number | null)[], on: string[]) => {
    const fs = analyze(shape);
    return misaligned(fs, on) === 0 && otherArchitecture(fs) <= others;
  };
  const at = (sizes: Map<number, number>) => base.map((d, i) => sizes.get(i) ?? d);
  // Rotations need square inputs: both axes move together. Otherwise each axis on its own.
  const square = groupNeeds(report.group.name).square;
  const searches = square ? [axes] : axes.map((a) => [a]);
  const chosen = new Map<number, number>();
  for (const group of searches) {
    const n = group[0]!.from;
    const size = nearest(n, reach, (x) =>
      fits(
        at(new Map(group.map((a) => [a.index, x]))),
        group.map((a) => a.word),
      ),
    );
    if (size === null) return { axes, to: null, shape: null, cleared, reach, rowsColumns };
    for (const a of group) chosen.set(a.index, size);
  }
  const shape = at(chosen);
  // Axes found one at a time must also hold together.
  if (!fits(shape, words)) return { axes, to: null, shape: null, cleared, reach, rowsColumns };
  return { axes, to: axes.map((a) => chosen.get(a.index)!), shape, cleared, reach, rowsColumns };
}

/** The input's axes the group moves, with their sizes (NHWC, NCHW when the report says so, or NWC sequences). */
export function movingAxes(report: AuditReport): SizedAxis[] {
  const shape = inputDims(report);
  const needs = groupNeeds(report.group.name);
  const layout = (report.model.input as { layout?: string }).layout;
  const out: SizedAxis[] = [];
  const add = (word: SizedAxis['word'], index: number) => {
    const n = shape[index];
    if (typeof n === 'number' && n > 0) out.push({ word, index, from: n });
  };
  if (shape.length === 4) {
    const [h, w] = layout === 'NCHW' ? [2, 3] : [1, 2];
    if (needs.rows || needs.translate) add('rows', h);
    if (needs.cols || needs.translate) add('columns', w);
  } else if (shape.length === 3 && (needs.reverse || needs.shift)) add('steps', 1);
  return out;
}

/**
 * The input shape in the model's axis order, open sizes taken from the probes (which are held
 * channels-last: an NCHW model's [B, C, H, W] reads them from [B, H, W, C]).
 */
function inputDims(report: AuditReport): (number | null)[] {
  const p = report.probes.shape;
  const nchw = (report.model.input as { layout?: string }).layout === 'NCHW' && p.length === 4;
  const probe = nchw ? [p[0], p[3], p[1], p[2]] : p;
  return report.model.input.shape.map((d, i) => d ?? probe[i] ?? null);
}

/** Rows and columns of an image input (NHWC, or NCHW when the report says so); null otherwise. */
function imageRowsColumns(report: AuditReport): [number, number] | null {
  const shape = inputDims(report);
  if (shape.length !== 4) return null;
  const [h, w] = (report.model.input as { layout?: string }).layout === 'NCHW' ? [shape[2], shape[3]] : [shape[1], shape[2]];
  return typeof h === 'number' && typeof w === 'number' ? [h, w] : null;
}

/** The size nearest n (larger first on a tie) for which `ok` holds, within `reach`; null when none. */
function nearest(n: number, reach: number, ok: (x: number) => boolean): number | null {
  for (let d = 1; d <= reach; d++) {
    if (ok(n + d)) return n + d;
    if (n - d >= 2 && ok(n - d)) return n - d;
  }
  return null;
}

function misaligned(findings: readonly Finding[], words: readonly string[]): number {
  return findings.filter((f) => f.kind === 'stride-misaligned' && words.some((w) => f.evidence.includes(` ${w}`))).length;
}

function otherArchitecture(findings: readonly Finding[]): number {
  return findings.filter((f) => f.kind !== 'stride-misaligned' && ['kernel-not-square', 'dilation-not-isotropic', 'even-kernel-same-padding', 'asymmetric-crop-or-pad'].includes(f.kind)).length;
}
