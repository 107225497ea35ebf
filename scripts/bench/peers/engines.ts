// The bare engines a user would otherwise call: onnxruntime-node (CPU, every core as intra-op
// threads) on the .onnx file and tfjs wasm on the TF.js model, batches of 32 random images.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { availableParallelism } from 'node:os';
import { translateLayers } from '../../../src/core/load/translate/layersToOnnx';
import type { Timed } from './rate';
import { timed } from './rate';

export const BATCH = 32;

/** The little of onnxruntime-node used here (an optional dependency: required at run time). */
interface Ort {
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
  InferenceSession: { create(file: string | Uint8Array, o: object): Promise<Session> };
}
export interface Session {
  inputNames: string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: Float32Array }>>;
  release?(): Promise<void>;
}

/** onnxruntime-node, or null when it is not installed. */
export function loadOrt(): Ort | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional dependency: present or not
    return require('onnxruntime-node') as Ort;
  } catch {
    return null;
  }
}

/** An ORT session on every core, as EquiLens's ONNX engine opens one (src/node/onnxEngine.ts). */
export function ortSession(ort: Ort, file: string | Uint8Array): Promise<Session> {
  return ort.InferenceSession.create(file, { executionProviders: ['cpu'], intraOpNumThreads: availableParallelism(), interOpNumThreads: 1, graphOptimizationLevel: 'all' });
}

/** Seeded values in [0, 1): the same images for both engines. */
export function images(n: number, size: number, seed = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n * size * size * 3 }, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** NHWC → NCHW of n images. */
export function toNchw(x: Float32Array, n: number, size: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < n; b++) for (let i = 0; i < size * size; i++) for (let c = 0; c < 3; c++) out[(b * 3 + c) * size * size + i] = x[(b * size * size + i) * 3 + c]!;
  return out;
}

/** The TF.js model as EquiLens translates it (NHWC in and out), on a session like ortSession's. */
export function translatedSession(ort: Ort, model: tfl.LayersModel): Promise<Session> {
  const t = translateLayers(model);
  if (!('bytes' in t)) throw new Error(`the bench MobileNet does not translate: ${t.untranslated}`);
  return ortSession(ort, t.bytes);
}

/** `batches` runs of BATCH images through the session (NCHW, as the .onnx file takes them; NHWC for a translated TF.js model). */
export function bareOrt(ort: Ort, session: Session, size: number, layout: 'nchw' | 'nhwc' = 'nchw'): Timed {
  const x = layout === 'nchw' ? new ort.Tensor('float32', toNchw(images(BATCH, size), BATCH, size), [BATCH, 3, size, size]) : new ort.Tensor('float32', images(BATCH, size), [BATCH, size, size, 3]);
  return async (batches) => {
    const { seconds, cpu } = await timed(async () => {
      for (let i = 0; i < batches; i++) await session.run({ [session.inputNames[0]!]: x });
    });
    return { passes: batches * BATCH, seconds, cpu };
  };
}

/** `batches` predicts of BATCH images on the current tfjs backend, read back as a user would. */
export function bareTfjs(model: tfl.LayersModel, size: number): Timed {
  return async (batches) => {
    const x = tf.tensor4d(images(BATCH, size), [BATCH, size, size, 3]);
    const { seconds, cpu } = await timed(async () => {
      for (let i = 0; i < batches; i++) {
        const y = model.predict(x) as tf.Tensor;
        await y.data();
        y.dispose();
      }
    });
    x.dispose();
    return { passes: batches * BATCH, seconds, cpu };
  };
}
