// duplicate-members (issue 12, point 6): members holding the same weights in every layer are one
// finding naming them, not one shared-checkpoint line per layer they share.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adviseFixes } from '../src/core/advice';
import { runAudit } from '../src/core/audit/runAudit';
import { sharedCheckpointFindings, weightSignature } from '../src/core/checks/checkpoint';
import { toModelJson } from '../src/core/load/modelJson';
import { Rng } from '../src/core/rng';
import { nodeFiles } from '../src/node/nodeFiles';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-duplicates-');
before(async () => {
  await tf.setBackend('cpu');
});
after(() => tmp.cleanup());

function values(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => rng.next() - 0.5);
}
const sig = (name: string, shape: number[], seed: number) => {
  const v = values(
    shape.reduce((a, b) => a * b, 1),
    seed,
  );
  return weightSignature(name, shape, v.length, (i) => v[i]!);
};

describe('from signatures', () => {
  const json = toModelJson(
    {
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'm',
          layers: [
            { class_name: 'Conv2D', config: { name: 'conv1' } },
            { class_name: 'Dense', config: { name: 'dense' } },
          ],
        },
      },
      weightsManifest: [],
    },
    'test',
  );
  /** Member weights from seeds: conv1 kernel, conv1 bias, dense kernel. */
  const member = (name: string, [k, b, d]: [number, number, number]) => ({
    member: name,
    weights: [sig('conv1/kernel', [3, 3, 1, 4], k), sig('conv1/bias', [4], b), sig('dense/kernel', [4, 3], d)],
  });

  test('three copies and one other member: one duplicate-members finding naming the copies, no per-layer lines', () => {
    const fs = sharedCheckpointFindings(json, [member('a', [1, 2, 3]), member('b', [1, 2, 3]), member('c', [4, 5, 6]), member('d', [1, 2, 3])]);
    assert.deepEqual(
      fs.map((f) => [f.kind, f.severity, f.members]),
      [['duplicate-members', 'warning', ['a', 'b', 'd']]],
    );
    assert.equal(
      fs[0]!.evidence,
      '3 of 4 members hold the same weights in every layer (a, b, d): one model counted 3 times, so the ensemble has 2 distinct members, and the floor, its interval and the curve treat the copies as independent.',
    );
  });

  test('a member sharing only conv1 with the copies still gets its shared-checkpoint line; the copies alone none', () => {
    const fs = sharedCheckpointFindings(json, [member('a', [1, 2, 3]), member('b', [1, 2, 3]), member('c', [1, 9, 7])]);
    assert.deepEqual(
      fs.map((f) => [f.kind, f.layer, f.members]),
      [
        ['duplicate-members', undefined, ['a', 'b']],
        ['shared-checkpoint', 'conv1', ['a', 'b', 'c']],
      ],
    );
  });

  test('two groups of copies: two findings; members that differ in one bias only are not copies', () => {
    const fs = sharedCheckpointFindings(json, [member('a', [1, 2, 3]), member('b', [4, 5, 6]), member('c', [1, 2, 3]), member('d', [4, 5, 6]), member('e', [1, 8, 3])]);
    assert.deepEqual(
      fs.filter((f) => f.kind === 'duplicate-members').map((f) => f.members),
      [
        ['a', 'c'],
        ['b', 'd'],
      ],
    );
    // e shares conv1's kernel and the dense kernel with a and c, but not the bias: per-layer lines, not a copy.
    assert.deepEqual(
      fs.filter((f) => f.kind === 'shared-checkpoint').map((f) => [f.layer, f.members]),
      [
        ['conv1', ['a', 'c', 'e']],
        ['dense', ['a', 'c', 'e']],
      ],
    );
  });
});

test('a frozen backbone: five layers shared by the same members are one shared-checkpoint finding listing them', () => {
  const names = ['b1', 'b2', 'b3', 'b4', 'b5'];
  const json = toModelJson(
    {
      format: 'layers-model',
      modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: [...names, 'head'].map((name) => ({ class_name: 'Conv2D', config: { name } })) } },
      weightsManifest: [],
    },
    'test',
  );
  const member = (name: string, head: number) => ({
    member: name,
    weights: [...names.map((n, i) => sig(`${n}/kernel`, [3, 3, 2, 2], 10 + i)), sig('head/kernel', [3, 3, 2, 2], head)],
  });
  const fs = sharedCheckpointFindings(json, [member('a', 1), member('b', 2), member('c', 3)]);
  assert.deepEqual(
    fs.map((f) => [f.kind, f.layer, f.layers, f.members]),
    [['shared-checkpoint', 'b1', names, ['a', 'b', 'c']]],
  );
  assert.equal(fs[0]!.evidence, '5 layers hold the same weights in all 3 members (b1, b2, b3 and 2 more; max relative distance 0.0e+0): frozen, or barely moved by training.');
  // Three shared layers stay one line each.
  const few = sharedCheckpointFindings(
    json,
    [member('a', 1), member('b', 2)].map((m) => ({ ...m, weights: m.weights.map((w, i) => (i >= 3 && i < 5 ? sig(w.name, w.shape, 50 + i + m.member.charCodeAt(0)) : w)) })),
  );
  assert.deepEqual(
    few.map((f) => f.layer),
    ['b1', 'b2', 'b3'],
  );
});

test('an audit of three identical members and one other: one duplicate-members finding, no shared-checkpoint line', async () => {
  const copy = await cnnArtifacts({ seed: 1, size: 8, channels: 1 });
  for (const i of [1, 2, 3]) writeModel(`${tmp.dir}/ens/member-${i}`, copy);
  writeModel(`${tmp.dir}/ens/member-4`, await cnnArtifacts({ seed: 2, size: 8, channels: 1 }));
  const r = await runAudit({ targets: [`${tmp.dir}/ens`], group: 'flip-h', output: 'invariant', probesCount: 4, seed: 0, displayBase: tmp.dir }, { fs: nodeFiles, backend: 'cpu' });
  const kinds = r.findings.map((f) => f.kind);
  assert.deepEqual(
    kinds.filter((k) => k === 'duplicate-members' || k === 'shared-checkpoint'),
    ['duplicate-members'],
  );
  const dup = r.findings.find((f) => f.kind === 'duplicate-members')!;
  assert.deepEqual(dup.members, ['ens/member-1/model.json', 'ens/member-2/model.json', 'ens/member-3/model.json']);
  // Identical members have identical metrics: the copies are one draw.
  assert.equal(r.members[0]!.relError, r.members[2]!.relError);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'report.schema.json'), 'utf8')));
  assert.ok(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors));
  // The advice, when it has a floor to act on, names the copies in one fix.
  const withFloor = { ...r, ensemble: { ...r.ensemble!, floor: 0.2, floorCI: [0.15, 0.25] as [number, number], meanNearZero: false } };
  const fix = adviseFixes(withFloor).find((f) => f.id === 'initialisation:duplicate-members')!;
  assert.equal(fix.title, 'Replace the 2 duplicate members with independently trained ones');
  assert.match(fix.what, /^ens\/member-1\/model\.json, ens\/member-2\/model\.json, ens\/member-3\/model\.json are copies of one model/);
});
