// THEORY §5: per-layer floors locate the layer where symmetry breaks (src/core/localise).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { orbitEnsemble } from '../src/core/advice/rotateWeights';
import { moveSites } from '../src/core/advice/weights/layerMoves';
import { evaluateMember } from '../src/core/audit/evaluateMember';
import { runAudit } from '../src/core/audit/runAudit';
import { main } from '../src/cli/main';
import { makeGroup, parseRepresentation } from '../src/core/groups';
import type { Group } from '../src/core/groups/types';
import type { LoadedModel } from '../src/core/load/types';
import { LayerSums } from '../src/core/localise';
import type { LayerFloor } from '../src/core/localise/types';
import { ensembleStats } from '../src/core/stats';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { renderTerminal } from '../src/core/report';
import { graphArtifacts, makeCnn, randomImages, saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';
import { writeMembers } from './helpers/orbitModels';

const ROOT = join(__dirname, '..');
const tmp = tempDir('equilens-localise-');
let host = { fs: nodeFiles, backend: '' };
before(async () => {
  host = { fs: nodeFiles, backend: (await initBackend('wasm')).name };
});
after(() => tmp.cleanup());

const init = (seed: number, s: number) => tfl.initializers.randomNormal({ mean: 0, stddev: 0.5, seed: seed * 100 + s });

/**
 * conv1 3×3 'same' (compatible) → conv2 1×3 'same' (not: rot90 makes it 3×1) → gap → probs, on
 * 8×8. conv2's kernels are non-negative (uniform [0, 1]): every member's conv2 smooths along
 * rows, so the break is the same in every member and a few members resolve it; zero-mean random
 * 1×3 kernels break it too, but by an amount that changes sign between members (unresolved at 32).
 */
function kernelNet(seed: number): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ name: 'conv1', inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(seed, 1), biasInitializer: init(seed, 2) }));
  const positive = tfl.initializers.randomUniform({ minval: 0, maxval: 1, seed: seed * 100 + 3 });
  m.add(tfl.layers.conv2d({ name: 'conv2', filters: 4, kernelSize: [1, 3], padding: 'same', activation: 'relu', kernelInitializer: positive, biasInitializer: init(seed, 4) }));
  m.add(tfl.layers.globalAveragePooling2d({ name: 'gap' }));
  m.add(tfl.layers.dense({ name: 'probs', units: 3, activation: 'softmax', kernelInitializer: init(seed, 5) }));
  return m;
}

/** kernelNet(seed) with conv1's kernel moved by g: ρ̄(g) on the part of θ that rotations can move. */
function kernelNetTurned(seed: number, group: Group, g: number): tfl.Sequential {
  const m = kernelNet(seed);
  const conv1 = m.getLayer('conv1');
  const [kernel, bias] = conv1.getWeights();
  const moved = tf.tidy(() => moveSites(group, g, kernel!, [3, 3]));
  conv1.setWeights([moved, bias!]);
  moved.dispose();
  return m;
}

/** Compatible with C4: conv 3×3 → avgpool 2×2 (8×8 → 4×4, aligned) → conv 3×3 → flatten → dense relu → dense softmax. */
function compatibleNet(seed: number): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ name: 'conv1', inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(seed, 1), biasInitializer: init(seed, 2) }));
  m.add(tfl.layers.averagePooling2d({ name: 'pool', poolSize: 2 }));
  m.add(tfl.layers.conv2d({ name: 'conv2', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(seed, 3) }));
  m.add(tfl.layers.flatten({ name: 'flat' }));
  m.add(tfl.layers.dense({ name: 'hidden', units: 6, activation: 'relu', kernelInitializer: init(seed, 4) }));
  m.add(tfl.layers.dense({ name: 'probs', units: 3, activation: 'softmax', kernelInitializer: init(seed, 5) }));
  return m;
}

/** One conv 1×3 with non-negative kernels on 8×8×3: a map that rot90 should move ('same'), broken the same way in every member. */
function rowSmoother(seed: number): tfl.Sequential {
  const m = tfl.sequential();
  const positive = tfl.initializers.randomUniform({ minval: 0, maxval: 1, seed: seed * 100 + 1 });
  m.add(tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: [1, 3], padding: 'same', activation: 'relu', kernelInitializer: positive, biasInitializer: init(seed, 2) }));
  return m;
}

async function orbitFolder(name: string, build: (seed: number) => tfl.LayersModel, seeds: number[], size: number): Promise<string> {
  const group = makeGroup('c4', [size, size, 1], { seed: 0 });
  const models = seeds.flatMap((s) => orbitEnsemble(() => build(s), group));
  const dir = await writeMembers(join(tmp.dir, name), models);
  models.forEach((m) => m.dispose());
  return dir;
}

const byName = (layers: LayerFloor[] | null | undefined, name: string) => layers?.find((l) => l.name === name);

test('a break known by construction: conv1 exact, conv2 (1×3 kernel) breaks, and the static finding agrees', async () => {
  // 4 i.i.d. models, each with conv1 in all 4 rotations: conv1's law is exactly symmetrised.
  const group = makeGroup('c4', [8, 8, 1], { seed: 0 });
  const models = [1, 2, 3, 4].flatMap((seed) => group.elements.map((_, g) => kernelNetTurned(seed, group, g)));
  const dir = await writeMembers(join(tmp.dir, 'kernel'), models);
  models.forEach((m) => m.dispose());
  const r = await runAudit({ targets: [dir], group: 'c4', output: 'invariant', probesCount: 16, seed: 0 }, host);
  const conv1 = byName(r.layers, 'conv1')!;
  const conv2 = byName(r.layers, 'conv2')!;
  assert.deepEqual([conv1.action, conv2.action], ['spatial', 'spatial']);
  assert.ok(conv1.relError! < 1e-5 && conv1.floor! < 1e-5, `conv1: mean relError ${conv1.relError}, floor ${conv1.floor}`);
  assert.ok(conv1.memberMedianRelError! > 0.05, `members are not equivariant at conv1 (${conv1.memberMedianRelError})`);
  assert.ok(conv2.floor! > 0.15 && conv2.floorCI![0] > 0.1, `conv2: floor ${conv2.floor} ${conv2.floorCI}`);
  assert.equal(r.breakingLayer?.name, 'conv2');
  assert.equal(r.breakingLayer?.index, 1);
  assert.equal(r.breakingLayer?.previousFloor, 0);
  assert.ok(r.findings.some((f) => f.kind === 'kernel-not-square' && f.layer === 'conv2'));
  assert.match(r.breakingLayer.staticFinding!, /^static: conv2 kernel is not square \(1×3 kernel becomes 3×1 under rot90\) — dynamic: floor jumps at conv2 \(0\.0% → \d+\.\d%\)$/);
});

test('a compatible orbit ensemble: every layer of the mean is exactly equivariant, no break', async () => {
  const dir = await orbitFolder('compatible', compatibleNet, [7], 8);
  const r = await runAudit({ targets: [dir], group: 'c4', output: 'invariant', probesCount: 16, seed: 0 }, host);
  const layers = r.layers!;
  assert.deepEqual(
    layers.map((l) => [l.name, l.action]),
    [
      ['conv1', 'spatial'],
      ['pool', 'spatial'],
      ['conv2', 'spatial'],
      ['flat', 'flattened'],
      ['hidden', 'trivial'],
      ['probs', 'output'],
    ],
  );
  for (const l of layers) {
    assert.ok(l.relError !== null && l.relError < 1e-5, `${l.name}: ensemble relError ${l.relError}`);
    assert.ok(l.floor !== null && l.floor < 1e-5, `${l.name}: floor ${l.floor}`);
    assert.ok(l.memberMedianRelError! > 1e-3, `${l.name}: members are not (${l.memberMedianRelError})`);
  }
  assert.equal(r.breakingLayer, null);
});

test("the streamed floor equals ensembleStats' on the same orbits (and its interval too)", async () => {
  // 6 i.i.d. row smoothers: the floor is clearly above 0, so a relative comparison means something.
  const group = makeGroup('c4', [8, 8, 3], { seed: 0 });
  const rep = parseRepresentation('same', group, [null, 8, 8, 4]);
  const x = randomImages(16, 8, 3, 11);
  const inputs = group.elements.map((_, g) => group.apply(g, x));
  const sums = new LayerSums(16, 4, 8 * 8 * 4, true);
  const orbits = [];
  for (let seed = 1; seed <= 6; seed++) {
    const model = rowSmoother(seed);
    const loaded = { predict: async (t: tf.Tensor) => model.predict(t) as tf.Tensor } as unknown as LoadedModel;
    const { orbit } = await evaluateMember(loaded, inputs, rep, { now: () => 0 });
    sums.addOrbit(orbit);
    orbits.push(orbit);
    model.dispose();
  }
  tf.dispose([x, ...inputs]);
  const full = ensembleStats(orbits, 'regression', { seed: 0 });
  const streamed = sums.stats(0);
  assert.ok(full.floor! > 0.05, `floor ${full.floor}`);
  assert.ok(Math.abs(streamed.floor! - full.floor!) <= 1e-9 * full.floor!, `${streamed.floor} vs ${full.floor}`);
  assert.ok(Math.abs(streamed.floorAbs - full.floorAbs) <= 1e-9 * full.floorAbs, `floorAbs ${streamed.floorAbs} vs ${full.floorAbs}`);
  for (const k of [0, 1] as const) assert.ok(Math.abs(streamed.floorCI![k] - full.floorCI![k]) <= 1e-9 * full.floorCI![1], `CI ${streamed.floorCI} vs ${full.floorCI}`);
});

test('the examples: the 1×5 ensemble breaks at conv1 (static: kernel-not-square); compatible-augmented does not break', async () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')));
  const probes = join(ROOT, 'examples/probes/test-images.npy');
  const audit = (name: string) => runAudit({ targets: [join(ROOT, 'examples', name)], group: 'c4', output: 'invariant', probes, probesCount: 16, seed: 0 }, host);
  const bad = await audit('incompatible-augmented');
  assert.ok(validate(JSON.parse(JSON.stringify(bad))), JSON.stringify(validate.errors));
  assert.equal(bad.breakingLayer?.name, 'conv1');
  assert.ok(bad.findings.some((f) => f.kind === 'kernel-not-square' && f.layer === 'conv1'));
  assert.match(bad.breakingLayer.staticFinding!, /^static: conv1 kernel is not square \(1×5 kernel becomes 5×1 under rot90\) — dynamic: floor jumps at conv1/);
  const conv1 = byName(bad.layers, 'conv1')!;
  assert.ok(conv1.floor! > 0.3 && conv1.floorCI![0] > 0.2, `conv1 floor ${conv1.floor} ${conv1.floorCI}`);
  // The output layer is the audited output: with the same 16 probes its floor is the report's.
  const probs = byName(bad.layers, 'probs')!;
  assert.equal(probs.action, 'output');
  assert.ok(Math.abs(probs.floor! - bad.ensemble!.floor!) < 1e-4 * bad.ensemble!.floor!, `${probs.floor} vs ${bad.ensemble!.floor}`);
  for (const k of [0, 1] as const) assert.ok(Math.abs(probs.floorCI![k] - bad.ensemble!.floorCI![k]) < 1e-4 * bad.ensemble!.floor!, `${probs.floorCI} vs ${bad.ensemble!.floorCI}`);

  const good = await audit('compatible-augmented');
  assert.ok(validate(JSON.parse(JSON.stringify(good))), JSON.stringify(validate.errors));
  assert.equal(good.breakingLayer, null);
  assert.equal(good.layers!.length, 7);
  for (const l of good.layers!) assert.ok(l.floorCI![0] <= 1e-4, `${l.name}: interval ${l.floorCI} reaches 0`);
});

test('localise: false leaves the fields out; graph models get layers: null', async () => {
  const dir = await orbitFolder('off', compatibleNet, [3], 8);
  const off = await runAudit({ targets: [dir], group: 'c4', output: 'invariant', probesCount: 4, seed: 0, localise: false }, host);
  assert.ok(!('layers' in off) && !('breakingLayer' in off) && off.timing.localiseSeconds === undefined);
  const cnn = makeCnn({ seed: 2 });
  const graph = writeModel(join(tmp.dir, 'graph'), graphArtifacts(cnn));
  cnn.dispose();
  const before = tf.memory().numTensors;
  const r = await runAudit({ targets: [graph], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 }, host);
  assert.equal(r.layers, null);
  // Skipped before any work, the reason said once (layersSkipped), not as a warning.
  assert.equal(r.layersSkipped, 'graph models are not covered (layers models only)');
  assert.deepEqual(
    r.warnings.filter((w) => w.startsWith('per-layer')),
    [],
  );
  const asked = await runAudit({ targets: [graph], group: 'c4', output: 'invariant', probesCount: 4, seed: 0, localise: true }, host);
  assert.equal(asked.layersSkipped, 'graph models are not covered (layers models only)');
  assert.equal(renderTerminal(asked).split('per-layer floors').length - 1, 1, 'said once');
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
});

test('the CLI: per-layer floors in the JSON by default, none with --no-localise', async () => {
  const dir = join(ROOT, 'examples', 'incompatible-augmented');
  const json = (name: string) => JSON.parse(readFileSync(join(tmp.dir, name), 'utf8'));
  assert.equal(await main(['audit', dir, '--backend', 'wasm', '-n', '8', '--json', join(tmp.dir, 'on.json'), '-q']), 0);
  assert.equal(await main(['audit', dir, '--backend', 'wasm', '-n', '8', '--no-localise', '--json', join(tmp.dir, 'off.json'), '-q']), 0);
  assert.deepEqual(
    json('on.json').layers.map((l: LayerFloor) => l.name),
    ['conv1', 'conv2', 'gap', 'probs'],
  );
  assert.ok(!('layers' in json('off.json')));
});

test('one layers model: the per-layer pass is skipped before any work (a floor needs N ≥ 2), the reason said once', async () => {
  const cnn = makeCnn({ seed: 3 });
  const one = writeModel(join(tmp.dir, 'single'), await saveArtifacts(cnn));
  cnn.dispose();
  const r = await runAudit({ targets: [one], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 }, host);
  assert.equal(r.layers, null);
  assert.equal(r.layersSkipped, 'one model: a floor needs an ensemble of N ≥ 2 members');
  assert.equal(r.timing.localiseSeconds, undefined, 'no second pass');
  const text = renderTerminal(r);
  assert.equal(text.split('per-layer floors').length - 1, 1, text);
  assert.match(text, /\nper-layer floors skipped: one model: a floor needs an ensemble of N ≥ 2 members\n/);
});

test('no hidden layer on the input grid (global pooling first): skipped, nothing run a second time', async () => {
  const members = [1, 2].map((seed) => {
    const m = tfl.sequential();
    m.add(tfl.layers.globalAveragePooling2d({ inputShape: [8, 8, 1] }));
    m.add(tfl.layers.dense({ units: 3, kernelInitializer: tfl.initializers.randomUniform({ minval: -1, maxval: 1, seed }) }));
    return m;
  });
  const dir = await writeMembers(join(tmp.dir, 'pooled'), members);
  members.forEach((m) => m.dispose());
  const r = await runAudit({ targets: [dir], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 }, host);
  assert.equal(r.layers, null);
  assert.equal(r.layersSkipped, "no hidden layer keeps the input's grid: the only floor is the output's, already reported");
});
