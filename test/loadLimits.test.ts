// Caps on untrusted model files: each one ends in a one-line error naming the file.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import { DEFAULT_LIMITS, readModelJson } from '../src/core/load';
import { weightFiles } from '../src/core/load/weightFiles';
import { nodeFiles } from '../src/node/nodeFiles';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-limits-');
let good = '';
before(async () => {
  await tf.setBackend('cpu');
  good = writeModel(`${tmp.dir}/good`, await cnnArtifacts({ seed: 1, size: 8, channels: 1 }));
});
after(() => tmp.cleanup());

const fails = async (p: Promise<unknown>, re: RegExp) => {
  await assert.rejects(p, (e: unknown) => e instanceof EquiLensError && re.test(e.message) && e.message.includes('model.json'));
};

test('a real model passes the default limits', async () => {
  const json = await readModelJson(nodeFiles, good);
  assert.ok((await weightFiles(nodeFiles, good, json)).length >= 1);
});

test('model JSON over the size limit is refused before it is read', async () => {
  await fails(readModelJson(nodeFiles, good, { ...DEFAULT_LIMITS, maxJsonBytes: 100 }), /model JSON is .* over the .* limit/);
});

test('deep nesting is refused before parsing (no stack overflow)', async () => {
  const json = JSON.parse(readFileSync(good, 'utf8'));
  const text = JSON.stringify(json).replace(/}$/, `,"userDefinedMetadata":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
  const f = `${tmp.dir}/deep/model.json`;
  writeModel(`${tmp.dir}/deep`, await cnnArtifacts({ seed: 1, size: 8, channels: 1 }));
  writeFileSync(f, text);
  await fails(readModelJson(nodeFiles, f), /nested deeper than 256 levels/);
});

test('brackets inside strings do not count as nesting', async () => {
  const json = JSON.parse(readFileSync(good, 'utf8'));
  json.userDefinedMetadata = { note: '['.repeat(10_000) + '\\"{' };
  const f = `${tmp.dir}/strings/model.json`;
  writeModel(`${tmp.dir}/strings`, await cnnArtifacts({ seed: 1, size: 8, channels: 1 }));
  writeFileSync(f, JSON.stringify(json));
  await readModelJson(nodeFiles, f);
});

test('too many layers, and too many weight bytes, are refused', async () => {
  await fails(readModelJson(nodeFiles, good, { ...DEFAULT_LIMITS, maxTopologyNodes: 2 }), /topology has 3 layers\/nodes, over the 2 limit/);
  const json = await readModelJson(nodeFiles, good);
  await fails(weightFiles(nodeFiles, good, json, { ...DEFAULT_LIMITS, maxWeightBytes: 64 }), /weights total .* over the .* limit/);
});
