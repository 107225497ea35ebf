// Small TF.js models written to temp folders, for tests of loading and anything that needs a
// real model on disk. Layers models come from tfjs itself; the graph model is hand-written in
// the TF GraphDef JSON that tfjs-converter reads, with the same weights as the layers CNN.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileSystem } from '../../src/core/io/files';
import { toPosix } from '../../src/node/nodeFiles';

export interface CnnOptions {
  seed?: number;
  /** Input height = width (default 8). */
  size?: number;
  channels?: number;
  filters?: number;
  classes?: number;
  kernelSize?: number;
}

/** conv k×k (same padding) → relu → global average pool → dense softmax, seeded. */
export function makeCnn(opts: CnnOptions = {}): tfl.Sequential {
  const { seed = 1, size = 8, channels = 3, filters = 4, classes = 3, kernelSize = 3 } = opts;
  const init = (s: number) => tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: seed * 100 + s });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [size, size, channels],
      filters,
      kernelSize,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(1),
      biasInitializer: init(2),
    }),
  );
  model.add(tfl.layers.globalAveragePooling2d({}));
  model.add(tfl.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init(3), biasInitializer: init(4) }));
  return model;
}

/** The artifacts tfjs's own save produces (topology, weight specs, one weight buffer). */
export async function saveArtifacts(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.weightData) throw new Error('save produced no weights');
  return { ...saved, format: 'layers-model', weightData: weightBuffer(saved) };
}

/** Artifacts of a fresh CNN (the model is disposed). */
export async function cnnArtifacts(opts: CnnOptions = {}): Promise<tf.io.ModelArtifacts> {
  const model = makeCnn(opts);
  try {
    return await saveArtifacts(model);
  } finally {
    model.dispose();
  }
}

export type Quantization = 'uint8' | 'uint16' | 'float16';

export interface WriteOptions {
  /** File name of the model JSON (default model.json). */
  jsonName?: string;
  /** Number of shard files (default 1), converter style: equal sizes, smaller last. */
  shards?: number;
  /** Prefix of shard names (default 'group1'). */
  shardPrefix?: string;
  quantize?: Quantization;
}

/** Writes artifacts as a model JSON plus shards into `dir`; returns the JSON's '/'-path. */
export function writeModel(dir: string, artifacts: tf.io.ModelArtifacts, opts: WriteOptions = {}): string {
  const { jsonName = 'model.json', shards = 1, shardPrefix = 'group1' } = opts;
  let specs = artifacts.weightSpecs ?? [];
  let data = new Uint8Array(weightBuffer(artifacts));
  if (opts.quantize) ({ specs, data } = quantize(specs, data, opts.quantize));
  mkdirSync(dir, { recursive: true });
  const shardSize = Math.ceil(data.byteLength / shards);
  const paths: string[] = [];
  for (let i = 0; i < shards; i++) {
    const name = `${shardPrefix}-shard${i + 1}of${shards}.bin`;
    writeFileSync(join(dir, name), data.subarray(i * shardSize, Math.min(data.byteLength, (i + 1) * shardSize)));
    paths.push(name);
  }
  const json = {
    format: artifacts.format,
    generatedBy: 'EquiLens test fixtures',
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths, weights: specs }],
    ...(artifacts.signature ? { signature: artifacts.signature } : {}),
  };
  const file = join(dir, jsonName);
  writeFileSync(file, JSON.stringify(json));
  return toPosix(file);
}

/** Artifacts after quantizing their float32 weights the way tfjs-converter stores them. */
export function quantizedArtifacts(artifacts: tf.io.ModelArtifacts, dtype: Quantization): tf.io.ModelArtifacts {
  const q = quantize(artifacts.weightSpecs ?? [], new Uint8Array(weightBuffer(artifacts)), dtype);
  return { ...artifacts, weightSpecs: q.specs, weightData: q.data.slice().buffer };
}

/**
 * uint8/uint16: affine, value ≈ q·scale + min; float16: IEEE half bits. Non-float32 weights
 * are copied unchanged, as the converter does.
 */
function quantize(specs: tf.io.WeightsManifestEntry[], data: Uint8Array, dtype: Quantization) {
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = data.slice(offset, offset + n * 4);
    offset += n * 4;
    if (spec.dtype !== 'float32') {
      outSpecs.push(spec);
      parts.push(bytes);
      continue;
    }
    const values = new Float32Array(bytes.buffer);
    if (dtype === 'float16') {
      outSpecs.push({ ...spec, quantization: { dtype } });
      parts.push(new Uint8Array(Uint16Array.from(values, toFloat16Bits).buffer));
      continue;
    }
    const levels = dtype === 'uint8' ? 255 : 65535;
    const min = Math.min(...values);
    const range = Math.max(...values) - min;
    const scale = range > 0 ? range / levels : 1;
    const q = Array.from(values, (v) => Math.round((v - min) / scale));
    outSpecs.push({ ...spec, quantization: { dtype, scale, min } });
    parts.push(new Uint8Array((dtype === 'uint8' ? Uint8Array.from(q) : Uint16Array.from(q)).buffer));
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  parts.reduce((o, p) => (out.set(p, o), o + p.byteLength), 0);
  return { specs: outSpecs, data: out };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half-precision bits of v, rounded to nearest even. */
export function toFloat16Bits(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent.
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}

export interface GraphOptions {
  /** Placeholder batch size; null (default) leaves it free (-1). */
  batch?: number | null;
  /** Inserts a node with this op between Relu and Mean (for unsupported-op tests). */
  extraOp?: string;
}

/**
 * A graph model computing the same function as the layers CNN `model` (same weights):
 * x → Conv2D → BiasAdd → Relu → Mean(1,2) → MatMul → Add → Softmax → Identity.
 */
export function graphArtifacts(model: tfl.LayersModel, opts: GraphOptions = {}): tf.io.ModelArtifacts {
  const [kernel, bias, dKernel, dBias] = model.getWeights() as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const [, h, w, c] = model.inputs[0]!.shape as [null, number, number, number];
  const batch = opts.batch ?? -1;
  const f = { type: 'DT_FLOAT' };
  const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
  const konst = (name: string, t: tf.Tensor, dtype = 'DT_FLOAT') => ({
    name,
    op: 'Const',
    attr: { dtype: { type: dtype }, value: { tensor: { dtype, tensorShape: dims(t.shape) } } },
  });
  const b64 = (s: string) => btoa(s);
  const axes = tf.tensor1d([1, 2], 'int32');
  const beforeMean = opts.extraOp ? 'fancy' : 'relu';
  const node = [
    { name: 'x', op: 'Placeholder', attr: { dtype: f, shape: { shape: dims([batch, h, w, c]) } } },
    konst('conv/kernel', kernel),
    konst('conv/bias', bias),
    konst('mean/axes', axes, 'DT_INT32'),
    konst('dense/kernel', dKernel),
    konst('dense/bias', dBias),
    {
      name: 'conv',
      op: 'Conv2D',
      input: ['x', 'conv/kernel'],
      attr: {
        T: f,
        strides: { list: { i: ['1', '1', '1', '1'] } },
        padding: { s: b64('SAME') },
        data_format: { s: b64('NHWC') },
        dilations: { list: { i: ['1', '1', '1', '1'] } },
      },
    },
    { name: 'conv/biasadd', op: 'BiasAdd', input: ['conv', 'conv/bias'], attr: { T: f, data_format: { s: b64('NHWC') } } },
    { name: 'relu', op: 'Relu', input: ['conv/biasadd'], attr: { T: f } },
    ...(opts.extraOp ? [{ name: 'fancy', op: opts.extraOp, input: ['relu'], attr: { T: f } }] : []),
    { name: 'mean', op: 'Mean', input: [beforeMean, 'mean/axes'], attr: { T: f, Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } } },
    { name: 'dense', op: 'MatMul', input: ['mean', 'dense/kernel'], attr: { T: f, transpose_a: { b: false }, transpose_b: { b: false } } },
    { name: 'logits', op: 'Add', input: ['dense', 'dense/bias'], attr: { T: f } },
    { name: 'softmax', op: 'Softmax', input: ['logits'], attr: { T: f } },
    { name: 'Identity', op: 'Identity', input: ['softmax'], attr: { T: f } },
  ];
  const weights: [string, tf.Tensor][] = [
    ['conv/kernel', kernel],
    ['conv/bias', bias],
    ['mean/axes', axes],
    ['dense/kernel', dKernel],
    ['dense/bias', dBias],
  ];
  const specs = weights.map(([name, t]) => ({ name, shape: t.shape, dtype: t.dtype as 'float32' | 'int32' }));
  const buffers = weights.map(([, t]) => new Uint8Array((t.dataSync() as Float32Array | Int32Array).slice().buffer));
  axes.dispose();
  const data = new Uint8Array(buffers.reduce((s, b) => s + b.byteLength, 0));
  buffers.reduce((o, b) => (data.set(b, o), o + b.byteLength), 0);
  return {
    format: 'graph-model',
    modelTopology: { node, library: {}, versions: { producer: 1 } },
    weightSpecs: specs,
    weightData: data.buffer,
    signature: {
      inputs: { input: { name: 'x:0', dtype: 'DT_FLOAT', tensorShape: dims([batch, h, w, c]) } },
      outputs: { probs: { name: 'Identity:0', dtype: 'DT_FLOAT', tensorShape: dims([batch, dBias.shape[0]]) } },
    },
  };
}

/**
 * A graph with control flow, which tfjs refuses to run with execute(): x → Switch(pred = true)
 * → Merge → Softmax. Input [batch, features].
 */
export function switchGraphArtifacts(features = 3): tf.io.ModelArtifacts {
  const f = { type: 'DT_FLOAT' };
  const node = [
    { name: 'x', op: 'Placeholder', attr: { dtype: f, shape: { shape: { dim: [{ size: '-1' }, { size: String(features) }] } } } },
    { name: 'pred', op: 'Const', attr: { dtype: { type: 'DT_BOOL' }, value: { tensor: { dtype: 'DT_BOOL', tensorShape: {} } } } },
    { name: 'switch', op: 'Switch', input: ['x', 'pred'], attr: { T: f } },
    { name: 'merge', op: 'Merge', input: ['switch:1'], attr: { T: f, N: { i: '1' } } },
    { name: 'probs', op: 'Softmax', input: ['merge'], attr: { T: f } },
  ];
  return {
    format: 'graph-model',
    modelTopology: { node, library: {}, versions: { producer: 1 } },
    weightSpecs: [{ name: 'pred', shape: [], dtype: 'bool' }],
    weightData: new Uint8Array([1]).buffer,
  };
}

/** A fresh temp folder ('/'-path) and a function removing it. */
export function tempDir(prefix = 'equilens-load-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir: toPosix(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Wraps a FileSystem and records every file whose contents were read. */
export function recordingFs(inner: FileSystem): FileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (p, o) => (reads.push(p), inner.readFile(p, o)),
    realPath: (p) => inner.realPath(p),
    readDir: (p) => inner.readDir(p),
    stat: (p) => inner.stat(p),
  };
}

/** Seeded uniform batch [n, size, size, channels]. */
export function randomImages(n: number, size = 8, channels = 3, seed = 7): tf.Tensor4D {
  return tf.randomUniform<tf.Rank.R4>([n, size, size, channels], 0, 1, 'float32', seed);
}

function weightBuffer(a: tf.io.ModelArtifacts): ArrayBuffer {
  if (!a.weightData) return new ArrayBuffer(0);
  return tf.io.CompositeArrayBuffer.join(a.weightData);
}
