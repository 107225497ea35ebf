import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../../errors';
import { elementPerms } from '../classPermutations';
import { shapeText } from '../siteGroup';
import type { Group, PointLayout, Representation } from '../types';
import { frameAxis, POINT_FRAMES, type PointFrame } from './frames';
import { movePoint, pointMotions } from './motion';
import { describePerm, fieldNames, pointsOutputProblem } from './pointsText';

/** What a points rule needs beyond the spec: the audited input's H×W (the grid the group acts on). */
export interface PointsContext {
  inputGrid?: readonly number[];
}

/** A parsed 'points:' spec (before the output's size is known). */
export interface PointsSpec {
  fields: string;
  frame: PointFrame;
  /** The ';gen=perm…' part, '' when none. */
  perms: string;
}

/** Splits 'yxs,pixels;flip-h=1,0' into fields, frame and permutations; one-line errors. */
export function parsePointsSpec(body: string): PointsSpec {
  const cut = body.indexOf(';');
  const head = (cut < 0 ? body : body.slice(0, cut)).trim();
  const perms = cut < 0 ? '' : body.slice(cut + 1).trim();
  const [fields = '', frame = 'unit', ...extra] = head.split(',').map((t) => t.trim());
  if (!/^[xyzs]+$/.test(fields)) {
    throw new EquiLensError(undefined, `points: fields '${fields}' must be letters x, y, z (coordinates) and s (scores), e.g. points:yxs`);
  }
  if (!/[xy]/.test(fields)) throw new EquiLensError(undefined, `points: fields '${fields}' hold no x or y coordinate`);
  if (extra.length || !(POINT_FRAMES as readonly string[]).includes(frame)) {
    throw new EquiLensError(undefined, `points: frame '${[frame, ...extra].join(',')}' is not one of ${POINT_FRAMES.join(', ')} (points:<fields>[,<frame>][;<gen>=<perm>…])`);
  }
  return { fields, frame: frame as PointFrame, perms };
}

/**
 * ρ_out for keypoints (issue 12): each probe's output is a run of groups of len(fields) values;
 * x and y move as the image moves its pixels (motion.ts) in the chosen frame (frames.ts), z and
 * s stay, and ';gen=perm' sends point k to point π(k) (left/right landmarks) like classes.
 */
export function pointsRepresentation(body: string, group: Group, outputShape: readonly (number | null)[], ctx: PointsContext): Representation {
  const spec = parsePointsSpec(body);
  const { fields, frame } = spec;
  const grid = ctx.inputGrid;
  if (!grid || grid.length !== 2) throw new EquiLensError(undefined, `points need an image input [H, W, C]; group '${group.name}' acts on ${grid ? grid.length : 'no'}-d grids`);
  const [H, W] = grid as [number, number];
  const motions = pointMotions(group, H, W);
  const n = fields.length;
  const xs = [...fields].flatMap((f, k) => (f === 'x' ? [k] : []));
  const ys = [...fields].flatMap((f, k) => (f === 'y' ? [k] : []));
  const pairCount = Math.max(xs.length, ys.length);
  checkUnpaired(xs.length !== ys.length, motions, fields, group);
  const ax = frameAxis(frame, W);
  const ay = frameAxis(frame, H);

  // Per output size D: the element permutations of its D / n points (validated once).
  const byD = new Map<number, number[][]>();
  const pisFor = (D: number): number[][] => {
    let pis = byD.get(D);
    if (!pis) {
      const problem = pointsOutputProblem(fields, [D], D);
      if (problem) throw new EquiLensError(undefined, problem);
      const P = D / n;
      pis = spec.perms ? elementPerms(spec.perms, group, P, 'points').pis : group.elements.map(() => Array.from({ length: P }, (_, k) => k));
      byD.set(D, pis);
    }
    return pis;
  };
  const dims = outputShape.slice(1);
  if (dims.length && dims.every((d): d is number => d !== null)) {
    const D = dims.reduce((a, b) => a * b, 1);
    const problem = pointsOutputProblem(fields, dims, D);
    if (problem) throw new EquiLensError(undefined, `${problem}, output ${shapeText(outputShape)}`);
    pisFor(D);
  }

  const applyRow = (i: number, row: Float32Array): Float32Array => {
    const pi = pisFor(row.length)[i]!;
    const out = new Float32Array(row.length);
    const mo = motions[i]!;
    for (let k = 0; k < pi.length; k++) {
      const src = k * n;
      const dst = pi[k]! * n;
      out.set(row.subarray(src, src + n), dst);
      for (let j = 0; j < pairCount; j++) {
        const xi = xs[j];
        const yi = ys[j];
        const X = xi === undefined ? 0 : (row[src + xi]! - ax.origin) * ax.pixels;
        const Y = yi === undefined ? 0 : (row[src + yi]! - ay.origin) * ay.pixels;
        const [X2, Y2] = movePoint(mo, X, Y);
        if (xi !== undefined) out[dst + xi] = X2 / ax.pixels + ax.origin;
        if (yi !== undefined) out[dst + yi] = Y2 / ay.pixels + ay.origin;
      }
    }
    return out;
  };
  const shiftFrame = (sign: number) => (values: Float32Array, D: number) => {
    for (let idx = 0; idx < values.length; idx++) {
      const f = fields[(idx % D) % n];
      if (f === 'x') values[idx]! -= sign * ax.origin;
      else if (f === 'y') values[idx]! -= sign * ay.origin;
    }
  };
  const points: PointLayout = {
    pixelsPerUnit: [ax.pixels, ay.pixels],
    pairs: (D) => {
      const P = D / n;
      const out = new Int32Array(P * pairCount * 2);
      for (let k = 0; k < P; k++) {
        for (let j = 0; j < pairCount; j++) {
          out[(k * pairCount + j) * 2] = xs[j] === undefined ? -1 : k * n + xs[j]!;
          out[(k * pairCount + j) * 2 + 1] = ys[j] === undefined ? -1 : k * n + ys[j]!;
        }
      }
      return out;
    },
  };
  return {
    kind: 'points',
    description: describe(spec, group, byD),
    applyRow,
    apply: (i, y) => {
      if (i === 0) return tf.clone(y);
      const values = y.dataSync() as Float32Array;
      const B = y.shape[0] ?? 1;
      const D = values.length / B;
      const out = new Float32Array(values.length);
      for (let b = 0; b < B; b++) out.set(applyRow(i, values.subarray(b * D, (b + 1) * D)), b * D);
      return tf.tensor(out, y.shape, 'float32');
    },
    toMetricFrame: shiftFrame(1),
    fromMetricFrame: shiftFrame(-1),
    points,
  };
}

/** An x without a y (or a y without an x) can only follow elements that do not mix the axes. */
function checkUnpaired(unpaired: boolean, motions: ReturnType<typeof pointMotions>, fields: string, group: Group): void {
  if (!unpaired) return;
  const k = motions.findIndex((mo) => mo.kind === 'linear' && (mo.m[1] !== 0 || mo.m[2] !== 0));
  if (k >= 0) throw new EquiLensError(undefined, `points:${fields}: ${group.elements[k]!.name} of group '${group.name}' mixes x and y, so every x needs a y`);
}

/** E.g. 'points (y, x, score; unit frame; flip-h swaps 1↔2, 3↔4)'. */
function describe(spec: PointsSpec, group: Group, byD: Map<number, number[][]>): string {
  const parts = [fieldNames(spec.fields), `${spec.frame} frame`];
  const pis = [...byD.values()][0];
  const named = new Set(spec.perms.split(';').map((item) => item.split('=')[0]!.trim()));
  if (spec.perms && pis) {
    group.generators.forEach((g, k) => {
      const el = group.elements.findIndex((e) => e.word.length === 1 && e.word[0] === k);
      if (el >= 0 && named.has(g)) parts.push(`${g} ${describePerm(pis[el]!)}`);
    });
  } else if (spec.perms) parts.push(spec.perms);
  return `points (${parts.join('; ')})`;
}
