// The graph shape estimate (issue 13): every modelled op gives the shape tfjs itself computes,
// checked node by node on a graph that runs them all, and unmodelled ops give no shape at all.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { smallIntConsts } from '../src/core/load/graphConsts';
import { graphNodeOutputs } from '../src/core/load/graphShapes';
import type { ModelJson } from '../src/core/load/modelJson';

before(() => tf.setBackend('cpu'));

const F = { type: 'DT_FLOAT' };
const I = { type: 'DT_INT32' };
const b64 = (s: string) => btoa(s);
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const list = (xs: number[]) => ({ list: { i: xs.map(String) } });

/** Constants: name → [dtype, shape, values]. */
const CONSTS: [string, 'float32' | 'int32', number[], number[]][] = [
  ['k1', 'float32', [3, 3, 2, 4], []],
  ['kd', 'float32', [3, 3, 2, 2], []],
  ['bias', 'float32', [4], []],
  ['w', 'float32', [48, 5], []],
  ['pads', 'int32', [4, 2], [0, 0, 1, 1, 2, 2, 0, 0]],
  ['size', 'int32', [2], [8, 3]],
  ['axis', 'int32', [], [3]],
  ['perm', 'int32', [4], [0, 2, 1, 3]],
  ['mult', 'int32', [4], [1, 2, 1, 1]],
  ['shp', 'int32', [2], [-1, 48]],
  ['axes', 'int32', [1], [1]],
  ['dim0', 'int32', [], [0]],
];

const NODES = [
  { name: 'x', op: 'Placeholder', attr: { dtype: F, shape: { shape: dims([-1, 6, 6, 2]) } } },
  ...CONSTS.map(([name, dtype, shape]) => ({
    name,
    op: 'Const',
    attr: { dtype: dtype === 'int32' ? I : F, value: { tensor: { dtype: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT', tensorShape: dims(shape) } } },
  })),
  { name: 'conv', op: 'Conv2D', input: ['x', 'k1'], attr: { T: F, strides: list([1, 2, 2, 1]), padding: { s: b64('VALID') }, data_format: { s: b64('NHWC') }, dilations: list([1, 1, 1, 1]) } },
  { name: 'pad', op: 'Pad', input: ['conv', 'pads'], attr: { T: F } },
  { name: 'resize', op: 'ResizeBilinear', input: ['pad', 'size'], attr: { T: F, align_corners: { b: false }, half_pixel_centers: { b: false } } },
  { name: 'cat', op: 'ConcatV2', input: ['resize', 'resize', 'axis'], attr: { T: F, N: { i: '2' } } },
  { name: 'tr', op: 'Transpose', input: ['cat', 'perm'], attr: { T: F } },
  { name: 'tile', op: 'Tile', input: ['tr', 'mult'], attr: { T: F } },
  { name: 'rs', op: 'Reshape', input: ['tile', 'shp'], attr: { T: F } },
  { name: 'mm', op: 'MatMul', input: ['rs', 'w'], attr: { T: F, transpose_a: { b: false }, transpose_b: { b: false } } },
  { name: 'mean', op: 'Mean', input: ['mm', 'axes'], attr: { T: F, keep_dims: { b: true } } },
  { name: 'ed', op: 'ExpandDims', input: ['mean', 'dim0'], attr: { T: F } },
  { name: 'pool', op: 'MaxPool', input: ['resize'], attr: { T: F, ksize: list([1, 2, 2, 1]), strides: list([1, 2, 2, 1]), padding: { s: b64('SAME') }, data_format: { s: b64('NHWC') } } },
  {
    name: 'dw',
    op: 'DepthwiseConv2dNative',
    input: ['x', 'kd'],
    attr: { T: F, strides: list([1, 1, 1, 1]), padding: { s: b64('SAME') }, data_format: { s: b64('NHWC') }, dilations: list([1, 1, 1, 1]) },
  },
  { name: 'add', op: 'AddV2', input: ['dw', 'bias'], attr: { T: F } },
  { name: 'relu', op: 'Relu6', input: ['add'], attr: { T: F } },
];

function artifacts(): { json: ModelJson; specs: tf.io.WeightsManifestEntry[]; data: Uint8Array } {
  const specs = CONSTS.map(([name, dtype, shape]) => ({ name, dtype, shape }));
  const parts = CONSTS.map(([, dtype, shape, values]) => {
    const n = shape.reduce((a, d) => a * d, 1);
    return new Uint8Array((dtype === 'int32' ? Int32Array.from(values) : new Float32Array(n).fill(0.5)).buffer);
  });
  const data = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  parts.reduce((o, p) => (data.set(p, o), o + p.length), 0);
  const json = { format: 'graph-model', modelTopology: { node: NODES, library: {}, versions: { producer: 1 } }, weightsManifest: [{ paths: [], weights: specs }] } as unknown as ModelJson;
  return { json, specs, data };
}

test('every modelled op gives the shape tfjs computes (batch 1)', async () => {
  const { json, specs, data } = artifacts();
  const ints = smallIntConsts(specs, data, 'g.json');
  assert.deepEqual(ints.get('pads'), [0, 0, 1, 1, 2, 2, 0, 0]);
  assert.equal(ints.has('w'), false, 'float constants are not read');
  const estimated = new Map(graphNodeOutputs(json, ints).map((o) => [/'(.*)'/.exec(o.what)![1]!, o.shape]));
  const model = await loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: data.slice().buffer, format: 'graph-model' }));
  const names = NODES.filter((n) => n.op !== 'Const' && n.op !== 'Placeholder').map((n) => n.name);
  const x = tf.zeros([1, 6, 6, 2]);
  const outs = model.execute({ x }, names) as tf.Tensor[];
  const actual = new Map(names.map((n, i) => [n, outs[i]!.shape]));
  tf.dispose([x, ...outs]);
  model.dispose();
  for (const n of names) assert.deepEqual(estimated.get(n), actual.get(n), n);
  assert.deepEqual(actual.get('rs'), [8, 48]);
  assert.deepEqual(estimated.get('x'), [1, 6, 6, 2]);
});

test('an op not modelled gives no shape; after it only what constants fix is known (lower bounds); open sizes come from the sample', () => {
  const { json, specs, data } = artifacts();
  const nodes = json.modelTopology.node as { name: string; op: string }[];
  const edited = { ...json, modelTopology: { ...json.modelTopology, node: nodes.map((n) => (n.name === 'pad' ? { ...n, op: 'FancyOp' } : n)) } } as ModelJson;
  const got = new Map(graphNodeOutputs(edited, smallIntConsts(specs, data, 'g.json')).map((o) => [/'(.*)'/.exec(o.what)![1], o.shape]));
  assert.equal(got.has('pad'), false);
  assert.deepEqual(got.get('resize'), [1, 8, 3, null]);
  assert.deepEqual(got.get('tile'), [1, 6, 8, null]);
  assert.deepEqual(got.get('rs'), [null, 48]);
  assert.deepEqual(got.get('conv'), [1, 2, 2, 4]);
  // A placeholder of open sizes: the probes' sizes decide them.
  const open = { ...json, modelTopology: { ...json.modelTopology, node: nodes.map((n) => (n.name === 'x' ? { ...n, attr: { dtype: F, shape: { shape: dims([-1, -1, -1, 2]) } } } : n)) } } as ModelJson;
  const ints = smallIntConsts(specs, data, 'g.json');
  const shapeOf = (sample?: number[]) => graphNodeOutputs(open, ints, sample && new Map([['x', sample]])).find((o) => o.what.startsWith("node 'dw'"))?.shape;
  assert.deepEqual(shapeOf(), [1, null, null, 4]);
  assert.deepEqual(shapeOf([10, 12, 2]), [1, 10, 12, 4]);
});
