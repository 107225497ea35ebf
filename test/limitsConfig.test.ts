// Configurable caps (AuditSpec.limits): defaults, overrides, tensor element counts guarded
// against overflow, and the caps applied to folders searched for models.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import { EquiLensError } from '../src/core/errors';
import { discoverMembers, loadModel, readModelJson } from '../src/core/load';
import { DEFAULT_LIMITS, resolveLimits } from '../src/core/load/limits';
import { elementCount } from '../src/core/load/tensorElements';
import { nodeFiles } from '../src/node/nodeFiles';
import { cnnArtifacts, recordingFs, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-limitscfg-');
let good = '';
before(async () => {
  await tf.setBackend('cpu');
  good = writeModel(`${tmp.dir}/good`, await cnnArtifacts({ seed: 1, size: 8, channels: 1 }));
});
after(() => tmp.cleanup());

/** Rejects with one line naming `file` and matching `re`. */
async function fails(p: Promise<unknown>, file: string, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof EquiLensError, String(e));
    assert.equal(e.file, file);
    assert.match(e.problem, re);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

/** A copy of the good model whose manifest is edited by `edit`. */
function edited(name: string, edit: (json: { weightsManifest: { weights: Record<string, unknown>[] }[] }) => void): string {
  cpSync(`${tmp.dir}/good`, `${tmp.dir}/${name}`, { recursive: true });
  const path = `${tmp.dir}/${name}/model.json`;
  const json = JSON.parse(readFileSync(path, 'utf8'));
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

test("defaults are today's caps; overrides replace only what they name; bad values are refused", () => {
  assert.deepEqual(resolveLimits(), {
    maxJsonBytes: 33_554_432,
    maxJsonDepth: 256,
    maxTopologyNodes: 200_000,
    maxWeightBytes: 4_294_967_296,
    maxTensorElements: 268_435_456,
    maxInputElements: 16_777_216,
    maxMemoryBytes: 8_589_934_592,
    maxProbes: 65_536,
  });
  assert.deepEqual(resolveLimits({ maxTopologyNodes: 7, maxJsonDepth: undefined }), { ...DEFAULT_LIMITS, maxTopologyNodes: 7 });
  for (const bad of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
    assert.throws(() => resolveLimits({ maxWeightBytes: bad }), new RegExp(`^EquiLensError: limit maxWeightBytes must be a positive integer, got ${bad}$`.replace('+', '\\+')));
  }
});

test('element counts: exact below 2^53, "more than 2^53" beyond, never Infinity or a wrapped number', () => {
  assert.equal(elementCount([3, 4, null, 5], 60, 'f', 'w'), 60);
  assert.equal(elementCount([0, 2 ** 60], 1, 'f', 'w'), 0);
  assert.throws(() => elementCount([2 ** 26, 8], 2 ** 28, 'm.json', "weight 'k'"), /^EquiLensError: m\.json: weight 'k' has shape \[67108864,8\]: 536870912 elements, over the 268435456 limit$/);
  assert.throws(() => elementCount([2 ** 40, 2 ** 40], 2 ** 28, 'm.json', "weight 'k'"), /: weight 'k' has shape \[1099511627776,1099511627776\]: more than 2\^53 elements, over the 268435456 limit$/);
  assert.throws(() => elementCount(Array(40).fill(2 ** 30), Number.MAX_SAFE_INTEGER, 'm.json', 'w'), /more than 2\^53 elements, over the 9007199254740991 limit$/);
});

test('a weight shape over the element cap is refused when the JSON is read, before any shard', async () => {
  const huge = edited('huge-weight', (j) => (j.weightsManifest[0]!.weights[0]!.shape = [2 ** 30, 2]));
  await fails(readModelJson(nodeFiles, huge), huge, /^weight '.*' has shape \[1073741824,2\]: 2147483648 elements, over the 268435456 limit$/);
  const overflow = edited('overflow-weight', (j) => (j.weightsManifest[0]!.weights[0]!.shape = [2 ** 31, 2 ** 31, 2 ** 31]));
  const fs = recordingFs(nodeFiles);
  await fails(loadModel(fs, overflow), overflow, /^weight '.*' has shape \[2147483648,2147483648,2147483648\]: more than 2\^53 elements/);
  assert.deepEqual(fs.reads, [overflow], 'only the model JSON was read');
  // The same manifest passes once the cap allows it (then fails on the shard sizes, as it should).
  await readModelJson(nodeFiles, huge, { ...DEFAULT_LIMITS, maxTensorElements: 2 ** 31 });
});

test('layer outputs per sample and input samples are capped: 8×8×4 = 256 conv outputs, 64 input values', async () => {
  // The conv layer outputs [?,8,8,4]: 256 per sample, the most of any layer.
  const loaded = await loadModel(nodeFiles, good, { limits: { ...DEFAULT_LIMITS, maxTensorElements: 256, maxInputElements: 64 } });
  loaded.dispose();
  const before = tf.memory().numTensors;
  await fails(loadModel(nodeFiles, good, { limits: { ...DEFAULT_LIMITS, maxTensorElements: 255 } }), good, /^layer '.*' output \(per sample\) has shape \[8,8,4\]: 256 elements, over the 255 limit$/);
  await fails(loadModel(nodeFiles, good, { limits: { ...DEFAULT_LIMITS, maxInputElements: 63 } }), good, /^input '.*' has 64 values per sample, over the 63 limit$/);
  assert.equal(tf.memory().numTensors, before, 'a refused load frees what tfjs built');
});

test('AuditSpec.limits reaches every check of an audit', async () => {
  const spec = { targets: [good], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 };
  const host = { fs: nodeFiles, backend: 'cpu' };
  const size = readFileSync(good).byteLength;
  await fails(runAudit({ ...spec, limits: { maxJsonBytes: size - 1 } }, host), good, new RegExp(`^model JSON is ${size} bytes, over the ${size - 1} bytes limit$`));
  await fails(runAudit({ ...spec, limits: { maxTopologyNodes: 2 } }, host), good, /^topology has 3 layers\/nodes, over the 2 limit$/);
  // 3×3×1×4 + 4 + 4×3 + 3 = 55 float32 weights = 220 bytes.
  await fails(runAudit({ ...spec, limits: { maxWeightBytes: 100 } }, host), good, /^weights total 220 bytes, over the 100 bytes limit$/);
  await fails(runAudit({ ...spec, limits: { maxTensorElements: 100 } }, host), good, /^layer '.*' output \(per sample\) has shape \[8,8,4\]: 256 elements, over the 100 limit$/);
  await assert.rejects(runAudit({ ...spec, limits: { maxJsonDepth: 0 } }, host), /limit maxJsonDepth must be a positive integer, got 0/);
  const r = await runAudit({ ...spec, limits: { maxJsonBytes: size, maxTensorElements: 256, maxInputElements: 64 } }, host);
  assert.equal(r.members.length, 1);
});

test('a folder search does not read .json files over the size cap, and says how many it skipped', async () => {
  const dir = `${tmp.dir}/folder`;
  const model = writeModel(`${dir}/member-1`, await cnnArtifacts({ seed: 2, size: 8, channels: 1 }));
  writeFileSync(`${dir}/big.json`, JSON.stringify({ data: 'x'.repeat(20_000) }));
  const size = readFileSync(model).byteLength;
  const fs = recordingFs(nodeFiles);
  const found = await discoverMembers(fs, [dir], { ...DEFAULT_LIMITS, maxJsonBytes: size });
  assert.deepEqual(found.members, [model]);
  assert.ok(!fs.reads.includes(`${dir}/big.json`), 'big.json was not read');
  await fails(
    discoverMembers(nodeFiles, [dir], { ...DEFAULT_LIMITS, maxJsonBytes: 100 }),
    dir,
    /^no TF\.js model JSON or \.onnx model found in this folder or its direct subfolders \(2 \.json file\(s\) over the 100 bytes limit not read\)$/,
  );
});

test('a model found in a folder meets the caps before it is fingerprinted (deep nesting, layer count)', async () => {
  const dir = `${tmp.dir}/deep-folder`;
  const path = writeModel(`${dir}/m`, await cnnArtifacts({ seed: 3, size: 8, channels: 1 }));
  const json = JSON.parse(readFileSync(path, 'utf8'));
  json.modelTopology.extra = JSON.parse('['.repeat(300) + ']'.repeat(300));
  writeFileSync(path, JSON.stringify(json));
  await fails(discoverMembers(nodeFiles, [dir]), path, /^JSON is nested deeper than 256 levels$/);
  await fails(discoverMembers(nodeFiles, [dir], { ...DEFAULT_LIMITS, maxJsonDepth: 400, maxTopologyNodes: 1 }), path, /^topology has 3 layers\/nodes, over the 1 limit$/);
});

test('string weights are refused with a clear line, quantized or not', async () => {
  const plain = edited('string-plain', (j) => (j.weightsManifest[0]!.weights[0]!.dtype = 'string'));
  await fails(loadModel(nodeFiles, plain), plain, /^weight '.*' has dtype string, which EquiLens does not load$/);
  const quantized = edited('string-quantized', (j) => Object.assign(j.weightsManifest[0]!.weights[0]!, { dtype: 'string', quantization: { dtype: 'uint8', scale: 1, min: 0 } }));
  await fails(loadModel(nodeFiles, quantized), quantized, /^weight '.*' has dtype string, which EquiLens does not load$/);
});
