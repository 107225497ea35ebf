// THEORY §4's checks on the estimator, end to end through the audit engine with real models.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import { makeGroup } from '../src/core/groups';
import { nodeFiles } from '../src/node/nodeFiles';
import { tempDir } from './helpers/modelFixtures';
import { flattenCnn, transformWeights, writeMembers } from './helpers/orbitModels';

const tmp = tempDir('equilens-theory-');
before(async () => {
  await tf.setBackend('cpu');
});
after(() => tmp.cleanup());

const host = { fs: nodeFiles, backend: 'cpu' };

test('an orbit ensemble is invariant to float precision while its members are not', async () => {
  const group = makeGroup('c4', [8, 8, 1], { seed: 0 });
  const models = group.elements.map((_, g) => {
    const m = flattenCnn(1);
    transformWeights(m, group, g, 8);
    return m;
  });
  const dir = await writeMembers(`${tmp.dir}/orbit`, models);
  models.forEach((m) => m.dispose());
  const r = await runAudit({ targets: [dir], group: 'c4', output: 'invariant', probesCount: 16, seed: 3 }, host);
  assert.equal(r.ensemble!.size, 4);
  for (const m of r.members) assert.ok(m.relError! > 0.1, `member relError ${m.relError}`);
  assert.ok(r.ensemble!.relError! < 1e-5, `ensemble relError ${r.ensemble!.relError}`);
  assert.ok(r.ensemble!.agreement === 1, 'the mean keeps every class on the orbit');
});

test('i.i.d. untrained members of a compatible architecture: the floor interval reaches 0', async () => {
  const models = Array.from({ length: 10 }, (_, i) => flattenCnn(10 + i));
  const dir = await writeMembers(`${tmp.dir}/iid`, models);
  models.forEach((m) => m.dispose());
  const r = await runAudit({ targets: [dir], group: 'c4', output: 'invariant', probesCount: 16, seed: 0 }, host);
  const e = r.ensemble!;
  assert.ok(Math.min(...r.members.map((m) => m.relError!)) > 0.05, 'members are far from invariant');
  assert.ok(e.floorCI !== null && e.floorCI[0] <= 1e-3, `floor CI ${e.floorCI}`);
  const sorted = r.members.map((m) => m.relError!).sort((a, b) => a - b);
  assert.ok(e.relError! < sorted[sorted.length >> 1]!, `averaging helps: ensemble ${e.relError} vs members ${sorted}`);
});

test('a shared checkpoint (identical members) keeps the floor at the member error', async () => {
  const models = Array.from({ length: 4 }, () => flattenCnn(5));
  const dir = await writeMembers(`${tmp.dir}/shared`, models);
  models.forEach((m) => m.dispose());
  const r = await runAudit({ targets: [dir], group: 'c4', output: 'invariant', probesCount: 16, seed: 0 }, host);
  const e = r.ensemble!;
  assert.ok(Math.abs(e.floor! - r.members[0]!.relError!) < 1e-4, `floor ${e.floor} vs member ${r.members[0]!.relError}`);
  assert.equal(e.membersNeeded['0.01'], null, 'no ensemble size reaches 1% when the floor is above it');
});
