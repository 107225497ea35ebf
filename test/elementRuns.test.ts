// Issue 14.3: on onnxruntime, a member's group elements share forward passes (elementRuns); the
// orbit must equal one pass per element number for number, and tfjs members keep one per element.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { elementRuns, ELEMENT_BATCH, ELEMENT_BATCH_BYTES, evaluateMember } from '../src/core/audit/evaluateMember';
import { orbitInputs, disposeAll } from '../src/core/audit/orbitInputs';
import { makeGroup, parseRepresentation } from '../src/core/groups';
import { loadModel } from '../src/core/load';
import type { LoadedModel } from '../src/core/load/types';
import type { Orbit } from '../src/core/stats/types';
import { syntheticProbes } from '../src/core/probes/syntheticProbes';
import { nodeFiles } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { makeCnn, saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';
import { cnnToOnnx } from './helpers/onnxWriter';

const tmp = tempDir('equilens-element-runs-');
const SIZE = 16;
let onnxPath = '';
let tfjsPath = '';

before(async () => {
  await tf.setBackend('cpu');
  const model = makeCnn({ seed: 3, size: SIZE, filters: 16, classes: 5 });
  tfjsPath = writeModel(join(tmp.dir, 'tfjs'), await saveArtifacts(model));
  onnxPath = join(tmp.dir, 'm.onnx');
  writeFileSync(onnxPath, cnnToOnnx(model));
  model.dispose();
});
after(() => tmp.cleanup());

const onnx = { format: 'onnx' as const };
const translated = { format: 'layers-model' as const, engine: { onnx: 'onnxruntime-node (translated from TF.js)' } };
const tfjs = { format: 'layers-model' as const };

test('elementRuns: one element per run on tfjs; on onnxruntime as many as fit the batch and the byte cap, spread evenly', () => {
  assert.deepEqual(elementRuns(tfjs, 4, 4, 4), [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
  ]);
  assert.deepEqual(elementRuns({ format: 'layers-model', engine: { fallback: 'why' } }, 2, 4, 4), [
    [0, 1],
    [1, 2],
  ]);
  // 20 probes: 3 elements would fit 64 samples, so 4 elements take 2 runs, spread as 2 + 2.
  assert.deepEqual(elementRuns(onnx, 4, 20, 4), [
    [0, 2],
    [2, 4],
  ]);
  assert.deepEqual(elementRuns(translated, 8, 4, 4), [[0, 8]]);
  // 7 elements of 20: 3 fit, so 3 runs of at most 3.
  assert.deepEqual(elementRuns(onnx, 7, 20, 4), [
    [0, 3],
    [3, 6],
    [6, 7],
  ]);
  // Batches already over ELEMENT_BATCH: one element per run, as on tfjs.
  assert.deepEqual(elementRuns(onnx, 2, ELEMENT_BATCH + 1, 4), [
    [0, 1],
    [1, 2],
  ]);
  // Large inputs: at most ELEMENT_BATCH_BYTES a run (a 128×128×3 float image: 21 of them), so 20 probes run alone.
  const image = 128 * 128 * 3 * 4;
  assert.equal(Math.floor(ELEMENT_BATCH_BYTES / image), 21);
  assert.deepEqual(elementRuns(onnx, 4, 4, image), [[0, 4]]);
  assert.deepEqual(elementRuns(onnx, 4, 8, image), [
    [0, 2],
    [2, 4],
  ]);
  assert.deepEqual(elementRuns(onnx, 2, 20, image), [
    [0, 1],
    [1, 2],
  ]);
  // --batch-size caps the samples of a run.
  assert.deepEqual(elementRuns(onnx, 4, 5, 4, 10), [
    [0, 2],
    [2, 4],
  ]);
  assert.deepEqual(elementRuns(onnx, 4, 5, 4, 5), [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
  ]);
});

/** The member's orbit under d4 (8 elements) on 6 synthetic probes, with the given batch size. */
async function orbitOf(model: LoadedModel, batchSize: number | undefined, channelsFirst: boolean): Promise<Orbit> {
  const group = makeGroup('d4', [SIZE, SIZE, 3], { seed: 0 });
  const rep = parseRepresentation('invariant', group, [null, 5]);
  const probes = syntheticProbes({ count: 6, seed: 4, sampleShape: [SIZE, SIZE, 3], layout: 'image' });
  const nhwc = orbitInputs(group, probes);
  const inputs = channelsFirst ? nhwc.map((x) => tf.transpose(x, [0, 3, 1, 2])) : nhwc;
  try {
    return (await evaluateMember(model, inputs, rep, { batchSize, now: () => 0 })).orbit;
  } finally {
    disposeAll(nhwc);
    if (channelsFirst) disposeAll(inputs);
  }
}

function assertSameOrbit(a: Orbit, b: Orbit): void {
  assert.deepEqual(a.dims, b.dims);
  // Number for number: the same float32 bits, not a tolerance.
  assert.deepEqual(Buffer.from(a.moved.buffer), Buffer.from(b.moved.buffer));
  assert.deepEqual(Buffer.from(a.expected.buffer), Buffer.from(b.expected.buffer));
  assert.ok(
    a.moved.some((v) => v !== a.moved[0]),
    'outputs vary (the comparison means something)',
  );
}

for (const [what, channelsFirst] of [
  ['an .onnx model', true],
  ['a TF.js model translated to ONNX', false],
] as const) {
  test(`${what}: group elements batched into one onnxruntime run give the orbit of one run per element, number for number`, async () => {
    const model = await loadModel(nodeFiles, channelsFirst ? onnxPath : tfjsPath, { onnx: nodeOnnxEngine() });
    try {
      assert.ok(model.format === 'onnx' || (model.engine && 'onnx' in model.engine), 'runs on onnxruntime');
      // Default: all 8 elements × 6 probes in one run; batch size 6: one run per element (the old way); 12: pairs.
      assert.deepEqual(elementRuns(model, 8, 6, SIZE * SIZE * 3 * 4), [[0, 8]]);
      const batched = await orbitOf(model, undefined, channelsFirst);
      assertSameOrbit(batched, await orbitOf(model, 6, channelsFirst));
      assertSameOrbit(batched, await orbitOf(model, 12, channelsFirst));
    } finally {
      model.dispose();
    }
  });
}
