// Tiny model folders whose topology asks for far more memory than their files hold (issue 13):
// the regression tests write them, and the fuzzer's 'huge-node' and 'implied-shape' classes
// start from them. Plain JSON and bytes, no tfjs, so they cost nothing to make.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A model folder in memory: the model JSON text and its weight shards. */
export interface HostileModel {
  json: string;
  files: Record<string, Uint8Array>;
}

const F = { type: 'DT_FLOAT' };
const dims = (shape: readonly number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const int32Bytes = (xs: readonly number[]) => new Uint8Array(Int32Array.from(xs).buffer);

/**
 * A graph model x[-1,2,2,1] → Tile(multiples) → Mean over every axis but the batch: 4 input
 * values, a Tile output of 4·Π multiples values per sample, one output value. `input` may
 * leave sizes open (-1): the probes then decide them.
 */
export function tileGraph(multiples: readonly number[] = [1, 10_000, 10_000, 1], input: readonly number[] = [-1, 2, 2, 1]): HostileModel {
  const konst = (name: string, shape: number[]) => ({
    name,
    op: 'Const',
    attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: dims(shape) } } },
  });
  const node = [
    { name: 'x', op: 'Placeholder', attr: { dtype: F, shape: { shape: dims(input) } } },
    konst('multiples', [4]),
    konst('axes', [3]),
    { name: 'tile', op: 'Tile', input: ['x', 'multiples'], attr: { T: F, Tmultiples: { type: 'DT_INT32' } } },
    { name: 'mean', op: 'Mean', input: ['tile', 'axes'], attr: { T: F, Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } } },
    { name: 'Identity', op: 'Identity', input: ['mean'], attr: { T: F } },
  ];
  const specs = [
    { name: 'multiples', shape: [4], dtype: 'int32' },
    { name: 'axes', shape: [3], dtype: 'int32' },
  ];
  const bin = concat([int32Bytes(multiples), int32Bytes([1, 2, 3])]);
  const json = {
    format: 'graph-model',
    generatedBy: 'EquiLens hostile fixtures',
    modelTopology: { node, library: {}, versions: { producer: 1 } },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: specs }],
  };
  return { json: JSON.stringify(json), files: { 'group1-shard1of1.bin': bin } };
}

/**
 * A layers model [1,1,1] → UpSampling2D(size) → GlobalAveragePooling2D: size² values per sample
 * after the upsampling. `input` (batch first) may leave sizes open (null).
 */
export function upSamplingModel(size: number, input: readonly (number | null)[] = [null, 1, 1, 1]): HostileModel {
  const layers = [
    {
      class_name: 'UpSampling2D',
      config: { name: 'up', trainable: true, batch_input_shape: input, dtype: 'float32', size: [size, size], data_format: 'channels_last', interpolation: 'nearest' },
    },
    { class_name: 'GlobalAveragePooling2D', config: { name: 'pool', trainable: true, data_format: 'channels_last' } },
  ];
  return layersModel(layers, [], new Uint8Array(0));
}

/**
 * A layers model [4,4,1] → Flatten → Dense(units) whose manifest holds a [16,2] kernel and a
 * [2] bias: the topology implies a [16, units] kernel (units = 40 000 000 asks for 2.4 GiB).
 */
export function denseMismatchModel(units = 40_000_000): HostileModel {
  const layers = [
    { class_name: 'Flatten', config: { name: 'flat', trainable: true, batch_input_shape: [null, 4, 4, 1], dtype: 'float32' } },
    {
      class_name: 'Dense',
      config: {
        name: 'dense',
        trainable: true,
        units,
        activation: 'softmax',
        use_bias: true,
        kernel_initializer: { class_name: 'Zeros', config: {} },
        bias_initializer: { class_name: 'Zeros', config: {} },
      },
    },
  ];
  const specs = [
    { name: 'dense/kernel', shape: [16, 2], dtype: 'float32' },
    { name: 'dense/bias', shape: [2], dtype: 'float32' },
  ];
  return layersModel(layers, specs, new Uint8Array(34 * 4));
}

function layersModel(layers: unknown[], specs: unknown[], bin: Uint8Array): HostileModel {
  const json = {
    format: 'layers-model',
    generatedBy: 'EquiLens hostile fixtures',
    modelTopology: { class_name: 'Sequential', config: { name: 'hostile', layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
    weightsManifest: [{ paths: specs.length ? ['group1-shard1of1.bin'] : [], weights: specs }],
  };
  return { json: JSON.stringify(json), files: specs.length ? { 'group1-shard1of1.bin': bin } : {} };
}

/** Writes the model into `dir` (created) and returns the model JSON's path. */
export function writeHostile(dir: string, m: HostileModel): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(m.files)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'model.json'), m.json);
  return join(dir, 'model.json');
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  parts.reduce((o, p) => (out.set(p, o), o + p.byteLength), 0);
  return out;
}
