import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fingerprint, loadModel, modelIOHandler, readModelJson } from '../src/core/load';
import { nodeFiles } from '../src/node/nodeFiles';
import * as fx from './helpers/modelFixtures';

let dir: string;
let cleanup: () => void;
let cnn: tfl.Sequential;
let layers: tf.io.ModelArtifacts;
let x: tf.Tensor4D;

before(async () => {
  await tf.setBackend('cpu');
  ({ dir, cleanup } = fx.tempDir());
  cnn = fx.makeCnn({ seed: 1 });
  layers = await fx.saveArtifacts(cnn);
  x = fx.randomImages(5);
});
after(() => {
  cnn.dispose();
  x.dispose();
  cleanup();
});

/** Largest absolute difference between two tensors' values. */
async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  assert.deepEqual(a.shape, b.shape);
  const [va, vb] = [Array.from(await a.data()), Array.from(await b.data())];
  return va.reduce((m, v, i) => Math.max(m, Math.abs(v - vb[i]!)), 0);
}

/** Predictions of our loader on x, disposing the model. */
async function ours(path: string, opts?: { batchSize?: number }): Promise<tf.Tensor> {
  const model = await loadModel(nodeFiles, path);
  try {
    return await model.predict(x, opts);
  } finally {
    model.dispose();
  }
}

async function tfjsLayers(artifacts: tf.io.ModelArtifacts): Promise<tf.Tensor> {
  const model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
  const y = model.predict(x) as tf.Tensor;
  model.dispose();
  return y;
}

async function tfjsGraph(artifacts: tf.io.ModelArtifacts): Promise<tf.Tensor> {
  const model = await loadGraphModel(tf.io.fromMemory(artifacts));
  const y = model.execute({ input: x }) as tf.Tensor;
  model.dispose();
  return y;
}

describe('layers models', () => {
  test('predictions equal tfjs loading the same artifacts', async () => {
    const path = fx.writeModel(`${dir}/plain`, layers);
    assert.equal(await maxDiff(await ours(path), await tfjsLayers(layers)), 0);
  });

  test('sharded weights load the same', async () => {
    const path = fx.writeModel(`${dir}/sharded`, layers, { shards: 3 });
    assert.equal(await maxDiff(await ours(path), await tfjsLayers(layers)), 0);
  });

  for (const [dtype, tol] of [
    ['uint8', 5e-3],
    ['uint16', 1e-5],
    ['float16', 1e-3],
  ] as const) {
    test(`${dtype}-quantized weights decode like tfjs and stay close to float`, async () => {
      const path = fx.writeModel(`${dir}/q-${dtype}`, layers, { quantize: dtype, shards: 2 });
      const y = await ours(path);
      assert.equal(await maxDiff(y, await tfjsLayers(fx.quantizedArtifacts(layers, dtype))), 0);
      const d = await maxDiff(y, await tfjsLayers(layers));
      assert.ok(d > 0 && d < tol, `quantized vs float differ by ${d}`);
    });
  }

  test('describes inputs, outputs, final activation and fingerprint', async () => {
    const path = fx.writeModel(`${dir}/info`, layers);
    const model = await loadModel(nodeFiles, path);
    assert.equal(model.format, 'layers-model');
    assert.deepEqual(model.inputs[0]!.shape, [null, 8, 8, 3]);
    assert.deepEqual(model.outputs[0]!.shape, [null, 3]);
    assert.equal(model.finalActivation(), 'softmax');
    assert.equal(model.fingerprint, fingerprint(await readModelJson(nodeFiles, path)));
    model.dispose();
  });

  test('a separate Activation layer counts as the final activation', async () => {
    const m = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [4], units: 2 }), tfl.layers.activation({ activation: 'sigmoid' }), tfl.layers.dropout({ rate: 0.1 })],
    });
    const path = fx.writeModel(`${dir}/sigmoid`, await fx.saveArtifacts(m));
    m.dispose();
    const model = await loadModel(nodeFiles, path);
    assert.equal(model.finalActivation(), 'sigmoid');
    model.dispose();
  });

  test('chunked predict equals one pass and leaks no tensors', async () => {
    const path = fx.writeModel(`${dir}/chunks`, layers);
    const model = await loadModel(nodeFiles, path);
    const whole = await model.predict(x);
    const before = tf.memory().numTensors;
    const chunked = await model.predict(x, { batchSize: 2 });
    assert.equal(tf.memory().numTensors, before + 1);
    assert.ok((await maxDiff(whole, chunked)) < 1e-6);
    tf.dispose([whole, chunked]);
    model.dispose();
  });
});

describe('graph models', () => {
  test('predictions equal tfjs loading the same artifacts, and the layers CNN', async () => {
    const artifacts = fx.graphArtifacts(cnn);
    const path = fx.writeModel(`${dir}/graph`, artifacts);
    const y = await ours(path);
    assert.equal(await maxDiff(y, await tfjsGraph(artifacts)), 0);
    assert.ok((await maxDiff(y, cnn.predict(x) as tf.Tensor)) < 1e-5);
  });

  test('quantized graph weights decode like tfjs', async () => {
    const artifacts = fx.quantizedArtifacts(fx.graphArtifacts(cnn), 'uint8');
    const path = fx.writeModel(`${dir}/graph-q`, fx.graphArtifacts(cnn), { quantize: 'uint8' });
    assert.equal(await maxDiff(await ours(path), await tfjsGraph(artifacts)), 0);
  });

  test('signature names, shapes and the Softmax behind Identity', async () => {
    const model = await loadModel(nodeFiles, fx.writeModel(`${dir}/graph-info`, fx.graphArtifacts(cnn)));
    assert.equal(model.format, 'graph-model');
    assert.deepEqual(model.inputs, [{ name: 'input', shape: [null, 8, 8, 3], dtype: 'float32' }]);
    assert.deepEqual(model.outputs, [{ name: 'probs', shape: [null, 3], dtype: 'float32' }]);
    assert.equal(model.finalActivation(), 'softmax');
    const y = await model.predict(x, { input: 'input', output: 'probs' });
    assert.deepEqual(y.shape, [5, 3]);
    y.dispose();
    model.dispose();
  });

  test('a fixed batch of 1 runs in chunks equal to per-sample runs, without leaks', async () => {
    const model = await loadModel(nodeFiles, fx.writeModel(`${dir}/graph-b1`, fx.graphArtifacts(cnn, { batch: 1 })));
    assert.deepEqual(model.inputs[0]!.shape, [1, 8, 8, 3]);
    const before = tf.memory().numTensors;
    const y = await model.predict(x);
    assert.equal(tf.memory().numTensors, before + 1);
    for (let i = 0; i < 5; i++) {
      const xi = tf.slice(x, i, 1);
      const yi = await model.predict(xi);
      assert.equal(await maxDiff(tf.slice(y, i, 1), yi), 0);
      tf.dispose([xi, yi]);
    }
    y.dispose();
    model.dispose();
  });

  test('a fixed batch of 2 pads the last chunk and drops the padding', async () => {
    const model = await loadModel(nodeFiles, fx.writeModel(`${dir}/graph-b2`, fx.graphArtifacts(cnn, { batch: 2 })));
    const y = await model.predict(x);
    assert.ok((await maxDiff(y, cnn.predict(x) as tf.Tensor)) < 1e-5);
    y.dispose();
    model.dispose();
  });
});

describe('graph models with control flow', () => {
  test('run through executeAsync, in chunks, without leaks', async () => {
    const model = await loadModel(nodeFiles, fx.writeModel(`${dir}/switch`, fx.switchGraphArtifacts(3)));
    assert.equal(model.finalActivation(), 'softmax');
    const v = tf.randomNormal([5, 3], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const y = await model.predict(v, { batchSize: 2 });
    assert.equal(tf.memory().numTensors, before + 1);
    const ref = tf.softmax(v);
    assert.ok((await maxDiff(y, ref)) < 1e-6);
    tf.dispose([v, y, ref]);
    model.dispose();
  });
});

describe('modelIOHandler', () => {
  test('joins the shards into one exact ArrayBuffer with the specs in order', async () => {
    const path = fx.writeModel(`${dir}/handler`, layers, { shards: 4 });
    const artifacts = await modelIOHandler(nodeFiles, path).load!();
    const data = artifacts.weightData;
    assert.ok(data instanceof ArrayBuffer && !ArrayBuffer.isView(data));
    assert.deepEqual(new Uint8Array(data), new Uint8Array(layers.weightData as ArrayBuffer));
    assert.deepEqual(artifacts.weightSpecs, layers.weightSpecs);
    assert.equal(artifacts.format, 'layers-model');
  });
});

describe('fingerprint', () => {
  test('same architecture from another seed matches; another kernel size does not', async () => {
    const a = await readModelJson(nodeFiles, fx.writeModel(`${dir}/fp-a`, layers));
    const b = await readModelJson(nodeFiles, fx.writeModel(`${dir}/fp-b`, await fx.cnnArtifacts({ seed: 2 })));
    const c = await readModelJson(nodeFiles, fx.writeModel(`${dir}/fp-c`, await fx.cnnArtifacts({ kernelSize: 5 })));
    // Layers built in one process get different auto names (conv2d_Conv2D1, …2): names must not count.
    assert.notEqual(JSON.stringify(a.modelTopology), JSON.stringify(b.modelTopology));
    assert.equal(fingerprint(a), fingerprint(b));
    assert.notEqual(fingerprint(a), fingerprint(c));
    assert.match(fingerprint(a), /^[0-9a-f]{16}$/);
  });

  test('graph models: quantization and node names do not count, weight shapes do', async () => {
    const g = fx.graphArtifacts(cnn);
    const a = await readModelJson(nodeFiles, fx.writeModel(`${dir}/fpg-a`, g));
    const q = await readModelJson(nodeFiles, fx.writeModel(`${dir}/fpg-q`, g, { quantize: 'float16' }));
    const other = fx.makeCnn({ kernelSize: 5 });
    const k5 = await readModelJson(nodeFiles, fx.writeModel(`${dir}/fpg-k5`, fx.graphArtifacts(other)));
    other.dispose();
    assert.equal(fingerprint(a), fingerprint(q));
    assert.notEqual(fingerprint(a), fingerprint(k5));
  });
});
