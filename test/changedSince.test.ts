// --changed-since <ref> in a temporary git repository: only ensembles with a changed file run
// (a changed member re-audits its whole ensemble), committed, uncommitted and untracked changes
// alike; not a repository or an unknown ref is exit 2.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { touches } from '../src/core/ci/changed';
import type { CheckRun } from '../src/core/ci/types';
import { PROBES, workspace } from './helpers/checkWorkspace';

const ws = workspace();
const git = (...args: string[]) => execFileSync('git', ['-C', ws.dir, '-c', 'user.name=EquiLens Test', '-c', 'user.email=test@equilens.invalid', ...args], { encoding: 'utf8' });
const audited = (): string[] => (JSON.parse(readFileSync(`${ws.dir}/out/equilens.json`, 'utf8')) as CheckRun).audits.map((a) => a.name);
const check = (ref: string) => ws.run(['check', '--changed-since', ref, '--format', 'json', '--out-dir', 'out']);

before(() => {
  ws.config({
    defaults: { group: 'c4', probes: PROBES, thresholds: { maxFloor: 0.05 } },
    audits: [
      { name: 'augmented', models: 'examples/compatible-augmented' },
      { name: 'plain', models: 'examples/compatible-plain' },
      { name: 'incompatible', models: 'examples/incompatible-augmented', probes: 'examples/probes/png' },
    ],
  });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'models');
});
after(() => ws.cleanup());

test('nothing changed: no audit runs, the summary names those left out, exit 0', () => {
  const r = check('HEAD');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(audited(), []);
  assert.match(r.stdout, /3 audits left out: no file changed since HEAD \(augmented, plain, incompatible\)/);
  const run = JSON.parse(readFileSync(`${ws.dir}/out/equilens.json`, 'utf8')) as CheckRun;
  assert.deepEqual(run.changedSince, { ref: 'HEAD', unchanged: ['augmented', 'plain', 'incompatible'] });
});

test('an uncommitted edit of one member re-audits its whole ensemble (8 members), and only it', () => {
  appendFileSync(`${ws.dir}/examples/compatible-plain/member-03/model.json`, '\n');
  const r = check('HEAD');
  assert.equal(r.code, 1, 'plain fails maxFloor');
  assert.deepEqual(audited(), ['plain']);
  assert.match(r.stdout, /^FAIL plain · c4 · 8 members/m);
  git('checkout', '-q', '--', '.');
});

test('commits on a branch since main count; so do untracked files and changed probes', () => {
  git('checkout', '-q', '-b', 'feature');
  appendFileSync(`${ws.dir}/examples/incompatible-augmented/member-05/model.json`, '\n');
  git('commit', '-qam', 'retrain member 5');
  assert.equal(check('main').code, 1);
  assert.deepEqual(audited(), ['incompatible']);
  // A new member folder, not yet added to git.
  cpSync(`${ws.dir}/examples/compatible-augmented/member-08`, `${ws.dir}/examples/compatible-augmented/member-09`, { recursive: true });
  check('main');
  assert.deepEqual(audited(), ['augmented', 'incompatible']);
  const run = JSON.parse(readFileSync(`${ws.dir}/out/equilens.json`, 'utf8')) as CheckRun;
  assert.equal(run.audits[0]!.report.members.length, 9);
  // A probe image inside the folder only incompatible reads.
  assert.equal(check('HEAD').code, 0);
  assert.deepEqual(audited(), ['augmented']);
  appendFileSync(`${ws.dir}/examples/probes/png/README.txt`, 'notes\n');
  check('HEAD');
  assert.deepEqual(audited(), ['augmented', 'incompatible']);
});

test('a changed config re-runs every audit', () => {
  appendFileSync(`${ws.dir}/equilens.config.json`, '\n');
  check('HEAD');
  assert.deepEqual(audited(), ['augmented', 'plain', 'incompatible']);
});

test('exit 2: an unknown ref, or no repository at all', () => {
  const r = check('no-such-branch');
  assert.deepEqual([r.code, r.stderr], [2, "equilens: --changed-since: unknown git ref 'no-such-branch' (fetch it first, e.g. actions/checkout with fetch-depth: 0)\n"]);
  const bare = workspace();
  try {
    bare.config({ audits: [{ models: 'examples/compatible-plain' }] });
    const n = bare.run(['check', '--changed-since', 'HEAD']);
    assert.equal(n.code, 2);
    assert.match(n.stderr, /^equilens: \S+: not inside a git repository \(--changed-since needs one\)\n$/);
  } finally {
    bare.cleanup();
  }
});

test('touches: files by name, folders by what lies inside them', () => {
  const inputs = { files: ['/r/m/a/model.json', '/r/m/a/w.bin'], folders: ['/r/probes'] };
  assert.ok(touches(inputs, new Set(['/r/m/a/w.bin'])));
  assert.ok(touches(inputs, new Set(['/r/probes/x/1.png'])));
  assert.ok(!touches(inputs, new Set(['/r/m/b/model.json', '/r/probes-old/1.png', '/r/m/a'])));
});
