import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { elementPerms } from './classPermutations';
import { diskMask } from './continuous/resample';
import { describePerm } from './points/pointsText';
import { gridRank, shapeText, sitePermutation } from './siteGroup';
import type { Group, Representation } from './types';

const OUTPUT_SHAPE = { image: '[B,h,w,C]', sequence: '[B,w,C]', set: '[B,P,F]' } as const;
const OUTPUT_SHAPE_CF = { image: '[B,C,h,w]', sequence: '[B,C,w]', set: '[B,F,P]' } as const;

/**
 * 'same' and 'same;<gen>=<perm>…': output maps move like the input (their grid is permuted as
 * the group permutes the input's sites) and, with permutations, their channels are permuted like
 * classes (pose heatmaps with left/right channels). `channelsFirst`: outputs are [B,C,h,w].
 */
export function sameRepresentation(body: string, group: Group, outputShape: readonly (number | null)[], channelsFirst = false): Representation {
  const rank = gridRank(group.layout);
  if (outputShape.length !== rank + 2) {
    const want = (channelsFirst ? OUTPUT_SHAPE_CF : OUTPUT_SHAPE)[group.layout];
    throw new EquiLensError(undefined, `representation 'same' for group '${group.name}' needs outputs shaped ${want}, got ${shapeText(outputShape)}`);
  }
  const gridAxes = channelsFirst ? [2, 2 + rank] : [1, 1 + rank];
  const grid = outputShape.slice(gridAxes[0], gridAxes[1]);
  // Fail now, not mid-audit, when some element cannot act on the output grid (e.g. c4 on 7×5).
  // (Continuous rotations resample any grid: nothing to check.)
  if (!group.continuous && grid.every((d): d is number => d !== null)) group.elements.forEach((_, i) => sitePermutation(group, i, grid));
  const C = outputShape[channelsFirst ? 1 : rank + 1];
  let pis: number[][] | null = null;
  let description = channelsFirst ? 'same (outputs move like the input; channels first)' : 'same (outputs move like the input)';
  if (body) {
    if (C === null || C === undefined) throw new EquiLensError(undefined, `representation 'same;…' needs a known channel count, got ${shapeText(outputShape)}`);
    const made = elementPerms(body, group, C, 'same');
    pis = made.pis;
    const said = group.generators.flatMap((g, k) => {
      const el = group.elements.findIndex((e) => e.word.length === 1 && e.word[0] === k);
      return made.given.has(g) && el >= 0 ? [`${g} ${describePerm(pis![el]!).replace('point', 'channel')}`] : [];
    });
    description = `${description.slice(0, -1)}; channels: ${said.join('; ')})`;
  }
  // out[π(c)] = y[c]: gather channels with π⁻¹.
  const inverse = (i: number): Int32Array | null => {
    const pi = pis?.[i];
    if (!pi || pi.every((d, c) => d === c)) return null;
    const inv = new Int32Array(pi.length);
    pi.forEach((d, c) => (inv[d] = c));
    return inv;
  };
  const toLast = [0, ...Array.from({ length: rank }, (_, a) => a + 2), 1];
  const toFirst = [0, rank + 1, ...Array.from({ length: rank }, (_, a) => a + 1)];
  const apply = (i: number, y: tf.Tensor): tf.Tensor =>
    tf.tidy(() => {
      const nhwc = channelsFirst ? tf.transpose(y, toLast) : y;
      let out = group.apply(i, nhwc);
      const inv = inverse(i);
      if (inv) out = tf.gather(out, tf.tensor1d(inv, 'int32'), out.rank - 1);
      return channelsFirst ? tf.transpose(out, toFirst) : out;
    });
  const applyRow = (i: number, row: Float32Array): Float32Array => {
    const sites = grid.every((d): d is number => d !== null) ? grid : null;
    if (!sites || C === null || C === undefined) throw new EquiLensError(undefined, `representation 'same' needs a known output size, got ${shapeText(outputShape)}`);
    // Continuous rotations resample: the same tensors as apply, one probe's map at a time.
    if (group.continuous) return tf.tidy(() => apply(i, tf.tensor(row, [1, ...(outputShape.slice(1) as number[])])).dataSync() as Float32Array);
    const p = sitePermutation(group, i, sites);
    const S = p.length;
    const inv = inverse(i);
    const out = new Float32Array(row.length);
    for (let s = 0; s < S; s++) {
      for (let c = 0; c < C; c++) {
        const from = inv ? inv[c]! : c;
        if (channelsFirst) out[c * S + s] = row[from * S + p[s]!]!;
        else out[s * C + c] = row[p[s]! * C + from]!;
      }
    }
    return out;
  };
  const masked = group.continuous?.mask ? { grid: grid, channelsFirst } : null;
  if (!masked) return { kind: 'same', description, apply, applyRow };
  // The masked action zeroes maps outside the inscribed disk (ρ(g) for every g, e included):
  // metrics compare f(ρ(g)x) with ρ(g)f(x) inside the disk only, so f's corners are left out too.
  return { kind: 'same', description: `${description.slice(0, -1)}; inside the inscribed disk)`, apply, applyRow, toMetricFrame: (v, D) => maskRows(v, D, masked), fromMetricFrame: () => {} };
}

/** Zeroes, in rows of D values ([h,w,C] or [C,h,w] maps), every site outside the inscribed disk. */
function maskRows(values: Float32Array, D: number, m: { grid: (number | null)[]; channelsFirst: boolean }): void {
  const [h, w] = m.grid;
  if (!h || !w || D % (h * w) !== 0) return;
  const disk = diskMask(h, w);
  const S = h * w;
  const C = D / S;
  for (let r = 0; r < values.length; r += D) {
    for (let s = 0; s < S; s++) {
      if (disk[s]) continue;
      for (let c = 0; c < C; c++) values[r + (m.channelsFirst ? c * S + s : s * C + c)] = 0;
    }
  }
}
