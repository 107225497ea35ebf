// TF.js layers models translated to ONNX (src/core/load/translate) give tfjs's numbers: per
// layer kind on synthetic models, on every example ensemble, and through whole audits.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditHost, AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { loadModel } from '../src/core/load/loadModel';
import { DEFAULT_LIMITS } from '../src/core/load/limits';
import { parseOnnx } from '../src/core/load/onnx/onnxGraph';
import { ONNX_RUNTIME_MISSING } from '../src/core/load/onnx/engine';
import { samePads } from '../src/core/load/translate/padding';
import { translateLayers } from '../src/core/load/translate/layersToOnnx';
import { nodeFiles } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { ROOT } from './helpers/cli';
import { saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';
import { NO_RUNTIME } from './helpers/onnxWriter';

const engine = nodeOnnxEngine();
const host: AuditHost = { fs: nodeFiles, backend: 'cpu', onnx: engine };
const EXAMPLES = ['compatible-augmented', 'compatible-plain', 'incompatible-augmented'].map((e) => join(ROOT, 'examples', e));

before(async () => {
  await tf.setBackend('cpu');
});

let seed = 0;
/** Random weights everywhere (biases, BN statistics included), so no term is trivially zero. */
const rnd = () => tfl.initializers.randomUniform({ minval: -0.6, maxval: 0.6, seed: ++seed });
const pos = () => tfl.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: ++seed });
const conv = (a: Partial<Parameters<typeof tfl.layers.conv2d>[0]>) => tfl.layers.conv2d({ filters: 5, kernelSize: 3, kernelInitializer: rnd(), biasInitializer: rnd(), ...a });
const bn = () => tfl.layers.batchNormalization({ gammaInitializer: pos(), betaInitializer: rnd(), movingMeanInitializer: rnd(), movingVarianceInitializer: pos() });
const dense = (units: number, activation?: 'softmax' | 'sigmoid' | 'tanh' | 'linear') => tfl.layers.dense({ units, activation, kernelInitializer: rnd(), biasInitializer: rnd() });

function sequential(shape: number[], layers: tfl.layers.Layer[]): tfl.LayersModel {
  const m = tfl.sequential();
  m.add(tfl.layers.inputLayer({ inputShape: shape }));
  for (const l of layers) m.add(l);
  return m;
}

/** The variants: every translated layer kind, TF's asymmetric 'same' padding on odd sizes, folds and non-folds. */
function variants(): [string, () => tfl.LayersModel][] {
  return [
    ['conv same stride 2 on 8×8 (asymmetric padding), relu6', () => sequential([8, 8, 3], [conv({ strides: 2, padding: 'same', activation: 'relu6' }), tfl.layers.flatten(), dense(4, 'softmax')])],
    [
      'conv valid stride 2, even kernel 4 same, dilation 2 same',
      () =>
        sequential(
          [11, 11, 2],
          [
            conv({ kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' }),
            conv({ kernelSize: 4, padding: 'same', activation: 'elu' }),
            conv({ kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'tanh' }),
            tfl.layers.globalAveragePooling2d({}),
            dense(3),
          ],
        ),
    ],
    [
      'conv (no bias) → BN folded → relu; conv relu → BN not folded',
      () => sequential([8, 8, 3], [conv({ useBias: false }), bn(), tfl.layers.reLU(), conv({ activation: 'relu' }), bn(), tfl.layers.globalMaxPooling2d({}), dense(3, 'sigmoid')]),
    ],
    [
      'depthwise ×2 stride 2 same + BN + relu6, separable + BN',
      () =>
        sequential(
          [10, 10, 3],
          [
            tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', depthwiseInitializer: rnd(), biasInitializer: rnd(), useBias: true }),
            bn(),
            tfl.layers.reLU({ maxValue: 6 }),
            tfl.layers.separableConv2d({ filters: 4, kernelSize: 3, padding: 'same', depthwiseInitializer: rnd(), pointwiseInitializer: rnd(), biasInitializer: rnd() }),
            bn(),
            tfl.layers.activation({ activation: 'relu6' }),
            tfl.layers.flatten(),
            dense(3, 'softmax'),
          ],
        ),
    ],
    [
      'max pool 3/2 same, avg pool 3/2 same (asymmetric padding, excluded), avg pool 2/1 valid, max pool 2 valid',
      () =>
        sequential(
          [12, 12, 2],
          [
            conv({ padding: 'same', activation: 'relu' }),
            tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
            tfl.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
            tfl.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'valid' }),
            conv({ padding: 'same' }),
            tfl.layers.maxPooling2d({ poolSize: 2, padding: 'valid' }),
            tfl.layers.flatten(),
            dense(3),
          ],
        ),
    ],
    [
      'avg pool same on an even size, stride 1',
      () =>
        sequential(
          [6, 6, 2],
          [tfl.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }), tfl.layers.averagePooling2d({ poolSize: 3, strides: 3, padding: 'same' }), tfl.layers.flatten()],
        ),
    ],
    [
      'zero padding, reshape, dropout, leaky relu, dense on 4-D',
      () =>
        sequential(
          [6, 6, 2],
          [
            tfl.layers.zeroPadding2d({
              padding: [
                [1, 2],
                [0, 3],
              ],
            }),
            conv({ kernelSize: 2, padding: 'valid' }),
            tfl.layers.leakyReLU({ alpha: 0.2 }),
            tfl.layers.dropout({ rate: 0.5 }),
            dense(4, 'tanh'),
            tfl.layers.reshape({ targetShape: [16, 16] }),
            tfl.layers.flatten(),
            dense(2, 'softmax'),
          ],
        ),
    ],
    [
      'functional: residual add (conv output read twice), concatenate, multiply, softmax layer',
      () => {
        const x = tfl.input({ shape: [8, 8, 3], name: 'img' });
        const a = conv({ padding: 'same', filters: 3 }).apply(x) as tfl.SymbolicTensor;
        const b = bn().apply(a) as tfl.SymbolicTensor;
        const sum = tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor;
        const c = tfl.layers.concatenate().apply([sum, x]) as tfl.SymbolicTensor;
        const m = tfl.layers.multiply().apply([c, c]) as tfl.SymbolicTensor;
        const g = tfl.layers.globalAveragePooling2d({}).apply(m) as tfl.SymbolicTensor;
        const y = tfl.layers.softmax().apply(dense(3).apply(g)) as tfl.SymbolicTensor;
        return tfl.model({ inputs: x, outputs: y });
      },
    ],
  ];
}

/** max |a − b| / max |b| over one output. */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return diff / scale;
}

async function onnxVersusTfjs(model: tfl.LayersModel, batch = 6): Promise<number> {
  const t = translateLayers(model);
  assert.ok('bytes' in t, 'untranslated' in t ? t.untranslated : '');
  const session = await engine.load(t.bytes, 'model.json');
  try {
    const shape = model.inputs[0]!.shape.map<number>((d) => d ?? batch);
    const x = tf.randomUniform(shape, -1, 1, 'float32', 7);
    const want = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
    const got = await session.run({ [model.inputs[0]!.sourceLayer.name]: { data: x.dataSync() as Float32Array, dims: shape } }, model.outputs[0]!.sourceLayer.name);
    assert.deepEqual(
      got.dims,
      model.outputs[0]!.shape.map((d) => d ?? batch),
    );
    x.dispose();
    return relDiff(got.data, want);
  } finally {
    session.dispose();
  }
}

test("TF's 'same' padding: the odd pixel goes after, dilation widens the kernel", () => {
  assert.deepEqual(samePads(9, 3, 2), [1, 1]);
  assert.deepEqual(samePads(8, 3, 2), [0, 1]);
  assert.deepEqual(samePads(8, 4, 1), [1, 2]);
  assert.deepEqual(samePads(7, 3, 1, 2), [2, 2]);
  assert.deepEqual(samePads(6, 2, 1), [0, 1]);
});

for (const [name, make] of variants()) {
  test(`translated = tfjs within 1e-4: ${name}`, { skip: NO_RUNTIME }, async () => {
    const model = make();
    try {
      const d = await onnxVersusTfjs(model);
      assert.ok(d <= 1e-4, `max relative difference ${d}`);
    } finally {
      model.dispose();
    }
  });
}

test("every member of the three example ensembles translates and gives tfjs's outputs within 1e-4", { skip: NO_RUNTIME }, async () => {
  const x = tf.randomUniform([16, 16, 16, 1], 0, 1, 'float32', 3);
  try {
    for (const dir of EXAMPLES) {
      for (const m of readdirSync(dir).sort()) {
        const path = join(dir, m, 'model.json');
        const onnx = await loadModel(nodeFiles, path, { onnx: engine, engine: 'onnxruntime' });
        const tfjs = await loadModel(nodeFiles, path, { onnx: engine, engine: 'tfjs' });
        assert.match((onnx.engine as { onnx: string }).onnx, /^onnxruntime-node .*translated from TF\.js\)$/);
        const [a, b] = [await onnx.predict(x), await tfjs.predict(x)];
        assert.deepEqual(a.shape, b.shape);
        const d = relDiff(a.dataSync(), b.dataSync());
        assert.ok(d <= 1e-4, `${path}: max relative difference ${d}`);
        tf.dispose([a, b]);
        onnx.dispose();
        tfjs.dispose();
      }
    }
  } finally {
    x.dispose();
  }
});

const auditSpec = (dir: string, engine: AuditSpec['engine']): AuditSpec => ({
  targets: [dir],
  group: 'c4',
  output: 'invariant',
  probes: join(ROOT, 'examples', 'probes', 'test-images.npy'),
  probesCount: 64,
  seed: 0,
  engine,
});

test("audits of the example ensembles (the demo's spec) agree between --engine tfjs and onnxruntime within 1e-4", { skip: NO_RUNTIME }, async () => {
  const close = (a: number | null | undefined, b: number | null | undefined, what: string) => {
    assert.ok(typeof a === 'number' && typeof b === 'number', `${what}: ${a} vs ${b}`);
    assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
  };
  for (const dir of EXAMPLES) {
    const o = await runAudit(auditSpec(dir, 'onnxruntime'), host);
    const t = await runAudit(auditSpec(dir, 'tfjs'), host);
    assert.match(o.backend, /translated from TF\.js/);
    assert.equal(t.backend, 'cpu');
    o.members.forEach((m, i) => {
      close(m.relError, t.members[i]!.relError, `${dir} member ${i} relError`);
      close(m.osp, t.members[i]!.osp, `${dir} member ${i} OSP`);
    });
    close(o.ensemble!.relError, t.ensemble!.relError, `${dir} ensemble relError`);
    close(o.ensemble!.floor, t.ensemble!.floor, `${dir} floor`);
    close(o.ensemble!.osp, t.ensemble!.osp, `${dir} ensemble OSP`);
    // Per-layer floors still come from the tfjs model's hidden layers.
    assert.deepEqual(
      o.layers?.map((l) => l.name),
      t.layers?.map((l) => l.name),
    );
  }
});

test('a layer with no translation: the model stays on tfjs and says which layer (auto), or exit 2 (onnxruntime)', { skip: NO_RUNTIME }, async () => {
  const tmp = tempDir('equilens-translate-');
  try {
    const model = sequential([8, 8, 1], [conv({ padding: 'same', name: 'c1' }), tfl.layers.upSampling2d({ size: [2, 2], name: 'up' }), tfl.layers.globalAveragePooling2d({}), dense(2, 'softmax')]);
    const t = translateLayers(model);
    assert.deepEqual(t, { untranslated: "layer 'up' (class UpSampling2D) not translated" });
    const path = writeModel(join(tmp.dir, 'm'), await saveArtifacts(model));
    model.dispose();
    const auto = await loadModel(nodeFiles, path, { onnx: engine });
    assert.deepEqual(auto.engine, { fallback: "layer 'up' (class UpSampling2D) not translated" });
    auto.dispose();
    await assert.rejects(
      loadModel(nodeFiles, path, { onnx: engine, engine: 'onnxruntime' }),
      (e: unknown) => e instanceof EquiLensError && e.problem === "--engine onnxruntime: layer 'up' (class UpSampling2D) not translated",
    );
    const tfjs = await loadModel(nodeFiles, path, { onnx: engine, engine: 'tfjs' });
    assert.equal(tfjs.engine, undefined);
    tfjs.dispose();
  } finally {
    tmp.cleanup();
  }
});

test("a missing onnxruntime-node: auto runs tfjs and the report's compute.reason says so in one line; onnxruntime refuses", async () => {
  const tmp = tempDir('equilens-translate-');
  try {
    const model = sequential([8, 8, 1], [conv({ padding: 'same', activation: 'relu' }), tfl.layers.globalAveragePooling2d({}), dense(2, 'softmax')]);
    writeModel(join(tmp.dir, 'm'), await saveArtifacts(model));
    model.dispose();
    const missing = {
      describe: () => 'onnxruntime-node (CPU, 2 threads)',
      adapter: () => null,
      load: async (_: Uint8Array, p: string) => {
        throw new EquiLensError(p, ONNX_RUNTIME_MISSING);
      },
    };
    const stubHost: AuditHost = { fs: nodeFiles, backend: 'cpu', compute: { place: 'library', adapter: null, software: null, reason: 'cpu backend' }, onnx: missing };
    const spec: AuditSpec = { targets: [join(tmp.dir, 'm')], group: 'c4', output: 'invariant', probesCount: 8, seed: 0, localise: false };
    const r = await runAudit(spec, stubHost);
    assert.equal(r.backend, 'cpu');
    assert.equal(r.compute?.reason, `cpu: onnxruntime-node not used: ${ONNX_RUNTIME_MISSING}`);
    await assert.rejects(
      runAudit({ ...spec, engine: 'onnxruntime' }, stubHost),
      (e: unknown) => e instanceof EquiLensError && e.problem === `--engine onnxruntime: onnxruntime-node not used: ${ONNX_RUNTIME_MISSING}`,
    );
    const plain = await runAudit({ ...spec, engine: 'tfjs' }, stubHost);
    assert.equal(plain.compute?.reason, 'cpu backend');
  } finally {
    tmp.cleanup();
  }
});

test('the graph: batch norm after a linear conv read once is folded (no Mul), after an activation it is x·s + t; NHWC at both ends', () => {
  const ops = (m: tfl.LayersModel) => {
    const t = translateLayers(m);
    assert.ok('bytes' in t);
    m.dispose();
    return parseOnnx(t.bytes, 'm.onnx', DEFAULT_LIMITS);
  };
  const folded = ops(sequential([6, 6, 2], [conv({ padding: 'same' }), bn(), tfl.layers.reLU()]));
  assert.deepEqual(
    folded.nodes.map((n) => n.op),
    ['Transpose', 'Conv', 'Transpose', 'Relu', 'Identity'],
  );
  assert.deepEqual(
    folded.inputs.map((i) => i.shape),
    [['N', 6, 6, 2]],
  );
  assert.deepEqual(
    folded.outputs.map((o) => o.shape),
    [['N', 6, 6, 5]],
  );
  const kept = ops(sequential([6, 6, 2], [conv({ padding: 'same', activation: 'relu' }), bn()]));
  assert.deepEqual(
    kept.nodes.map((n) => n.op),
    ['Transpose', 'Conv', 'Relu', 'Transpose', 'Mul', 'Add', 'Identity'],
  );
});
