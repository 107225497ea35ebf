// Batch sizes: the estimate from activation sizes, halving on out-of-memory errors, the size a
// model remembers, and no tensor leaked on any path (tf.memory() before/after).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_LIMITS, loadModel } from '../src/core/load';
import { estimateBatchSize, FALLBACK_BATCH, graphActivationBytes, ioActivationBytes, layersActivationBytes, memoryBudget } from '../src/core/load/batchSize';
import type { ModelJson } from '../src/core/load/modelJson';
import { isOutOfMemory } from '../src/core/load/outOfMemory';
import { predictInChunks } from '../src/core/load/predictInChunks';
import { nodeFiles } from '../src/node/nodeFiles';
import * as fx from './helpers/modelFixtures';

const MIB = 1024 * 1024;
/** The message tfjs-backend-webgl throws for a batch whose texture is too big. */
const TEXTURE_OOM = 'Requested texture size [8192x70000] greater than WebGL maximum on this browser / GPU [16384x16384].';

let dir: string;
let cleanup: () => void;

before(async () => {
  await tf.setBackend('cpu');
  ({ dir, cleanup } = fx.tempDir('equilens-batching-'));
});
after(() => cleanup());

/** Largest absolute difference between two tensors' values. */
async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  assert.deepEqual(a.shape, b.shape);
  const [va, vb] = [Array.from(await a.data()), Array.from(await b.data())];
  return va.reduce((m, v, i) => Math.max(m, Math.abs(v - vb[i]!)), 0);
}

/** input [4,4,2] → conv 3 filters (same) → flatten → dense 5: 32 + 48 + 48 + 5 = 133 values a sample. */
function smallModel(functional: boolean): tfl.LayersModel {
  const conv = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', ...(functional ? {} : { inputShape: [4, 4, 2] }) });
  const layers = [conv, tfl.layers.flatten(), tfl.layers.dense({ units: 5 })];
  if (!functional) return tfl.sequential({ layers });
  const input = tfl.input({ shape: [4, 4, 2] });
  const output = layers.reduce((t, l) => l.apply(t) as tfl.SymbolicTensor, input);
  return tfl.model({ inputs: input, outputs: output });
}

describe('estimate', () => {
  test('per-sample activation bytes of a small layers model, computed by hand', () => {
    for (const functional of [false, true]) {
      const model = smallModel(functional);
      assert.equal(layersActivationBytes(model), 133 * 4, functional ? 'functional' : 'sequential');
      model.dispose();
    }
  });

  test('a free image size leaves the activation size unknown', () => {
    const model = tfl.sequential({ layers: [tfl.layers.conv2d({ inputShape: [null, null, 1], filters: 2, kernelSize: 1 })] });
    assert.equal(layersActivationBytes(model), null);
    model.dispose();
  });

  test('batch sizes: budget / bytes, rounded down to a power of two, clamped to [1, 1024]', () => {
    assert.equal(estimateBatchSize(532, 532 * 100), 64);
    assert.equal(estimateBatchSize(532, 532 * 128), 128);
    assert.equal(estimateBatchSize(532, 532 * 127), 64);
    assert.equal(estimateBatchSize(532, 500), 1);
    assert.equal(estimateBatchSize(532, memoryBudget('cpu')), 1024);
    // A 224×224×64 float map is 12.25 MiB: 20 fit in 256 MiB, 41 in 512 MiB.
    const map = 224 * 224 * 64 * 4;
    assert.equal(estimateBatchSize(map, memoryBudget('webgl')), 16);
    assert.equal(estimateBatchSize(map, memoryBudget('webgpu')), 16);
    assert.equal(estimateBatchSize(map, memoryBudget('wasm')), 32);
    assert.equal(estimateBatchSize(null, memoryBudget('cpu')), FALLBACK_BATCH);
    assert.equal(estimateBatchSize(0, memoryBudget('cpu')), FALLBACK_BATCH);
    assert.equal(memoryBudget('webgl'), 256 * MIB);
    assert.equal(memoryBudget('tensorflow'), 512 * MIB);
  });

  test('graph models: node shapes when every computing node has them, else inputs+outputs × 32', () => {
    const shapes = (...dims: number[][]) => ({ list: { shape: dims.map((d) => ({ dim: d.map((size) => ({ size: String(size) })) })) } });
    const node = [
      { name: 'x', op: 'Placeholder', attr: { _output_shapes: shapes([-1, 8, 8, 3]) } },
      { name: 'k', op: 'Const', attr: {} },
      { name: 'conv', op: 'Conv2D', input: ['x', 'k'], attr: { _output_shapes: shapes([-1, 8, 8, 4]) } },
      { name: 'relu', op: 'Relu', input: ['conv'], attr: { _output_shapes: shapes([-1, 8, 8, 4]) } },
      { name: 'mean', op: 'Mean', input: ['relu'], attr: { _output_shapes: shapes([-1, 4]) } },
    ];
    const json = (n: unknown[]) => ({ format: 'graph-model', modelTopology: { node: n }, weightsManifest: [] }) as unknown as ModelJson;
    const io = { inputs: [{ name: 'x', shape: [null, 8, 8, 3], dtype: 'float32' }], outputs: [{ name: 'mean', shape: [null, 4], dtype: 'float32' }] };
    assert.equal(graphActivationBytes(json(node), io.inputs, io.outputs), (192 + 256 + 256 + 4) * 4);
    // One node without shapes: the fallback, (192 + 4) values × 4 bytes × 32.
    const partial = [...node.slice(0, 4), { name: 'mean', op: 'Mean', input: ['relu'], attr: {} }];
    assert.equal(graphActivationBytes(json(partial), io.inputs, io.outputs), (192 + 4) * 4 * 32);
    assert.equal(ioActivationBytes([[null, null, null, 3]], [[null, 4]]), null);
    assert.equal(ioActivationBytes([[5, 8, 8, 3]], [[]]), 192 * 4 * 32);
  });

  test('LoadedModel.activationBytesPerSample is computed at load (layers: by hand; graph fixture: fallback)', async () => {
    const small = smallModel(false);
    const layers = await loadModel(nodeFiles, fx.writeModel(`${dir}/small`, await fx.saveArtifacts(small)));
    small.dispose();
    assert.equal(layers.activationBytesPerSample, 133 * 4);
    assert.equal(layers.batchLimit, null);
    layers.dispose();
    const cnn = fx.makeCnn({ seed: 1 });
    const graph = await loadModel(nodeFiles, fx.writeModel(`${dir}/graph`, fx.graphArtifacts(cnn)));
    cnn.dispose();
    // The fixture records no _output_shapes: input 8×8×3 plus 3 classes, × 4 bytes × 32.
    assert.equal(graph.activationBytesPerSample, (192 + 3) * 4 * 32);
    graph.dispose();
  });
});

describe('out-of-memory errors', () => {
  test('messages of the backends are recognised, others are not', () => {
    for (const msg of [
      TEXTURE_OOM,
      'WebGL Error: OUT_OF_MEMORY',
      'Array buffer allocation failed',
      'Aborted(Cannot enlarge memory arrays to size 2147549184 bytes (OOM).)',
      'Aborted(OOM)',
      'Out of memory',
      'Failed to allocate 1073741824 bytes',
      'WebAssembly.Memory.grow(): Maximum memory size exceeded',
      'Invalid typed array length: 4294967296',
    ]) {
      assert.ok(isOutOfMemory(new Error(msg)), msg);
      assert.ok(isOutOfMemory(new RangeError(msg)), msg);
    }
    class GPUOutOfMemoryError {
      message = 'device lost';
    }
    assert.ok(isOutOfMemory(new GPUOutOfMemoryError()));
    for (const msg of ['Error when checking model: expected input to have shape [null,3]', 'Unknown op Foo', 'boom']) {
      assert.ok(!isOutOfMemory(new Error(msg)), msg);
    }
  });
});

/** A forward pass y = 2·x summed per sample that, like a backend, allocates and then throws above `max` samples. */
function fakeRun(max: number, message = TEXTURE_OOM) {
  const sizes: number[] = [];
  const run = async (chunk: tf.Tensor): Promise<tf.Tensor> => {
    sizes.push(chunk.shape[0]);
    return tf.tidy(() => {
      const doubled = tf.mul(chunk, 2);
      if (chunk.shape[0] > max) throw new Error(message);
      return tf.sum(doubled, 1);
    });
  };
  return { run, sizes };
}

describe('predictInChunks halves on out-of-memory errors', () => {
  test('output identical to one pass, chunks halve from what failed, no tensor leaked', async () => {
    const x = tf.randomUniform([10, 6], 0, 1, 'float32', 1);
    const ref = await fakeRun(Infinity).run(x);
    const { run, sizes } = fakeRun(3);
    const halved: number[] = [];
    const before = tf.memory().numTensors;
    const y = await predictInChunks(x, 16, false, run, (s) => halved.push(s));
    assert.equal(tf.memory().numTensors, before + 1);
    // 10 (all of x) fails, 5 fails, then chunks of 2.
    assert.deepEqual(sizes, [10, 5, 2, 2, 2, 2, 2]);
    assert.deepEqual(halved, [5, 2]);
    assert.equal(await maxDiff(y, ref), 0);
    tf.dispose([x, ref, y]);
  });

  test('a power-of-two start halves by powers of two; a later chunk that fails halves too', async () => {
    const x = tf.randomUniform([13, 4], 0, 1, 'float32', 2);
    const ref = await fakeRun(Infinity).run(x);
    const { run, sizes } = fakeRun(1);
    const before = tf.memory().numTensors;
    const y = await predictInChunks(x, 8, false, run);
    assert.equal(tf.memory().numTensors, before + 1);
    assert.deepEqual(sizes, [8, 4, 2, 1, ...Array(12).fill(1)]);
    assert.equal(await maxDiff(y, ref), 0);
    tf.dispose([x, ref, y]);

    // The first chunk of 4 fits only because 4 ≤ 4; the short last chunk of 1 is fine.
    const x2 = tf.randomUniform([9, 4], 0, 1, 'float32', 3);
    const ref2 = await fakeRun(Infinity).run(x2);
    const second = fakeRun(4);
    const y2 = await predictInChunks(x2, 4, false, second.run);
    assert.deepEqual(second.sizes, [4, 4, 1]);
    assert.equal(await maxDiff(y2, ref2), 0);
    tf.dispose([x2, ref2, y2]);
  });

  test('gives up at one sample with the backend error, leaking nothing', async () => {
    const x = tf.randomUniform([8, 3], 0, 1, 'float32', 4);
    const { run, sizes } = fakeRun(0);
    const before = tf.memory().numTensors;
    await assert.rejects(predictInChunks(x, 8, false, run), (e: Error) => e.message === TEXTURE_OOM);
    assert.deepEqual(sizes, [8, 4, 2, 1]);
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });

  test('fails after some chunks succeeded: their outputs are freed too', async () => {
    const x = tf.randomUniform([6, 3], 0, 1, 'float32', 5);
    let calls = 0;
    const run = async (chunk: tf.Tensor) => {
      if (++calls === 3) throw new Error('Aborted(OOM)');
      return tf.sum(chunk, 1);
    };
    const before = tf.memory().numTensors;
    // Chunks of 2: two succeed, the third fails at 2 and is retried at 1, which works.
    const y = await predictInChunks(x, 2, false, run);
    assert.equal(calls, 5);
    assert.equal(tf.memory().numTensors, before + 1);
    y.dispose();
    // Non-OOM error on the third chunk: the two outputs already made are disposed.
    calls = 0;
    const failing = async (chunk: tf.Tensor) => {
      if (++calls === 3) throw new Error('boom');
      return tf.sum(chunk, 1);
    };
    await assert.rejects(predictInChunks(x, 2, false, failing), /boom/);
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });

  test('other errors are not retried', async () => {
    const x = tf.randomUniform([8, 3], 0, 1, 'float32', 6);
    const { run, sizes } = fakeRun(0, 'Error when checking : expected input to have 2 dimensions');
    const before = tf.memory().numTensors;
    await assert.rejects(predictInChunks(x, 8, false, run), /expected input/);
    assert.deepEqual(sizes, [8]);
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });

  test('a fixed batch cannot halve: the error is rethrown after one try', async () => {
    const x = tf.randomUniform([5, 3], 0, 1, 'float32', 7);
    const { run, sizes } = fakeRun(2);
    const before = tf.memory().numTensors;
    await assert.rejects(
      predictInChunks(x, 4, true, run, () => assert.fail('halved')),
      (e: Error) => e.message === TEXTURE_OOM,
    );
    assert.deepEqual(sizes, [4]);
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });
});

/** Samples above which the OomProbe layer throws, and the batch sizes it saw. */
const probe = { max: Infinity, sizes: [] as number[] };

/** An identity layer that throws the webgl texture error on batches above probe.max. */
class OomProbe extends tfl.layers.Layer {
  static className = 'OomProbe';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    probe.sizes.push(x.shape[0]);
    if (x.shape[0] > probe.max) throw new Error(TEXTURE_OOM);
    return tf.mul(x, 1);
  }
}
tf.serialization.registerClass(OomProbe);

/** dense 4 → OomProbe, saved and loaded through loadModel; `batch` fixes the batch dimension. */
async function probeModel(name: string, batch?: number, batchLimit?: number) {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ units: 4, ...(batch ? { batchInputShape: [batch, 3] } : { inputShape: [3] }), kernelInitializer: 'ones' }), new OomProbe({})],
  });
  const path = fx.writeModel(`${dir}/${name}`, await fx.saveArtifacts(model));
  model.dispose();
  return loadModel(nodeFiles, path, { batchLimit });
}

describe('LoadedModel.predict', () => {
  test('without a batch size, the estimate (1024 here) replaces the old default of 32', async () => {
    const model = await probeModel('probe-estimate');
    assert.equal(model.activationBytesPerSample, (3 + 4 + 4) * 4);
    const x = tf.randomUniform([40, 3], 0, 1, 'float32', 8);
    probe.sizes = [];
    probe.max = Infinity;
    const y = await model.predict(x);
    assert.deepEqual(probe.sizes, [40]);
    tf.dispose([x, y]);
    model.dispose();
  });

  test('halves on OOM, remembers the size for later calls, leaks nothing', async () => {
    const model = await probeModel('probe-halve');
    const x = tf.randomUniform([10, 3], 0, 1, 'float32', 9);
    probe.max = Infinity;
    const ref = await model.predict(x);
    probe.sizes = [];
    probe.max = 3;
    const before = tf.memory().numTensors;
    const y = await model.predict(x, { batchSize: 8 });
    assert.equal(tf.memory().numTensors, before + 1);
    assert.deepEqual(probe.sizes, [8, 4, 2, 2, 2, 2, 2]);
    assert.equal(model.batchLimit, 2);
    assert.equal(await maxDiff(y, ref), 0);
    // The next call (the next group element) starts at 2, even when asked for more.
    probe.sizes = [];
    const y2 = await model.predict(x, { batchSize: 8 });
    assert.deepEqual(probe.sizes, [2, 2, 2, 2, 2]);
    tf.dispose([x, ref, y, y2]);
    model.dispose();
  });

  test('at one sample the error names the file; nothing leaks', async () => {
    const model = await probeModel('probe-fail');
    const x = tf.randomUniform([4, 3], 0, 1, 'float32', 10);
    probe.sizes = [];
    probe.max = 0;
    const before = tf.memory().numTensors;
    await assert.rejects(model.predict(x), (e: Error) => e.message.includes('probe-fail') && e.message.includes('greater than WebGL maximum'));
    assert.deepEqual(probe.sizes, [4, 2, 1]);
    assert.equal(tf.memory().numTensors, before);
    assert.equal(model.batchLimit, 1);
    x.dispose();
    model.dispose();
  });

  test('a model with a fixed batch rethrows without halving', async () => {
    const model = await probeModel('probe-fixed', 4);
    assert.equal(model.inputs[0]!.shape[0], 4);
    const x = tf.randomUniform([6, 3], 0, 1, 'float32', 11);
    probe.sizes = [];
    probe.max = 2;
    const before = tf.memory().numTensors;
    await assert.rejects(model.predict(x), /greater than WebGL maximum/);
    assert.deepEqual(probe.sizes, [4]);
    assert.equal(tf.memory().numTensors, before);
    assert.equal(model.batchLimit, null);
    x.dispose();
    model.dispose();
  });

  test('a batch limit from an earlier member is where the next one starts', async () => {
    const model = await probeModel('probe-limit', undefined, 2);
    assert.equal(model.batchLimit, 2);
    const x = tf.randomUniform([5, 3], 0, 1, 'float32', 12);
    probe.sizes = [];
    probe.max = Infinity;
    const y = await model.predict(x, { batchSize: 64 });
    assert.deepEqual(probe.sizes, [2, 2, 1]);
    assert.deepEqual(y.shape, [5, 4]);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('memory budget (--max-memory-mb)', () => {
  test('the estimated batch fits the budget: 44 bytes a sample, a 352-byte budget → batches of 8', async () => {
    const model = await probeModel('probe-budget');
    const path = model.path;
    model.dispose();
    const limits = { ...DEFAULT_LIMITS, maxMemoryBytes: 352 };
    const small = await loadModel(nodeFiles, path, { limits });
    const x = tf.randomUniform([20, 3], 0, 1, 'float32', 13);
    probe.sizes = [];
    probe.max = Infinity;
    const y = await small.predict(x);
    assert.deepEqual(probe.sizes, [8, 8, 4]);
    tf.dispose([x, y]);
    small.dispose();
    // Below one sample's 44 bytes the model is refused when loaded, naming its biggest output.
    await assert.rejects(
      loadModel(nodeFiles, path, { limits: { ...limits, maxMemoryBytes: 43 } }),
      /output \[4\] would need 16 bytes per sample \(44 bytes with the other outputs\), over the 43 bytes memory limit/,
    );
  });
});
