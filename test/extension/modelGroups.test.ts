// The tree's grouping: models found by content, ensembles per folder by fingerprint, read the way
// the core's discoverMembers reads a folder.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, test } from 'node:test';
import { discoverMembers } from '../../src/core/load/discoverMembers';
import { modelFingerprint } from '../../src/extension/modelDetect';
import { groupModels, type FoundModel } from '../../src/extension/modelGroups';
import { nodeFiles } from '../../src/node/nodeFiles';
import { tempDir } from '../helpers/modelFixtures';

/** A layers-model JSON with `units` outputs; `name` changes only layer names (same fingerprint). */
function modelText(units: number, name = 'dense'): string {
  return JSON.stringify({
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: { name: `seq_${name}`, layers: [{ class_name: 'Dense', config: { name, units, batch_input_shape: [null, 4] } }] },
    },
    weightsManifest: [{ paths: ['w.bin'], weights: [{ name: `${name}/kernel`, dtype: 'float32', shape: [4, units] }] }],
  });
}

const tmp = tempDir('equilens-groups-');
after(() => tmp.cleanup());

test('models are recognised by content, not by name; layer names do not change the fingerprint', () => {
  const a = modelFingerprint(modelText(3, 'dense_1'));
  assert.ok(a);
  assert.equal(modelFingerprint(modelText(3, 'dense_7')), a);
  assert.notEqual(modelFingerprint(modelText(5)), a);
  assert.equal(modelFingerprint('{"name":"equilens","version":"0.1.0"}'), null);
  assert.equal(modelFingerprint('{"modelTopology": {}, "weightsManifest": ['), null);
  assert.equal(modelFingerprint('{"modelTopology": {"x": 1}, "weightsManifest": []}'), null, 'neither layers nor graph');
  assert.equal(modelFingerprint('{"format":"layers-model","modelTopology":{"class_name":"S","config":{}},"weightsManifest":[{"paths":[1]}]}'), null);
});

test('ensembles: member folders, seed files, deepest folder first, strays and other architectures alone', () => {
  const [A, B, C] = ['fpA', 'fpB', 'fpC'];
  const m = (path: string, fingerprint = A): FoundModel => ({ path, fingerprint });
  const { ensembles, singles } = groupModels([
    m('/w/ens/member-10/model.json'),
    m('/w/ens/member-2/model.json'),
    m('/w/ens/member-1/model.json'),
    m('/w/seeds/seed2.json'),
    m('/w/seeds/seed1.json'),
    m('/w/mixed/a.json'),
    m('/w/mixed/b.json', B),
    m('/w/other/deep/c.json', B),
    m('/w/ens/.hidden/model.json'),
    m('/w/lone/model.json', C),
  ]);
  assert.deepEqual(
    ensembles.map((e) => [e.folder, e.members]),
    [
      ['/w/ens', ['/w/ens/member-1/model.json', '/w/ens/member-2/model.json', '/w/ens/member-10/model.json']],
      ['/w/seeds', ['/w/seeds/seed1.json', '/w/seeds/seed2.json']],
    ],
  );
  assert.deepEqual(
    singles.map((s) => s.path),
    ['/w/ens/.hidden/model.json', '/w/lone/model.json', '/w/mixed/a.json', '/w/mixed/b.json', '/w/other/deep/c.json'],
  );
});

test('a folder keeps the models deeper ensembles left it; a model never joins two ensembles', () => {
  const { ensembles, singles } = groupModels([
    { path: '/w/e/sub/s1.json', fingerprint: 'A' },
    { path: '/w/e/sub/s2.json', fingerprint: 'A' },
    { path: '/w/e/m1/model.json', fingerprint: 'A' },
    { path: '/w/e/m2/model.json', fingerprint: 'A' },
  ]);
  assert.deepEqual(
    ensembles.map((e) => [e.folder, e.members.length]),
    [
      ['/w/e', 2],
      ['/w/e/sub', 2],
    ],
  );
  assert.equal(new Set(ensembles.flatMap((e) => e.members)).size, 4);
  assert.equal(singles.length, 0);
});

test("on disk, an ensemble's members are those discoverMembers finds in its folder", async () => {
  const files = {
    'ens/member-1/model.json': modelText(3, 'a'),
    'ens/member-2/model.json': modelText(3, 'b'),
    'ens/member-10/tfjs_model/model.json': modelText(3, 'c'), // two levels down: not in ens
    'ens/notes.json': '{"lr": 0.01}',
    'seeds/seed1.json': modelText(2, 'x'),
    'seeds/seed2.json': modelText(2, 'y'),
    'seeds/seed3.json': modelText(2, 'z'),
  };
  const found: FoundModel[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const path = `${tmp.dir}/${rel}`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    const fingerprint = modelFingerprint(text);
    if (fingerprint) found.push({ path, fingerprint });
  }
  const { ensembles } = groupModels(found);
  assert.equal(ensembles.length, 2);
  for (const e of ensembles) assert.deepEqual(e.members, (await discoverMembers(nodeFiles, [e.folder])).members, e.folder);
});
