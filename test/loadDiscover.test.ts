import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import { discoverMembers, naturalCompare } from '../src/core/load';
import { nodeFiles } from '../src/node/nodeFiles';
import * as fx from './helpers/modelFixtures';

let dir: string;
let cleanup: () => void;
const seeds: tf.io.ModelArtifacts[] = [];

before(async () => {
  await tf.setBackend('cpu');
  ({ dir, cleanup } = fx.tempDir());
  for (let s = 1; s <= 3; s++) seeds.push(await fx.cnnArtifacts({ seed: s }));
});
after(() => cleanup());

/** Member i's artifacts: three seeds, reused round robin (fingerprints ignore weights anyway). */
const member = (i: number) => seeds[i % seeds.length]!;

async function rejectsWith(p: Promise<unknown>, file: string, problem: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof EquiLensError, String(e));
    assert.equal(e.file, file);
    assert.match(e.problem, problem);
    return true;
  });
}

describe('discoverMembers', () => {
  test('member-*/model.json in a folder, naturally sorted', async () => {
    const root = `${dir}/ens`;
    for (const i of [10, 2, 1, 3]) fx.writeModel(`${root}/member-${i}`, member(i));
    writeFileSync(`${root}/README.json`, JSON.stringify({ note: 'not a model' }));
    const found = await discoverMembers(nodeFiles, [root]);
    assert.deepEqual(found, {
      members: [1, 2, 3, 10].map((i) => `${root}/member-${i}/model.json`),
      root,
      ensemble: true,
    });
  });

  test('sibling JSON files found by content, not by name', async () => {
    const root = `${dir}/siblings`;
    for (const i of [1, 2, 10]) fx.writeModel(root, member(i), { jsonName: `seed${i}.json`, shardPrefix: `seed${i}` });
    writeFileSync(`${root}/config.json`, JSON.stringify({ modelTopology: 'no', weightsManifest: 3 }));
    writeFileSync(`${root}/broken.json`, '{');
    writeFileSync(`${root}/notes.txt`, 'hello');
    const found = await discoverMembers(nodeFiles, [root]);
    assert.deepEqual(
      found.members,
      [1, 2, 10].map((i) => `${root}/seed${i}.json`),
    );
    assert.equal(found.ensemble, true);
  });

  test('one model folder is a single member', async () => {
    const root = `${dir}/single`;
    const path = fx.writeModel(root, member(0));
    assert.deepEqual(await discoverMembers(nodeFiles, [root]), { members: [path], root, ensemble: false });
  });

  test('an explicit list of files, rooted at their common folder', async () => {
    const a = fx.writeModel(`${dir}/list/run-10`, member(1), { jsonName: 'weights.json' });
    const b = fx.writeModel(`${dir}/list/run-9`, member(2));
    const found = await discoverMembers(nodeFiles, [a, b]);
    assert.deepEqual(found, { members: [b, a], root: `${dir}/list`, ensemble: true });
  });

  test('the same file twice is one member', async () => {
    const a = fx.writeModel(`${dir}/twice`, member(1));
    assert.deepEqual((await discoverMembers(nodeFiles, [a, `${dir}/twice/./model.json`])).members, [a]);
  });

  test('a different architecture names the odd member and what differs', async () => {
    const root = `${dir}/odd`;
    for (let i = 1; i <= 8; i++) {
      fx.writeModel(`${root}/member-${i}`, i === 3 ? await fx.cnnArtifacts({ kernelSize: 5 }) : member(i));
    }
    await rejectsWith(discoverMembers(nodeFiles, [root]), root, /^member-3\/model\.json has a different architecture than the other 7 members \(.*kernel_size: \[5,5\] vs \[3,3\]\)$/);
  });

  test('nothing found names the folder; models two levels down do not count', async () => {
    const root = `${dir}/deep`;
    fx.writeModel(`${root}/a/b`, member(0));
    await rejectsWith(discoverMembers(nodeFiles, [root]), root, /no TF\.js model JSON or \.onnx model found/);
  });

  test('an explicit file that is not a model says why', async () => {
    const path = `${dir}/not-model.json`;
    writeFileSync(path, JSON.stringify({ hello: 1 }));
    await rejectsWith(discoverMembers(nodeFiles, [path]), path, /no modelTopology/);
  });

  test('a missing target', async () => {
    mkdirSync(`${dir}/empty`, { recursive: true });
    await rejectsWith(discoverMembers(nodeFiles, [`${dir}/nope`]), `${dir}/nope`, /^not found$/);
  });
});

test('naturalCompare orders digit runs by value', () => {
  const names = ['member-10', 'member-2', 'member-1', 'b', 'a10b', 'a2c', 'a2b'];
  assert.deepEqual(names.sort(naturalCompare), ['a2b', 'a2c', 'a10b', 'b', 'member-1', 'member-2', 'member-10']);
});
