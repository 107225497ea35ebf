// shared-checkpoint: members whose weights for a layer coincide. Signatures and their comparison
// on synthetic tensors, the weight scan on saved (and quantized) models, and the audit end to end.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import { checkpointCollector, relativeDistance, sameWeights, sharedCheckpointFindings, TOLERANCE, weightSignature, type WeightSignature } from '../src/core/checks/checkpoint';
import { halfToFloat, scanWeights } from '../src/core/checks/checkpoint/scanWeights';
import { readModelJson, toModelJson } from '../src/core/load/modelJson';
import { Rng } from '../src/core/rng';
import { nodeFiles } from '../src/node/nodeFiles';
import { graphArtifacts, makeCnn, quantizedArtifacts, saveArtifacts, tempDir, toFloat16Bits, writeModel } from './helpers/modelFixtures';
import { modelIOHandler } from '../src/core/load/ioHandler';

const tmp = tempDir('equilens-shared-');
before(async () => {
  await tf.setBackend('cpu');
});
after(() => tmp.cleanup());

/** Seeded uniform values in [−0.5, 0.5). */
function values(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.next() - 0.5);
}
const sig = (v: ArrayLike<number>, shape = [v.length, 1]) => weightSignature('w', shape, v.length, (i) => v[i]!);

describe('signatures', () => {
  test('equal tensors are at distance 0, a 1e-5 nudge stays under the tolerance, independent draws are ~√2 apart', () => {
    const a = values(3 * 3 * 4 * 8, 1);
    assert.equal(relativeDistance(sig(a), sig(Float32Array.from(a))), 0);
    const nudged = a.map((v, i) => v * (1 + (i % 2 ? 1e-5 : -1e-5)));
    assert.ok(relativeDistance(sig(a), sig(nudged)) < TOLERANCE);
    for (let seed = 2; seed < 12; seed++) {
      const d = relativeDistance(sig(a), sig(values(a.length, seed)));
      assert.ok(d > 0.5 && d < 3, `independent draw ${seed}: ${d}`);
    }
  });
  test('constant tensors are marked, and the norm is the L2 norm', () => {
    assert.equal(sig(new Float32Array(10)).constant, true);
    assert.equal(sig(new Float32Array(10).fill(1)).constant, true);
    assert.equal(sig([3, 4]).norm, 5);
    assert.equal(sig([3, 4]).constant, false);
  });
  test('float16 decoding matches the fixtures’ encoder', () => {
    for (const v of [0, 1, -2.5, 0.1, 65504, 6e-8, -1e-3]) assert.ok(Math.abs(halfToFloat(toFloat16Bits(v)) - v) <= Math.abs(v) * 1e-3 + 6e-8, String(v));
    assert.equal(halfToFloat(0x7c00), Infinity);
    assert.ok(Number.isNaN(halfToFloat(0x7e00)));
  });
});

describe('sameWeights', () => {
  const a = sig(values(64, 1));
  const b = sig(values(64, 2));
  const c = sig(values(64, 3));
  test('members holding one tensor form a group; independent ones are left alone', () => {
    assert.deepEqual(sameWeights([a, b, a, a, c]), [{ members: [0, 2, 3], maxDistance: 0 }]);
    assert.deepEqual(sameWeights([a, b, c]), []);
  });
  test('two groups, matched within the tolerance and transitively', () => {
    const near = sig(values(64, 1).map((v) => v * (1 + 2e-4)));
    const groups = sameWeights([a, b, near, b, c]);
    assert.deepEqual(
      groups.map((g) => g.members),
      [
        [0, 2],
        [1, 3],
      ],
    );
    assert.ok(groups[0]!.maxDistance > 0 && groups[0]!.maxDistance < TOLERANCE);
  });
  test('constant, all-zero, missing and NaN tensors never match', () => {
    const zeros = sig(new Float32Array(64));
    const ones = sig(new Float32Array(64).fill(1));
    const nan = sig(values(64, 1).map((v, i) => (i ? v : NaN)));
    assert.deepEqual(sameWeights([zeros, zeros, ones, ones, undefined, undefined, nan, nan]), []);
  });
  test('hundreds of independent members: no group', () => {
    const many = Array.from({ length: 500 }, (_, i) => sig(values(256, 100 + i)));
    assert.deepEqual(sameWeights(many), []);
  });
});

describe('findings from signatures', () => {
  const json = toModelJson(
    {
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'm',
          layers: [
            { class_name: 'Conv2D', config: { name: 'conv1' } },
            { class_name: 'Normalization', config: { name: 'norm' } },
            { class_name: 'Dense', config: { name: 'dense' } },
          ],
        },
      },
      weightsManifest: [],
    },
    'test',
  );
  const w = (name: string, s: WeightSignature) => ({ ...s, name });
  const kernel = sig(values(36, 1), [3, 3, 1, 4]);
  const bias = sig(values(4, 1), [4]);
  const member = (i: number, shared: boolean) => ({
    member: `m${i}/model.json`,
    weights: [
      w('conv1/kernel', shared ? kernel : sig(values(36, 10 + i), [3, 3, 1, 4])),
      w('conv1/bias', bias),
      w('norm/mean', sig(values(4, 5), [1, 4])),
      w('dense/kernel', sig(values(12, 20 + i), [4, 3])),
    ],
  });
  test('one finding on the shared layer, naming its members; biases and data statistics do not count', () => {
    const fs = sharedCheckpointFindings(
      json,
      [0, 1, 2, 3].map((i) => member(i, true)),
    );
    assert.deepEqual(
      fs.map((f) => [f.kind, f.severity, f.layer, f.layerIndex, f.members?.length]),
      [['shared-checkpoint', 'warning', 'conv1', 0, 4]],
    );
    assert.equal(fs[0]!.evidence, '4 of 4 members have the same kernel (max relative distance 0.0e+0).');
  });
  test('a subset is named in the evidence; nothing shared, no finding; one member, no finding', () => {
    const fs = sharedCheckpointFindings(json, [member(0, true), member(1, false), member(2, true)]);
    assert.deepEqual(fs[0]!.members, ['m0/model.json', 'm2/model.json']);
    assert.match(fs[0]!.evidence, /^2 of 3 members \(m0\/model.json, m2\/model.json\) have the same kernel/);
    assert.deepEqual(sharedCheckpointFindings(json, [member(0, false), member(1, false)]), []);
    assert.deepEqual(sharedCheckpointFindings(json, [member(0, true)]), []);
  });
});

describe('weight scan', () => {
  test('float16 copies of one model match the float32 original; int32 constants are kept', async () => {
    const model = makeCnn({ seed: 3 });
    const art = await saveArtifacts(model);
    const scan = (a: tf.io.ModelArtifacts) => scanWeights(a.weightSpecs!, new Uint8Array(a.weightData as ArrayBuffer), 'test');
    const f32 = scan(art);
    const f16 = scan(quantizedArtifacts(art, 'float16'));
    f32.weights.forEach((s, k) => assert.ok(relativeDistance(s, f16.weights[k]!) < TOLERANCE, s.name));
    const graph = graphArtifacts(model);
    model.dispose();
    assert.deepEqual(scan(graph).constants.get('mean/axes'), [1, 2]);
    assert.equal(scan(graph).weights.length, 4);
  });
});

describe('audit', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'report.schema.json'), 'utf8')));
  const spec = (dir: string) => ({ targets: [dir], group: 'flip-h', output: 'invariant', probesCount: 4, seed: 0, displayBase: tmp.dir });
  const host = { fs: nodeFiles, backend: 'cpu' };

  test('members sharing conv weights exactly: one finding on the conv layer, naming all of them', async () => {
    const models = [1, 2, 3, 4].map((seed) => makeCnn({ seed, size: 8, channels: 1 }));
    for (const m of models.slice(1)) m.layers[0]!.setWeights(models[0]!.layers[0]!.getWeights());
    for (const [i, m] of models.entries()) writeModel(`${tmp.dir}/shared/member-${i + 1}`, await saveArtifacts(m));
    const conv = models[0]!.layers[0]!.name;
    models.forEach((m) => m.dispose());
    const r = await runAudit(spec(`${tmp.dir}/shared`), host);
    const found = r.findings.filter((f) => f.kind === 'shared-checkpoint');
    assert.deepEqual(
      found.map((f) => [f.layer, f.layerIndex]),
      [[conv, 0]],
    );
    assert.deepEqual(
      found[0]!.members,
      [1, 2, 3, 4].map((i) => `shared/member-${i}/model.json`),
    );
    assert.equal(found[0]!.evidence, '4 of 4 members have the same kernel (max relative distance 0.0e+0).');
    assert.ok(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors));
  });

  test('the independently trained examples share nothing', async () => {
    const dir = join(__dirname, '..', 'examples', 'compatible-augmented');
    const collector = checkpointCollector(8, 'layers-model');
    for (let i = 1; i <= 8; i++) {
      const path = `${dir}/member-0${i}/model.json`;
      await modelIOHandler(nodeFiles, path, undefined, { onWeights: (specs, bytes) => collector.add(path, `member-0${i}`, specs, bytes) }).load!();
    }
    const json = await readModelJson(nodeFiles, `${dir}/member-01/model.json`);
    assert.deepEqual(collector.findings(json), []);
  });

  test('a graph model’s Pad constants reach the static checks through the weights', async () => {
    const model = makeCnn({ seed: 5, size: 8, channels: 1 });
    const art = graphArtifacts(model);
    model.dispose();
    const topo = art.modelTopology as { node: { name: string; op: string; input?: string[] }[] };
    const dims = { dim: [{ size: '4' }, { size: '2' }] };
    topo.node.push(
      { name: 'paddings', op: 'Const', attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: dims } } } } as never,
      { name: 'pad', op: 'Pad', input: ['x', 'paddings'], attr: { T: { type: 'DT_FLOAT' }, Tpaddings: { type: 'DT_INT32' } } } as never,
    );
    topo.node.find((n) => n.name === 'conv')!.input![0] = 'pad';
    const paddings = new Uint8Array(Int32Array.from([0, 0, 0, 0, 0, 1, 0, 0]).buffer);
    const data = new Uint8Array(art.weightData as ArrayBuffer);
    const joined = new Uint8Array(data.byteLength + paddings.byteLength);
    joined.set(data);
    joined.set(paddings, data.byteLength);
    writeModel(`${tmp.dir}/graph`, { ...art, weightSpecs: [...art.weightSpecs!, { name: 'paddings', shape: [4, 2], dtype: 'int32' }], weightData: joined.buffer });
    const r = await runAudit(spec(`${tmp.dir}/graph/model.json`), host);
    assert.deepEqual(
      r.findings.map((f) => [f.kind, f.node]),
      [['asymmetric-crop-or-pad', 'pad']],
    );
    assert.match(r.findings[0]!.evidence, /pads top 0, bottom 0, left 0, right 1: left ≠ right, not symmetric under flip-h/);
  });
});
