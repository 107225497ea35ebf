import * as tf from '@tensorflow/tfjs-core';
import type { Representation } from '../groups/types';
import type { InputFeed, LoadedModel } from '../load/types';
import type { Orbit } from '../stats/types';

export interface MemberEvaluation {
  orbit: Orbit;
  /** Output shape of one batch of the identity probes (batch first). */
  outputShape: number[];
  /** Seconds spent inside predict (incl. reading results back), for the overhead benchmark. */
  predictSeconds: number;
}

/**
 * Runs one member on every transformed probe batch and lays the results out as an Orbit:
 * moved[b,g] = f(ρ_in(g)x_b), expected[b,g] = ρ_out(g) f(x_b), in the representation's metric
 * frame (points: centered coordinates).
 */
export async function evaluateMember(
  model: LoadedModel,
  inputs: tf.Tensor[],
  rep: Representation,
  opts: { input?: string; output?: string; batchSize?: number; feed?: InputFeed; now: () => number; onElement?: (g: number) => void },
): Promise<MemberEvaluation> {
  const m = inputs.length;
  const B = inputs[0]!.shape[0];
  let predictSeconds = 0;
  const movedRows: Float32Array[] = [];
  const expectedRows: Float32Array[] = [];
  let outputShape: number[] = [];
  let y0: tf.Tensor | null = null;
  try {
    for (let g = 0; g < m; g++) {
      const t0 = opts.now();
      const y = await model.predict(inputs[g]!, { input: opts.input, output: opts.output, batchSize: opts.batchSize, feed: opts.feed });
      const values = (await y.data()) as Float32Array;
      predictSeconds += opts.now() - t0;
      movedRows.push(Float32Array.from(values));
      if (g === 0) {
        y0 = y;
        outputShape = y.shape.slice();
      } else y.dispose();
      opts.onElement?.(g);
    }
    for (let g = 0; g < m; g++) {
      // Points move a few numbers per probe: from the values already read, no GPU read-back (dataSync).
      if (rep.kind === 'points') {
        expectedRows.push(g === 0 ? movedRows[0]! : applyRows(rep, g, movedRows[0]!, B));
        continue;
      }
      const e = g === 0 ? null : rep.apply(g, y0!);
      expectedRows.push(e ? Float32Array.from((await e.data()) as Float32Array) : movedRows[0]!);
      e?.dispose();
    }
  } finally {
    y0?.dispose();
  }
  const D = movedRows[0]!.length / B;
  // Points: metrics are computed in the centered frame (THEORY §2); expectedRows[0] is movedRows[0].
  if (rep.toMetricFrame) for (const row of new Set([...movedRows, ...expectedRows])) rep.toMetricFrame(row, D);
  return { orbit: interleave(movedRows, expectedRows, B, m, D), outputShape, predictSeconds };
}

/** ρ_out(g) on B probes' outputs laid out back to back. */
function applyRows(rep: Representation, g: number, values: Float32Array, B: number): Float32Array {
  const D = values.length / B;
  const out = new Float32Array(values.length);
  for (let b = 0; b < B; b++) out.set(rep.applyRow(g, values.subarray(b * D, (b + 1) * D)), b * D);
  return out;
}

/** From per-element [b][d] rows to the Orbit's [b][g][d] layout. */
function interleave(moved: Float32Array[], expected: Float32Array[], B: number, m: number, D: number): Orbit {
  const mv = new Float32Array(B * m * D);
  const ex = new Float32Array(B * m * D);
  for (let g = 0; g < m; g++) {
    for (let b = 0; b < B; b++) {
      const dst = (b * m + g) * D;
      mv.set(moved[g]!.subarray(b * D, (b + 1) * D), dst);
      ex.set(expected[g]!.subarray(b * D, (b + 1) * D), dst);
    }
  }
  return { dims: { B, m, D }, moved: mv, expected: ex };
}
