// Issue 13 §2: every path equilens.config.json names stays in the config's folder by real path.
// `..`, absolute paths and symlinks that leave it are refused (exit 2) naming the config key,
// before anything outside is read; a glob cannot make matching hang.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expandAudit } from '../src/core/ci/units';
import { matchGlob } from '../src/core/config/glob';
import { resolveAudits } from '../src/core/config/resolve';
import type { FileSystem } from '../src/core/io/files';
import { isInside } from '../src/core/io/paths';
import { nodeFiles } from '../src/node/nodeFiles';
import { writeFileSync } from 'node:fs';
import { check, hostileWorkspace, link, type Hostile } from './helpers/hostileFs';

let h: Hostile;
before(() => {
  h = hostileWorkspace();
  link(`${h.outside}/m`, `${h.ws}/lnk`);
  link(`${h.outside}/m/model.json`, `${h.ws}/l.json`);
  link(`${h.outside}/probes.npy`, `${h.ws}/p.npy`);
  link(`${h.ws}/m`, `${h.ws}/alias`);
});
after(() => h.cleanup());

const LEAVES = (key: string) => new RegExp(`^equilens: [^\\n]*equilens\\.config\\.json: ${key.replace(/[[\].]/g, '\\$&')}: path leaves the config's folder \\([^\\n]*\\)\\n$`);

const refused: [string, () => object, string][] = [
  ['models "../outside/m"', () => ({ audits: [{ models: '../outside/m' }] }), 'audits[0].models'],
  ['models as an absolute path', () => ({ audits: [{ models: `${h.outside}/m` }] }), 'audits[0].models'],
  ['models: a symlinked folder leading outside', () => ({ audits: [{ models: 'lnk' }] }), 'audits[0].models'],
  ['models: a file through a symlinked folder', () => ({ audits: [{ models: 'lnk/model.json' }] }), 'audits[0].models'],
  ['models: the second of a list', () => ({ audits: [{ models: ['m', 'm/../../outside/m'] }] }), 'audits[0].models[1]'],
  ['a glob that climbs with ..', () => ({ audits: [{ models: '../*/m' }] }), 'audits[0].models'],
  ['a glob matching a symlinked file leading outside', () => ({ audits: [{ models: 'l*.json' }] }), 'audits[0].models'],
  ['a glob matching a symlinked folder leading outside', () => ({ audits: [{ models: 'ln*' }] }), 'audits[0].models'],
  ['a glob starting in a symlinked folder leading outside', () => ({ audits: [{ models: 'lnk/*.json' }] }), 'audits[0].models'],
  ['probes "../outside/probes.npy"', () => ({ audits: [{ models: 'm', probes: '../outside/probes.npy' }] }), 'audits[0].probes'],
  ['probes as an absolute path (from defaults)', () => ({ defaults: { probes: { path: `${h.outside}/probes.npy` } }, audits: [{ models: 'm' }] }), 'audits[0].probes'],
  ['probes: a symlink leading outside', () => ({ audits: [{ models: 'm', probes: 'p.npy' }] }), 'audits[0].probes'],
  ['fixedInputs: a symlink leading outside', () => ({ audits: [{ models: 'm', fixedInputs: { extra: 'p.npy' } }] }), 'audits[0].fixedInputs.extra'],
];

for (const [what, config, key] of refused) {
  test(`refused with exit 2 naming ${key}: ${what}`, async () => {
    const r = await check(h, config());
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, LEAVES(key));
  });
}

test('paths inside the folder still work, a symlink that stays inside included', async () => {
  const r = await check(h, { audits: [{ name: 'in', models: ['alias'], probes: 'probes.npy' }] });
  assert.equal(r.code, 0, r.stderr);
});

/** A FileSystem that records every path it is asked about. */
function recording(): FileSystem & { seen: string[]; listed: string[] } {
  const seen: string[] = [];
  const listed: string[] = [];
  return {
    seen,
    listed,
    readFile: (p, o) => (seen.push(p), nodeFiles.readFile(p, o)),
    realPath: (p) => (seen.push(p), nodeFiles.realPath(p)),
    readDir: (p) => (seen.push(p), listed.push(p), nodeFiles.readDir(p)),
    stat: (p) => (seen.push(p), nodeFiles.stat(p)),
  };
}

test('nothing outside the folder is read, listed or even looked at while refusing', async () => {
  const configs = [{ models: '../outside/m' }, { models: `${h.outside}/m` }, { models: 'lnk' }, { models: 'l*.json' }, { models: 'lnk/*.json' }, { models: 'm', probes: '../outside/probes.npy' }];
  for (const entry of configs) {
    const fs = recording();
    const [audit] = resolveAudits({ audits: [entry] });
    await assert.rejects(expandAudit(fs, h.ws, audit!), /path leaves the config's folder/);
    assert.deepEqual(
      fs.seen.filter((p) => !isInside(h.ws, p)),
      [],
      JSON.stringify(entry),
    );
    // Nothing listed or read through the linked folder either.
    assert.deepEqual(
      fs.seen.filter((p) => p.startsWith(`${h.ws}/lnk/`) || (p === `${h.ws}/lnk` && fs.listed.includes(p))),
      [],
      JSON.stringify(entry),
    );
  }
});

test('a backtracking glob (**/a*a*…*b over a 200-character name) ends at once, matching nothing', { timeout: 60_000 }, async () => {
  const pattern = `**/${'a*'.repeat(40)}b`;
  assert.equal(matchGlob(pattern, `x/${'a'.repeat(5000)}`), false);
  assert.equal(matchGlob(pattern, `x/${'a'.repeat(60)}b`), true);
  writeFileSync(`${h.ws}/${'a'.repeat(200)}.json`, '{}');
  const r = await check(h, { audits: [{ models: pattern }] });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /matches no model or folder/);
});
