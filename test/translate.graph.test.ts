// TF.js graph models translated to ONNX (src/core/load/translate/graph*.ts) give tfjs wasm's
// numbers: hand-written graph models per op family (fused convs, TF padding, strides, dilations,
// resizes, shape arithmetic), and the whole member falls back to tfjs when one op does not translate.
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditHost, AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { DEFAULT_LIMITS } from '../src/core/load/limits';
import { modelIOHandler } from '../src/core/load/ioHandler';
import { loadModel } from '../src/core/load/loadModel';
import type { OnnxEngine } from '../src/core/load/onnx/engine';
import { readModelJson } from '../src/core/load/modelJson';
import { parseOnnx } from '../src/core/load/onnx/onnxGraph';
import { GRAPH_OPS, translateGraph } from '../src/core/load/translate/graphToOnnx';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { ROOT } from './helpers/cli';
import { op, placeholder, writeGraph, type Const, type Node } from './helpers/graphFixtures';
import { tempDir } from './helpers/modelFixtures';
import { NO_RUNTIME } from './helpers/onnxWriter';

const engine = nodeOnnxEngine({ threads: 1 });
const tmp = tempDir('equilens-graph-onnx-');
let host: AuditHost;

before(async () => {
  host = { fs: nodeFiles, backend: (await initBackend('wasm')).name, onnx: engine };
});
after(() => tmp.cleanup());

// Attribute values as the converter writes them (protobuf JSON: strings base64, ints as strings).
const s = (v: string) => ({ s: Buffer.from(v).toString('base64') });
const ints = (v: number[]) => ({ list: { i: v.map(String) } });
const strs = (v: string[]) => ({ list: { s: v.map((x) => Buffer.from(x).toString('base64')) } });
const b = (v: boolean) => ({ b: v });
const f = (v: number) => ({ f: v });
const NHWC = { data_format: s('NHWC') };

/** A graph model under construction: input 'x' [batch, h, w, c], constants with seeded random values. */
class Graph {
  readonly nodes: Node[];
  readonly consts: Const[] = [];
  private n = 0;
  private seed: number;
  constructor(
    readonly shape: (number | null)[],
    seed = 1,
  ) {
    this.nodes = [placeholder('x', 'DT_FLOAT', shape)];
    this.seed = seed;
  }
  private rnd(lo: number, hi: number): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
    return lo + ((hi - lo) * this.seed) / 2147483648;
  }
  /** A float constant of random values in [lo, hi). */
  w(shape: number[], lo = -0.6, hi = 0.6): string {
    const name = `w${this.n++}`;
    const count = shape.reduce((a, d) => a * d, 1);
    this.consts.push({ name, dtype: 'float32', shape, values: Array.from({ length: count }, () => this.rnd(lo, hi)) });
    return name;
  }
  /** An int32 constant (shapes, axes, paddings, sizes). */
  i(values: number[], shape = [values.length]): string {
    const name = `i${this.n++}`;
    this.consts.push({ name, dtype: 'int32', shape, values });
    return name;
  }
  op(kind: string, input: string[], attr: Record<string, unknown> = {}): string {
    const name = `${kind.toLowerCase()}_${this.n++}`;
    this.nodes.push(op(name, kind, input, attr));
    return name;
  }
  /** Writes the model with `out` as its only output (an Identity named 'y'). */
  write(out: string): string {
    this.nodes.push(op('y', 'Identity', [out]));
    return writeGraph(join(tmp.dir, `m${fixture++}`), this.nodes, this.consts);
  }
}
let fixture = 0;

const conv = (g: Graph, x: string, cin: number, cout: number, k: number, attr: Record<string, unknown>, act?: string) =>
  g.op('_FusedConv2D', act === 'Prelu' ? [x, g.w([k, k, cin, cout]), g.w([cout]), g.w([cout])] : [x, g.w([k, k, cin, cout]), g.w([cout])], {
    ...NHWC,
    strides: ints([1, 1, 1, 1]),
    dilations: ints([1, 1, 1, 1]),
    padding: s('SAME'),
    fused_ops: strs(act ? ['BiasAdd', act] : ['BiasAdd']),
    num_args: { i: act === 'Prelu' ? '2' : '1' },
    ...attr,
  });

/** max |a − b| / max |b|. */
function relDiff(a: ArrayLike<number>, bb: ArrayLike<number>): number {
  let d = 0;
  let scale = 0;
  for (let i = 0; i < bb.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - bb[i]!));
    scale = Math.max(scale, Math.abs(bb[i]!));
  }
  return d / Math.max(scale, 1e-30);
}

/** The fixture on tfjs wasm and translated on onnxruntime: same shape, outputs within `tol` (relative to the largest). */
async function compare(path: string, inShape: number[], tol = 1e-5, lo = -1, hi = 1): Promise<number> {
  const onnx = await loadModel(nodeFiles, path, { onnx: engine, engine: 'onnxruntime' });
  const tfjs = await loadModel(nodeFiles, path, { onnx: engine, engine: 'tfjs' });
  const x = tf.randomUniform(inShape, lo, hi, 'float32', 11);
  try {
    assert.match((onnx.engine as { onnx: string }).onnx, /translated from TF\.js\)$/);
    const [a, want] = [await onnx.predict(x), await tfjs.predict(x)];
    assert.deepEqual(a.shape, want.shape);
    const d = relDiff(a.dataSync(), want.dataSync());
    assert.ok(
      want.dataSync().some((v) => v !== 0),
      'the output is not all zeros',
    );
    tf.dispose([a, want]);
    assert.ok(d <= tol, `${path}: max relative difference ${d}`);
    return d;
  } finally {
    x.dispose();
    onnx.dispose();
    tfjs.dispose();
  }
}

const opts = { skip: NO_RUNTIME };

test('fused convs: SAME on odd and even sizes with stride 2 (the odd pixel after), VALID with dilation 2, EXPLICIT pads, every fused activation', opts, async () => {
  const g = new Graph([null, 19, 18, 3]);
  let y = conv(g, 'x', 3, 4, 3, { strides: ints([1, 2, 2, 1]) }, 'Relu');
  y = conv(g, y, 4, 5, 3, { padding: s('VALID'), dilations: ints([1, 2, 2, 1]) }, 'Relu6');
  y = conv(g, y, 5, 4, 2, { padding: s('EXPLICIT'), explicit_paddings: ints([0, 0, 1, 2, 0, 1, 0, 0]) }, 'Elu');
  y = conv(g, y, 4, 4, 1, { strides: ints([1, 2, 2, 1]) }, 'LeakyRelu');
  y = conv(g, y, 4, 3, 3, { leakyrelu_alpha: f(0.3) }, 'LeakyRelu');
  y = conv(g, y, 3, 3, 3, {}, 'Prelu');
  y = conv(g, y, 3, 2, 3, {}, 'Sigmoid');
  await compare(g.write(y), [3, 19, 18, 3]);
});

test('depthwise convs (plain and fused, multiplier 2, strides, dilations) and plain Conv2D with BiasAdd', opts, async () => {
  const g = new Graph([null, 11, 10, 3]);
  let y = g.op('DepthwiseConv2dNative', ['x', g.w([3, 3, 3, 2])], { ...NHWC, strides: ints([1, 2, 2, 1]), dilations: ints([1, 1, 1, 1]), padding: s('SAME') });
  y = g.op('FusedDepthwiseConv2dNative', [y, g.w([3, 3, 6, 1]), g.w([6])], {
    ...NHWC,
    strides: ints([1, 1, 1, 1]),
    dilations: ints([1, 2, 2, 1]),
    padding: s('SAME'),
    fused_ops: strs(['BiasAdd', 'Relu6']),
    num_args: { i: '1' },
  });
  y = g.op('Conv2D', [y, g.w([1, 1, 6, 4])], { ...NHWC, strides: ints([1, 1, 1, 1]), dilations: ints([1, 1, 1, 1]), padding: s('VALID') });
  y = g.op('BiasAdd', [y, g.w([4])], NHWC);
  await compare(g.write(y), [2, 11, 10, 3]);
});

test('pooling (max and average, SAME with asymmetric padding left out of the count, VALID), spatial Mean, fused MatMul, Softmax', opts, async () => {
  const g = new Graph([null, 13, 12, 2]);
  let y = conv(g, 'x', 2, 4, 3, {}, 'Relu');
  y = g.op('MaxPool', [y], { ...NHWC, ksize: ints([1, 3, 3, 1]), strides: ints([1, 2, 2, 1]), padding: s('SAME') });
  y = g.op('AvgPool', [y], { ...NHWC, ksize: ints([1, 3, 3, 1]), strides: ints([1, 2, 2, 1]), padding: s('SAME') });
  y = g.op('AvgPool', [y], { ...NHWC, ksize: ints([1, 2, 2, 1]), strides: ints([1, 1, 1, 1]), padding: s('VALID') });
  // Stride 1 SAME: explicit pads (even kernel: the odd pixel after), the padding still left out of the average.
  y = g.op('AvgPool', [y], { ...NHWC, ksize: ints([1, 2, 2, 1]), strides: ints([1, 1, 1, 1]), padding: s('SAME') });
  y = g.op('MaxPool', [y], { ...NHWC, ksize: ints([1, 3, 3, 1]), strides: ints([1, 1, 1, 1]), padding: s('SAME') });
  y = g.op('Mean', [y, g.i([1, 2])], { keep_dims: b(false), Tidx: { type: 'DT_INT32' } });
  y = g.op('_FusedMatMul', [y, g.w([4, 3]), g.w([3])], { fused_ops: strs(['BiasAdd', 'Relu']), num_args: { i: '1' } });
  y = g.op('MatMul', [y, g.w([5, 3])], { transpose_b: b(true) });
  y = g.op('Softmax', [y]);
  await compare(g.write(y), [4, 13, 12, 2]);
});

test('_FusedMatMul with transpose_b: tfjs cpu is the reference (tfjs-backend-wasm 4.22 gets rows after the first wrong)', opts, async () => {
  const g = new Graph([null, 4]);
  const path = g.write(g.op('_FusedMatMul', ['x', g.w([3, 4]), g.w([3])], { transpose_b: b(true), fused_ops: strs(['BiasAdd', 'Relu']), num_args: { i: '1' } }));
  await tf.setBackend('cpu');
  try {
    await compare(path, [5, 4]);
  } finally {
    await tf.setBackend('wasm');
  }
});

test('elementwise ops with broadcast constants and every activation', opts, async () => {
  const g = new Graph([null, 4, 5, 3]);
  let y = g.op('AddV2', ['x', g.w([3])]);
  y = g.op('Mul', [y, g.w([1, 5, 3])]);
  y = g.op('Sub', [y, g.w([])]);
  y = g.op('RealDiv', [y, g.w([3], 0.5, 2)]);
  const a = g.op('Maximum', [y, g.w([3])]);
  const m = g.op('Minimum', [y, g.w([3])]);
  y = g.op('AddN', [a, m, g.op('Relu', [y]), g.op('Relu6', [g.op('Mul', [y, g.w([], 8, 9)])])]);
  y = g.op('Add', [g.op('Tanh', [y]), g.op('Sigmoid', [y])]);
  y = g.op('Add', [g.op('Elu', [y]), g.op('LeakyRelu', [y], { alpha: f(0.1) })]);
  y = g.op('Prelu', [y, g.w([3])]);
  y = g.op('Add', [y, g.op('Rsqrt', [g.op('AddV2', [g.op('Square', [y]), g.w([], 1, 1.5)])])]);
  y = g.op('SquaredDifference', [y, g.w([3])]);
  await compare(g.write(y), [3, 4, 5, 3]);
});

test('shape ops: Pad, PadV2, MirrorPad (REFLECT), Transpose, ConcatV2, Reshape, ExpandDims, Squeeze, StridedSlice with masks, Slice, DepthToSpace', opts, async () => {
  const g = new Graph([null, 6, 7, 4]);
  let y = g.op('Pad', ['x', g.i([0, 0, 1, 2, 0, 1, 0, 0], [4, 2])]);
  y = g.op('PadV2', [y, g.i([0, 0, 1, 0, 2, 1, 0, 0], [4, 2]), g.w([], 0.3, 0.4)]);
  y = g.op('MirrorPad', [y, g.i([0, 0, 2, 1, 1, 2, 0, 0], [4, 2])], { mode: s('REFLECT') });
  const t = g.op('Transpose', [y, g.i([0, 2, 1, 3])]);
  y = g.op('ConcatV2', [g.op('Transpose', [t, g.i([0, 2, 1, 3])]), y, g.i([-1], [])], { N: { i: '2' } });
  y = g.op('DepthToSpace', [y], { ...NHWC, block_size: { i: '2' } });
  // [b, 26, 28, 2] → rows 1..20 step 3, every other column from the end backwards; then channel 1 (shrink).
  y = g.op('StridedSlice', [y, g.i([0, 1, 0, 0]), g.i([0, 20, 0, 2]), g.i([1, 3, -2, 1])], { begin_mask: { i: '5' }, end_mask: { i: '5' } });
  y = g.op('StridedSlice', [y, g.i([0, 0, 0, -1]), g.i([0, 0, 0, 0]), g.i([1, 1, 1, 1])], { begin_mask: { i: '7' }, end_mask: { i: '7' }, shrink_axis_mask: { i: '8' } });
  y = g.op('ExpandDims', [y, g.i([-1], [])]);
  y = g.op('Slice', [y, g.i([0, 1, 2, 0]), g.i([-1, 4, -1, 1])]);
  y = g.op('Reshape', [y, g.i([-1, 4, 12, 1, 1])]);
  y = g.op('Squeeze', [y], { squeeze_dims: ints([3]) });
  await compare(g.write(y), [2, 6, 7, 4], 0);
});

for (const [corners, half] of [
  [false, false],
  [true, false],
  [false, true],
] as const) {
  test(`ResizeBilinear align_corners=${corners} half_pixel_centers=${half}: up by 7/3, down by 4/7`, opts, async () => {
    const g = new Graph([null, 6, 7, 3]);
    const attr = { align_corners: b(corners), half_pixel_centers: b(half) };
    const up = g.op('ResizeBilinear', ['x', g.i([14, 17])], attr);
    await compare(g.write(g.op('ResizeBilinear', [up, g.i([8, 5])], attr)), [2, 6, 7, 3]);
  });
  test(`ResizeNearestNeighbor align_corners=${corners} half_pixel_centers=${half}: up and down by powers of two, exactly`, opts, async () => {
    const g = new Graph([null, 5, 8, 3]);
    const attr = { align_corners: b(corners), half_pixel_centers: b(half) };
    // align_corners scales by (in − 1)/(out − 1): 5 → 9 → 5 and 8 → 15 → 8 are powers of two there.
    const up = g.op('ResizeNearestNeighbor', ['x', g.i(corners ? [9, 15] : [20, 16])], attr);
    await compare(g.write(g.op('ResizeNearestNeighbor', [up, g.i([5, 8])], attr)), [2, 5, 8, 3], 0);
  });
}

test('transposed convs (Conv2DBackpropInput): SAME and VALID, stride 2, output sizes needing output padding', opts, async () => {
  const g = new Graph([null, 5, 4, 3]);
  // SAME: 5×4 → 10×7 (7 = 2·4 − 1); VALID 3×3 stride 2: 10×7 → 22×16 (one extra row and column).
  let y = g.op('Conv2DBackpropInput', [g.i([1, 10, 7, 4]), g.w([3, 3, 4, 3]), 'x'], { ...NHWC, strides: ints([1, 2, 2, 1]), dilations: ints([1, 1, 1, 1]), padding: s('SAME') });
  y = g.op('Conv2DBackpropInput', [g.i([1, 22, 16, 2]), g.w([3, 3, 2, 4]), y], { ...NHWC, strides: ints([1, 2, 2, 1]), dilations: ints([1, 1, 1, 1]), padding: s('VALID') });
  await compare(g.write(y), [1, 5, 4, 3]);
});

test('shape arithmetic at run time: Reshape to Pack(Shape(x)[0], −1, 2), as converters write Keras reshapes', opts, async () => {
  const g = new Graph([null, 4, 4, 3]);
  const c = conv(g, 'x', 3, 4, 3, {});
  const shape = g.op('Shape', [c], { out_type: { type: 'DT_INT32' } });
  const batch = g.op('StridedSlice', [shape, g.i([0]), g.i([1]), g.i([1])], { T: { type: 'DT_INT32' }, shrink_axis_mask: { i: '1' } });
  const packed = g.op('Pack', [batch, g.i([-1], []), g.i([2], [])], { T: { type: 'DT_INT32' }, axis: { i: '0' } });
  const y = g.op('Reshape', [c, packed]);
  await compare(g.write(y), [3, 4, 4, 3]);
});

test('an op or attribute with no translation: the whole member stays on tfjs and says which node (auto), or exit 2 (onnxruntime)', opts, async () => {
  const cases: [string, (g: Graph) => string, string][] = [
    ['op', (g) => g.op('Softplus', [conv(g, 'x', 3, 2, 3, {}, 'Relu')]), "node 'softplus_3' (op Softplus) not translated"],
    ['attribute', (g) => g.op('MirrorPad', ['x', g.i([0, 0, 1, 1, 1, 1, 0, 0], [4, 2])], { mode: s('SYMMETRIC') }), "node 'mirrorpad_1' (op MirrorPad) not translated: mode 'SYMMETRIC'"],
    ['fused batch norm', (g) => conv(g, 'x', 3, 2, 3, { fused_ops: strs(['FusedBatchNorm']) }), "node '_fusedconv2d_2' (op _FusedConv2D) not translated: fused_ops [fusedbatchnorm]"],
    [
      'shrink with a negative stride (tfjs and TF disagree)',
      (g) => g.op('StridedSlice', ['x', g.i([0, 0, 0, 1]), g.i([0, 0, 0, 2]), g.i([1, 1, -1, 1])], { begin_mask: { i: '7' }, end_mask: { i: '7' }, shrink_axis_mask: { i: '8' } }),
      "node 'stridedslice_3' (op StridedSlice) not translated: shrink_axis_mask with a negative stride",
    ],
    [
      'nearest resize by 7/3',
      (g) => g.op('ResizeNearestNeighbor', ['x', g.i([14, 14])], { half_pixel_centers: b(true) }),
      "node 'resizenearestneighbor_1' (op ResizeNearestNeighbor) not translated: nearest-neighbour resize 6 → 14: ratio not a power of two (the nearest pixel would depend on float rounding)",
    ],
    [
      'computed filter',
      (g) => g.op('Conv2D', ['x', g.op('Relu', [g.w([1, 1, 3, 2])])], { ...NHWC, strides: ints([1, 1, 1, 1]), padding: s('VALID') }),
      "node 'conv2d_2' (op Conv2D) not translated: the filter is not a float32 constant",
    ],
  ];
  for (const [what, make, reason] of cases) {
    const g = new Graph([null, 6, 6, 3]);
    const path = g.write(make(g));
    const auto = await loadModel(nodeFiles, path, { onnx: engine });
    assert.deepEqual(auto.engine, { fallback: reason }, what);
    auto.dispose();
    await assert.rejects(loadModel(nodeFiles, path, { onnx: engine, engine: 'onnxruntime' }), (e: unknown) => e instanceof EquiLensError && e.problem === `--engine onnxruntime: ${reason}`);
  }
});

test('a translation onnxruntime loads but cannot run (one batch of zeros at load): the member stays on tfjs, the session is freed', opts, async () => {
  const g = new Graph([null, 6, 6, 3]);
  const path = g.write(conv(g, 'x', 3, 2, 3, {}, 'Relu'));
  let disposed = 0;
  const failing: OnnxEngine = {
    describe: () => engine.describe(),
    adapter: () => null,
    load: async (bytes, p) => {
      const session = await engine.load(bytes, p);
      return {
        ...session,
        run: () => Promise.reject(new Error('Non-zero status code returned while running Conv node\nsecond line')),
        dispose: () => {
          disposed++;
          session.dispose();
        },
      };
    },
  };
  const m = await loadModel(nodeFiles, path, { onnx: failing });
  assert.deepEqual(m.engine, { fallback: 'onnxruntime-node not used: Non-zero status code returned while running Conv node' });
  assert.equal(disposed, 1);
  m.dispose();
});

test('the ONNX graph: a fused conv is Conv + its activation between one pair of transposes; the output keeps its name', async () => {
  const g = new Graph([null, 6, 6, 3]);
  const path = g.write(conv(g, 'x', 3, 2, 3, {}, 'Relu'));
  const json = await readModelJson(nodeFiles, path);
  const model = await loadGraphModel(modelIOHandler(nodeFiles, path, json, { limits: DEFAULT_LIMITS }));
  const t = translateGraph(model, json.modelTopology, [{ name: 'x', shape: [null, 6, 6, 3], dtype: 'float32' }], [{ name: 'y', shape: [null, 6, 6, 2], dtype: 'float32' }]);
  model.dispose();
  assert.ok('bytes' in t, 'untranslated' in t ? t.untranslated : '');
  const parsed = parseOnnx(t.bytes, 'm.onnx', DEFAULT_LIMITS);
  assert.deepEqual(
    parsed.nodes.map((n) => n.op),
    ['Transpose', 'Conv', 'Relu', 'Transpose', 'Identity'],
  );
  assert.deepEqual(
    parsed.inputs.map((i) => [i.name, i.shape]),
    [['x', ['N', 6, 6, 3]]],
  );
  assert.deepEqual(
    parsed.outputs.map((o) => o.name),
    ['y'],
  );
});

test('clamp chains (Relu → Minimum 6 → Maximum 0, as converters spell ReLU6) become one Clip, unless a value in the chain has another reader', opts, async () => {
  const g = new Graph([null, 6, 6, 3]);
  const c = g.op('Conv2D', ['x', g.w([3, 3, 3, 4], -2, 2)], { ...NHWC, strides: ints([1, 1, 1, 1]), dilations: ints([1, 1, 1, 1]), padding: s('SAME') });
  const relu6 = g.op('Maximum', [g.op('Minimum', [g.op('Relu', [c]), g.w([], 6, 6)]), g.w([], 0, 0)]);
  // `low` is read twice: its chain stays two clamps.
  const low = g.op('Minimum', [c, g.w([], 1, 1)]);
  const y = g.op('AddV2', [relu6, g.op('Mul', [g.op('Maximum', [low, g.w([], -1, -1)]), low])]);
  const path = g.write(y);
  await compare(path, [2, 6, 6, 3]);
  const json = await readModelJson(nodeFiles, path);
  const model = await loadGraphModel(modelIOHandler(nodeFiles, path, json, { limits: DEFAULT_LIMITS }));
  const t = translateGraph(model, json.modelTopology, [{ name: 'x', shape: [null, 6, 6, 3], dtype: 'float32' }], [{ name: 'y', shape: [null, 6, 6, 4], dtype: 'float32' }]);
  model.dispose();
  assert.ok('bytes' in t);
  const ops = parseOnnx(t.bytes, 'm.onnx', DEFAULT_LIMITS).nodes.map((n) => n.op);
  // One Clip for the ReLU6 chain, two for the other; no Relu, Max or Min left.
  assert.deepEqual(ops.filter((o) => o !== 'Transpose').sort(), ['Add', 'Clip', 'Clip', 'Clip', 'Conv', 'Identity', 'Mul']);
});

test('an audit of a graph model agrees between --engine tfjs and onnxruntime', opts, async () => {
  const g = new Graph([null, 12, 12, 1]);
  let y = conv(g, 'x', 1, 4, 3, { strides: ints([1, 2, 2, 1]) }, 'Relu');
  y = g.op('Mean', [y, g.i([1, 2])], { keep_dims: b(false) });
  y = g.op('Softmax', [g.op('_FusedMatMul', [y, g.w([4, 3]), g.w([3])], { fused_ops: strs(['BiasAdd']), num_args: { i: '1' } })]);
  const path = g.write(y);
  const spec = (e: AuditSpec['engine']): AuditSpec => ({ targets: [path], group: 'c4', output: 'invariant', probesCount: 16, seed: 0, engine: e });
  const o = await runAudit(spec('onnxruntime'), host);
  const t = await runAudit(spec('tfjs'), host);
  assert.match(o.backend, /translated from TF\.js/);
  const [a, w] = [o.members[0]!.relError, t.members[0]!.relError];
  assert.ok(typeof a === 'number' && typeof w === 'number' && w > 0, `${a} vs ${w}`);
  assert.ok(Math.abs(a - w) <= 1e-5 * w, `relError ${a} vs ${w}`);
});

test("docs/cli.md's --engine row names every graph op the translation covers", () => {
  const row = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('| `--engine <e>`'))!;
  for (const o of GRAPH_OPS) assert.ok(row.includes(`\`${o}\``), `${o} is not in docs/cli.md`);
});
