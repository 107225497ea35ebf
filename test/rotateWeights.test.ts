// rotateWeights (src/core/advice/rotateWeights.ts): the orbit ensemble {ρ̄(g)θ : g ∈ G} of one
// random model is exactly invariant (THEORY §1: Φ_{ρ̄(g)θ}(ρ_in(g)x) = Φ_θ(x)), audited end to end.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { orbitEnsemble, rotateWeights } from '../src/core/advice/rotateWeights';
import { runAudit } from '../src/core/audit/runAudit';
import { EquiLensError } from '../src/core/errors';
import { makeGroup } from '../src/core/groups';
import { nodeFiles } from '../src/node/nodeFiles';
import { tempDir } from './helpers/modelFixtures';
import { flattenCnn, writeMembers } from './helpers/orbitModels';

const tmp = tempDir('equilens-rotate-');
before(async () => {
  await tf.setBackend('cpu');
});
after(() => tmp.cleanup());

const init = (seed: number, lo = -0.5, hi = 0.5) => tfl.initializers.randomUniform({ minval: lo, maxval: hi, seed });

/** conv → BatchNorm → max pool → depthwise conv → separable conv → GAP → dense: every kernel kind, then global average pooling. */
function poolingCnn(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [8, 8, 2], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1), biasInitializer: init(2) }));
  m.add(tfl.layers.batchNormalization({ gammaInitializer: init(3, 0.5, 1.5), betaInitializer: init(4), movingMeanInitializer: init(5), movingVarianceInitializer: init(6, 0.5, 1.5) }));
  m.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  // 'valid' leaves a 2×2 map: global pooling over few sites keeps the members clearly not invariant.
  m.add(tfl.layers.depthwiseConv2d({ kernelSize: 3, padding: 'valid', depthwiseInitializer: init(7, -1, 1), biasInitializer: init(8), activation: 'tanh' }));
  m.add(tfl.layers.separableConv2d({ filters: 3, kernelSize: 3, padding: 'same', depthwiseInitializer: init(9, -1, 1), pointwiseInitializer: init(10, -1, 1), biasInitializer: init(11) }));
  m.add(tfl.layers.globalAveragePooling2d({}));
  // Linear outputs: softmax over nearly equal logits would hide how far members are from invariant.
  m.add(tfl.layers.dense({ units: 3, kernelInitializer: init(12, -3, 3), biasInitializer: init(13) }));
  return m;
}

/** conv → Flatten → BatchNorm (on the flat vector) → Dropout → dense: rows and per-feature parameters move with the map. */
function flatBatchNormCnn(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(21), biasInitializer: init(22) }));
  m.add(tfl.layers.flatten({}));
  m.add(tfl.layers.batchNormalization({ gammaInitializer: init(23, 0.5, 1.5), betaInitializer: init(24), movingMeanInitializer: init(25), movingVarianceInitializer: init(26, 0.5, 1.5) }));
  m.add(tfl.layers.dropout({ rate: 0.1 }));
  m.add(tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(27), biasInitializer: init(28) }));
  return m;
}

/** conv1d (size 3) → Flatten → dense, for time reversal. */
function sequenceCnn(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.conv1d({ inputShape: [10, 2], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(31), biasInitializer: init(32) }));
  m.add(tfl.layers.flatten({}));
  m.add(tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(33), biasInitializer: init(34) }));
  return m;
}

/** Audits the orbit ensemble of `build()` under `group`; returns member and ensemble relErrors. */
async function auditOrbit(name: string, build: () => tfl.LayersModel, group: string, sample: number[]): Promise<{ members: number[]; ensemble: number }> {
  const models = orbitEnsemble(build, makeGroup(group, sample, { seed: 0 }));
  const dir = await writeMembers(`${tmp.dir}/${name}`, models);
  models.forEach((m) => m.dispose());
  const r = await runAudit({ targets: [dir], group, output: 'invariant', probesCount: 16, seed: 5 }, { fs: nodeFiles, backend: 'cpu' });
  assert.equal(r.ensemble!.size, r.group.order);
  return { members: r.members.map((m) => m.relError!), ensemble: r.ensemble!.relError! };
}

for (const [name, build, group, sample] of [
  ['flatten-c4', () => flattenCnn(7), 'c4', [8, 8, 1]],
  ['flatten-d4', () => flattenCnn(8), 'd4', [8, 8, 1]],
  ['pooling-c4', poolingCnn, 'c4', [8, 8, 2]],
  ['pooling-d4', poolingCnn, 'd4', [8, 8, 2]],
  ['flat-batchnorm-d4', flatBatchNormCnn, 'd4', [6, 6, 1]],
  ['sequence-reverse', sequenceCnn, 'reverse', [10, 2]],
] as const) {
  test(`${name}: the orbit ensemble is invariant to float precision, its members are not`, async (t) => {
    const { members, ensemble } = await auditOrbit(name, build, group, [...sample]);
    t.diagnostic(`members' relError ${Math.min(...members).toFixed(3)}–${Math.max(...members).toFixed(3)}, ensemble ${ensemble.toExponential(2)}`);
    for (const e of members) assert.ok(e > 0.1, `member relError ${e}`);
    assert.ok(ensemble < 1e-5, `ensemble relError ${ensemble}`);
  });
}

test('ρ̄ is a group action: moving by rot90 four times gives the weights back', () => {
  const group = makeGroup('c4', [8, 8, 2], { seed: 0 });
  const m = poolingCnn();
  const before = m.getWeights().map((w) => w.dataSync().slice());
  for (let i = 0; i < 4; i++) rotateWeights(m, group, 1);
  const afterW = m.getWeights().map((w) => w.dataSync());
  before.forEach((w, i) => assert.deepEqual(afterW[i], w));
  rotateWeights(m, group, 1);
  assert.notDeepEqual(m.getWeights()[0]!.dataSync(), before[0], 'one quarter turn does move the kernel');
  m.dispose();
});

test('layers it cannot move are refused by name, before any weight changes', () => {
  const c4 = makeGroup('c4', [8, 8, 1], { seed: 0 });
  const wide = tfl.sequential();
  wide.add(tfl.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: init(41) }));
  wide.add(tfl.layers.conv2d({ name: 'wide', filters: 2, kernelSize: [1, 5], padding: 'same' }));
  const first = wide.getWeights()[0]!.dataSync().slice();
  assert.throws(
    () => rotateWeights(wide, c4, 1),
    (e: unknown) => e instanceof EquiLensError && /^cannot move the weights of layer 'wide' \(Conv2D\): group 'c4' needs square maps, got 1×5$/.test(e.message),
  );
  assert.deepEqual(wide.getWeights()[0]!.dataSync(), first, 'the first conv was left as it was');

  const reshaped = tfl.sequential();
  reshaped.add(tfl.layers.reshape({ name: 'rows', inputShape: [8, 8, 1], targetShape: [8, 8] }));
  assert.throws(() => rotateWeights(reshaped, c4, 1), /^EquiLensError: cannot move the weights of layer 'rows' \(Reshape\): Reshape is not a layer whose weights EquiLens knows how to move$/);
  const transposed = tfl.sequential();
  transposed.add(tfl.layers.conv2dTranspose({ name: 'up', inputShape: [8, 8, 1], filters: 2, kernelSize: 3, padding: 'same' }));
  assert.throws(() => rotateWeights(transposed, c4, 1), /layer 'up' \(Conv2DTranspose\): Conv2DTranspose is not a layer/);
  for (const m of [wide, reshaped, transposed]) m.dispose();
});
