import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { auditNames } from '../src/core/config/auditNames';
import { loadConfigText } from '../src/core/config/loadConfig';
import { cli } from './helpers/cli';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

test('auditNames: folders, shared file stems, single files; unique in every case', () => {
  assert.deepEqual(auditNames(['ens-a', 'deep/ens-a', '.'], 'repo'), ['ens-a', 'deep/ens-a', 'repo']);
  // Two ensembles of different architectures side by side at the root (issue 12.8).
  assert.deepEqual(
    auditNames(
      [
        ['seed1.json', 'seed2.json'],
        ['wide-1.json', 'wide-2.json'],
      ],
      'repo',
    ),
    ['seed', 'wide'],
  );
  // Nothing shared in the names: the folder names them, then suffixes keep them apart.
  assert.deepEqual(
    auditNames(
      [
        ['a.json', 'b.json'],
        ['c.json', 'd.json'],
        ['m/member-1/model.json', 'm/member-2/model.json'],
      ],
      'repo',
    ),
    ['repo', 'repo-2', 'm'],
  );
  assert.deepEqual(auditNames(['x/model.json', 'y/model.json', 'x/seed.json', 'y/seed.json'], 'r'), ['x', 'y', 'seed', 'y/seed']);
});

test('equilens init on a folder whose root holds two ensembles of different architectures: unique names, exit 0', async () => {
  const { dir, cleanup } = tempDir('equilens-init-');
  try {
    for (const s of [1, 2]) {
      writeModel(dir, await cnnArtifacts({ seed: s, filters: 4 }), { jsonName: `seed${s}.json`, shardPrefix: `seed${s}` });
      writeModel(dir, await cnnArtifacts({ seed: s, filters: 6 }), { jsonName: `wide${s}.json`, shardPrefix: `wide${s}` });
    }
    const r = cli(['init', dir]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const { errors, audits } = loadConfigText(readFileSync(`${dir}/equilens.config.json`, 'utf8'));
    assert.deepEqual(errors, []);
    assert.deepEqual(audits.map((a) => [a.name, a.models]).sort(), [
      ['seed', ['seed1.json', 'seed2.json']],
      ['wide', ['wide1.json', 'wide2.json']],
    ]);
    // What init wrote, check runs: every audit found and audited.
    const check = cli(['check', '--config', `${dir}/equilens.config.json`, '--format', 'json'], dir);
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
  } finally {
    cleanup();
  }
});
