// Every class of bad input ends in one line naming the file and the problem, exit 2, no stack.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { encodeNpy } from '../src/core/probes';
import { cli } from './helpers/cli';
import { cnnArtifacts, graphArtifacts, makeCnn, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-cli-');
let good = '';
before(async () => {
  await tf.setBackend('cpu');
  good = writeModel(`${tmp.dir}/good`, await cnnArtifacts({ seed: 1, size: 8, channels: 3 }));
});
after(() => tmp.cleanup());

function expectBadInput(args: string[], file: string | RegExp, problem: RegExp): void {
  const r = cli(args);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^equilens: /);
  if (typeof file === 'string') assert.ok(lines[0]!.includes(file), `names ${file}: ${lines[0]}`);
  else assert.match(lines[0]!, file);
  assert.match(lines[0]!, problem);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(r.stdout, '');
}

test('a valid model audits with exit 0', () => {
  const r = cli(['audit', good, '--backend', 'cpu', '-n', '4']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /relError/);
});

test('not JSON', () => {
  const f = `${tmp.dir}/broken.json`;
  writeFileSync(f, '{"modelTopology": ');
  expectBadInput(['audit', f], 'broken.json', /JSON/i);
});

test('unknown format', () => {
  const f = `${tmp.dir}/unknown/model.json`;
  mkdirSync(`${tmp.dir}/unknown`);
  writeFileSync(f, JSON.stringify({ format: 'caffe-model', modelTopology: {}, weightsManifest: [] }));
  expectBadInput(['audit', f], 'unknown/model.json', /format/);
});

test('missing shard', async () => {
  const f = writeModel(`${tmp.dir}/missing`, await cnnArtifacts({ seed: 1, size: 8, channels: 3 }), { shards: 2 });
  rmSync(`${tmp.dir}/missing/group1-shard2of2.bin`);
  expectBadInput(['audit', f], 'missing/', /missing|not found|shard2of2/);
});

test('short shard', () => {
  const dir = `${tmp.dir}/short`;
  mkdirSync(dir);
  const json = JSON.parse(readFileSync(good, 'utf8'));
  writeFileSync(`${dir}/model.json`, JSON.stringify(json));
  const shard = readFileSync(`${tmp.dir}/good/${json.weightsManifest[0].paths[0]}`);
  writeFileSync(`${dir}/${json.weightsManifest[0].paths[0]}`, shard.subarray(0, shard.length - 8));
  expectBadInput(['audit', `${dir}/model.json`], 'short/', /short|bytes/);
});

test('weight path escaping the folder, and a symlink escaping it', () => {
  const dir = `${tmp.dir}/escape`;
  mkdirSync(dir);
  writeFileSync(`${tmp.dir}/secret.bin`, new Uint8Array(4096));
  const json = JSON.parse(readFileSync(good, 'utf8'));
  json.weightsManifest[0].paths = ['../secret.bin'];
  writeFileSync(`${dir}/model.json`, JSON.stringify(json));
  expectBadInput(['audit', `${dir}/model.json`], 'escape/model.json', /outside|escape/);
  const link = `${tmp.dir}/link`;
  mkdirSync(link);
  symlinkSync(`${tmp.dir}/secret.bin`, `${link}/w.bin`);
  json.weightsManifest[0].paths = ['w.bin'];
  writeFileSync(`${link}/model.json`, JSON.stringify(json));
  expectBadInput(['audit', `${link}/model.json`], 'link/', /outside|escape/);
});

test('probes that do not fit the input', () => {
  const f = `${tmp.dir}/wrong.npy`;
  writeFileSync(f, encodeNpy([2, 5, 5, 3], new Float32Array(2 * 5 * 5 * 3)));
  expectBadInput(['audit', good, '--probes', f], /wrong\.npy|good\/model\.json/, /shape|fit|5/);
});

test('a group that does not fit the input', () => {
  expectBadInput(['audit', good, '--group', 'shift'], /./, /shift|sequence|rank/);
});

test('an unsupported op in a graph model', () => {
  const model = makeCnn({ seed: 2, size: 8, channels: 3 });
  const art = graphArtifacts(model);
  model.dispose();
  const topo = art.modelTopology as { node: { op: string }[] };
  topo.node.find((n) => n.op === 'Relu')!.op = 'FancyRelu';
  const f = writeModel(`${tmp.dir}/graph-bad`, art);
  expectBadInput(['audit', f], 'graph-bad/model.json', /unsupported op 'FancyRelu'/);
});

test('usage errors exit 2', () => {
  assert.equal(cli(['audit']).code, 2);
  assert.equal(cli(['frobnicate']).code, 2);
  assert.equal(cli(['audit', good, '--probes-count', 'zero']).code, 2);
  assert.equal(cli(['--help']).code, 0);
});

test('NaN weights stop the audit with the member named', async () => {
  const art = await cnnArtifacts({ seed: 4, size: 8, channels: 3 });
  new Float32Array(art.weightData as ArrayBuffer).fill(Number.NaN);
  const f = writeModel(`${tmp.dir}/nan`, art);
  expectBadInput(['audit', f, '-n', '4'], 'nan/model.json', /NaN or Infinity/);
});
