// Two audits at once in one process (one tfjs engine) do not interfere: each gives exactly the
// report it gives alone, and together they leak nothing — also when one of them fails.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import type { AuditReport } from '../src/core/report/types';
import { nodeFiles } from '../src/node/nodeFiles';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-concurrent-');
const host = { fs: nodeFiles, backend: 'cpu' };
const spec = (dir: string, group: string): AuditSpec => ({ targets: [`${tmp.dir}/${dir}`], group, output: 'invariant', probesCount: 16, seed: 3, displayBase: tmp.dir });

before(async () => {
  await tf.setBackend('cpu');
  for (const seed of [1, 2, 3]) writeModel(`${tmp.dir}/a/member-${seed}`, await cnnArtifacts({ seed, size: 8, channels: 1 }));
  for (const seed of [4, 5, 6, 7]) writeModel(`${tmp.dir}/b/member-${seed}`, await cnnArtifacts({ seed, size: 12, channels: 3, kernelSize: 5 }));
  // A member whose shard is short: its load fails half-way, inside tfjs's scope.
  writeModel(`${tmp.dir}/c/member-1`, await cnnArtifacts({ seed: 8, size: 8, channels: 1 }));
  writeModel(`${tmp.dir}/c/member-2`, await cnnArtifacts({ seed: 9, size: 8, channels: 1 }));
  writeFileSync(`${tmp.dir}/c/member-2/group1-shard1of1.bin`, new Uint8Array(8));
});
after(() => tmp.cleanup());

/** Everything but the clock. */
function numbers(r: AuditReport): unknown {
  const { createdAt: _c, timing: _t, ...rest } = r;
  return rest;
}

test('two runAudit calls started together give exactly the reports each gives alone', async () => {
  const baseline = tf.memory().numTensors;
  const aAlone = await runAudit(spec('a', 'c4'), host);
  const bAlone = await runAudit(spec('b', 'd4'), host);
  for (let round = 0; round < 3; round++) {
    const [a, b] = await Promise.all([runAudit(spec('a', 'c4'), host), runAudit(spec('b', 'd4'), host)]);
    assert.deepEqual(numbers(a), numbers(aAlone));
    assert.deepEqual(numbers(b), numbers(bAlone));
    assert.equal(tf.memory().numTensors, baseline, `round ${round}`);
  }
  assert.equal(aAlone.members.length, 3);
  assert.equal(bAlone.members.length, 4);
  assert.ok(aAlone.ensemble!.relError! > 0 && bAlone.ensemble!.relError! > 0);
});

test("an audit whose member fails to load does not take the other audit's tensors with it", async () => {
  const baseline = tf.memory().numTensors;
  const bAlone = await runAudit(spec('b', 'd4'), host);
  const [failed, b] = await Promise.allSettled([runAudit(spec('c', 'c4'), host), runAudit(spec('b', 'd4'), host)]);
  assert.equal(failed.status, 'rejected');
  assert.match(String(failed.reason), /member-2\/model\.json: weight file 'group1-shard1of1\.bin' is short \(8 bytes\)/);
  assert.equal(b.status, 'fulfilled');
  assert.deepEqual(numbers(b.value), numbers(bAlone));
  assert.equal(tf.memory().numTensors, baseline);
});
