// Settings apply per workspace folder: an audit reads the settings of the folder holding its model
// (not the first folder's), and a relative equilens.probes starts at that folder.
import '../helpers/fakeVscode';
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { after, beforeEach, test } from 'node:test';
import { homeFirst } from '../../src/extension/settingScope';
import { defaultChoices, probeChoice, readSettings } from '../../src/extension/settings';
import { fake, memento } from '../helpers/fakeVscode';
import { tempDir } from '../helpers/modelFixtures';

const tmp = tempDir('equilens-scope-');
after(() => tmp.cleanup());
// Real folders: the probes setting is confined by real path.
const root = realpathSync(tmp.dir);
const A = `${root}/a`;
const B = `${root}/b`;
for (const f of [A, B]) mkdirSync(`${f}/data`, { recursive: true });
writeFileSync(`${B}/data/p.npy`, '');

beforeEach(() => {
  fake.folders = [A, B];
  fake.trusted = true;
  fake.asked = [];
  fake.settings = {
    '': { 'equilens.group': 'c4', 'equilens.seed': 1, 'equilens.probesCount': 16 },
    [B]: { 'equilens.group': 'flip-h', 'equilens.seed': 7, 'equilens.probes': 'data/p.npy', 'equilens.limits.maxProbes': 100 },
  };
});

test('homeFirst: the folder holding the target first (the deepest when folders nest), else the order as it is', () => {
  assert.deepEqual(homeFirst(['/w/a', '/w/b'], '/w/b/m/model.json'), ['/w/b', '/w/a']);
  assert.deepEqual(homeFirst(['/w', '/w/b', '/x'], '/w/b/model.json'), ['/w/b', '/w', '/x']);
  assert.deepEqual(homeFirst(['/w/a', '/w/b'], '/elsewhere/model.json'), ['/w/a', '/w/b']);
  assert.deepEqual(homeFirst(['/w/a', '/w/b'], undefined), ['/w/a', '/w/b']);
  // '/w/ab' is not inside '/w/a'.
  assert.deepEqual(homeFirst(['/w/a', '/w/ab'], '/w/ab/model.json'), ['/w/ab', '/w/a']);
});

test("a model in the second folder gets that folder's settings, a model in the first the workspace's", () => {
  const state = memento();
  const inB = readSettings(state, `${B}/m/model.json`);
  assert.equal(inB.seed, 7);
  assert.equal(inB.probesCount, 16, 'not set in b: the workspace value');
  assert.equal(inB.probes, `${B}/data/p.npy`, "relative to b, the model's folder, not a (the first)");
  assert.equal(inB.limits?.maxProbes, 100);
  assert.deepEqual(defaultChoices(state as never, `${B}/m`), { group: 'flip-h', output: 'invariant' });
  assert.ok(fake.asked.includes(`${B}/m/model.json`), "the configuration was asked for the model's URI");

  const inA = readSettings(state, `${A}/model.json`);
  assert.equal(inA.seed, 1);
  assert.equal(inA.probes, undefined);
  assert.equal(inA.limits?.maxProbes, undefined);
  assert.deepEqual(defaultChoices(state as never, `${A}/model.json`), { group: 'c4', output: 'invariant' });
});

test("a relative equilens.probes resolves against the model's folder (the first folder without a model); '..' out of it is refused", () => {
  // Set for the whole workspace: without a target it resolves against the first folder, a (where nothing is: judged as written).
  fake.settings = { '': { 'equilens.probes': 'data/p.npy' } };
  assert.deepEqual(probeChoice(memento() as never), { path: `${A}/data/p.npy` });
  assert.deepEqual(probeChoice(memento() as never, `${B}/model.json`), { path: `${B}/data/p.npy` });
  // '..' out of the model's folder is still refused.
  fake.settings = { '': { 'equilens.probes': '../outside.npy' } };
  assert.ok('refused' in probeChoice(memento(), `${B}/model.json`));
});

test("the last pick in this workspace wins over every folder's setting", () => {
  const state = memento({ 'equilens.lastGroup': 'd4', 'equilens.lastOutput': 'same' });
  assert.deepEqual(defaultChoices(state as never, `${B}/model.json`), { group: 'd4', output: 'same' });
});
