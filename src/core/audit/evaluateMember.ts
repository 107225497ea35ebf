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
  const predictOpts = { input: opts.input, output: opts.output, batchSize: opts.batchSize, feed: opts.feed };
  try {
    const runs = elementRuns(model, m, B, (inputs[0]!.size / Math.max(B, 1)) * 4, opts.batchSize);
    for (let r = 0; r < runs.length; r++) {
      const [from, to] = runs[r]!;
      // Several elements' probes in one forward pass (onnxruntime members: fewer, fuller runs); a copy only then.
      const x = to - from === 1 ? inputs[from]! : tf.concat(inputs.slice(from, to));
      const t0 = opts.now();
      let y: tf.Tensor;
      try {
        y = await model.predict(x, predictOpts);
      } finally {
        if (x !== inputs[from]) x.dispose();
      }
      if (to - from > 1 && y.shape[0] !== (to - from) * B) {
        // Outputs not batch first: one element per run after all.
        y.dispose();
        runs.splice(r, 1, ...Array.from({ length: to - from }, (_, i): [number, number] => [from + i, from + i + 1]));
        r--;
        continue;
      }
      const values = (await y.data()) as Float32Array;
      predictSeconds += opts.now() - t0;
      const per = values.length / (to - from);
      for (let g = from; g < to; g++) movedRows.push(Float32Array.from(values.subarray((g - from) * per, (g - from + 1) * per)));
      if (from === 0) {
        outputShape = to - from === 1 ? y.shape.slice() : [B, ...y.shape.slice(1)];
        // The identity's outputs as a tensor of their own (rep.apply reads them): the same values.
        y0 = to - from === 1 ? y : tf.tensor(movedRows[0]!, outputShape, 'float32');
      }
      if (y !== y0) y.dispose();
      for (let g = from; g < to; g++) opts.onElement?.(g);
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

/**
 * What one onnxruntime forward pass may take when group elements share it: at most this many
 * samples, and at most ELEMENT_BATCH_BYTES of input. Large inputs gain nothing from it (on the
 * bench's 2 cores onnxruntime's time per MobileNet image is flat from 8 to 64 images a run, and
 * the copy that joins the elements costs more), small ones pay a run's fixed cost far less often.
 */
export const ELEMENT_BATCH = 64;
export const ELEMENT_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Which group elements run together, as [from, to) ranges in order: one element per predict on
 * tfjs (its kernels' results are only known to be independent of the batch on onnxruntime),
 * and on onnxruntime as many as fit ELEMENT_BATCH samples (or --batch-size) and
 * ELEMENT_BATCH_BYTES of input, spread evenly. `sampleBytes`: one probe's input bytes.
 */
export function elementRuns(model: Pick<LoadedModel, 'format' | 'engine'>, m: number, B: number, sampleBytes: number, batchSize?: number): [number, number][] {
  const onnx = model.format === 'onnx' || (model.engine !== undefined && 'onnx' in model.engine);
  const samples = Math.min(batchSize ?? ELEMENT_BATCH, Math.floor(ELEMENT_BATCH_BYTES / Math.max(sampleBytes, 1)));
  const fit = onnx ? Math.max(1, Math.floor(samples / Math.max(B, 1))) : 1;
  const per = Math.ceil(m / Math.ceil(m / fit));
  const out: [number, number][] = [];
  for (let from = 0; from < m; from += per) out.push([from, Math.min(m, from + per)]);
  return out;
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
