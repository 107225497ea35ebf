// 20 audits in one process: tensors and variables return to their baseline after each one,
// after a failed one and after a cancelled one.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { AuditCancelled, runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { nodeFiles } from '../src/node/nodeFiles';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-leaks-');
const host = { fs: nodeFiles, backend: 'cpu' };
const spec = (dir: string): AuditSpec => ({ targets: [`${tmp.dir}/${dir}`], group: 'd4', output: 'invariant', probesCount: 8, seed: 1, pictures: 2 });
const engine = () => ({ tensors: tf.memory().numTensors, variables: Object.keys(tf.engine().state.registeredVariables).length });

before(async () => {
  await tf.setBackend('cpu');
  for (const seed of [1, 2, 3]) writeModel(`${tmp.dir}/ens/member-${seed}`, await cnnArtifacts({ seed, size: 8, channels: 1 }));
  writeModel(`${tmp.dir}/broken/member-1`, await cnnArtifacts({ seed: 4, size: 8, channels: 1 }));
  // Same architecture, no weights: tfjs builds the layers (variables), then refuses the model.
  const broken = writeModel(`${tmp.dir}/broken/member-2`, await cnnArtifacts({ seed: 5, size: 8, channels: 1 }));
  const json = JSON.parse(readFileSync(broken, 'utf8'));
  json.weightsManifest = [{ paths: [], weights: [] }];
  writeFileSync(broken, JSON.stringify(json));
  const nan = await cnnArtifacts({ seed: 7, size: 8, channels: 1 });
  new Float32Array(nan.weightData as ArrayBuffer).fill(Number.NaN);
  writeModel(`${tmp.dir}/nan`, nan);
});
after(() => tmp.cleanup());

test('20 consecutive audits leave no tensor or variable behind, each with the same numbers', async () => {
  const baseline = engine();
  let first: number | null = null;
  for (let i = 0; i < 20; i++) {
    const r = await runAudit(spec('ens'), host);
    assert.deepEqual(engine(), baseline, `after audit ${i + 1}`);
    first ??= r.ensemble!.relError;
    assert.equal(r.ensemble!.relError, first, 'the same audit gives the same number every time');
  }
  assert.ok(first! > 0);
});

test('failed audits (a load that tfjs refuses half-way, NaN outputs) leave nothing behind', async () => {
  const baseline = engine();
  await assert.rejects(runAudit(spec('broken'), host), (e: unknown) => e instanceof EquiLensError && /broken\/member-2\/model\.json: .*weights are not set/.test(e.message));
  assert.deepEqual(engine(), baseline);
  await assert.rejects(runAudit(spec('nan'), host), /outputs contain NaN or Infinity \(192 of 192 values\)/);
  assert.deepEqual(engine(), baseline);
});

test('a cancelled audit leaves nothing behind, and the next audit runs', async () => {
  const baseline = engine();
  const abort = new AbortController();
  const run = runAudit(spec('ens'), { ...host, signal: abort.signal, onEvent: (e) => e.kind === 'member' && abort.abort() });
  await assert.rejects(run, AuditCancelled);
  assert.deepEqual(engine(), baseline);
  assert.equal((await runAudit(spec('ens'), host)).members.length, 3);
  assert.deepEqual(engine(), baseline);
});
