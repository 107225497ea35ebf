// Check Changed Models' selection (check/changedFiles.ts): git's change lists → changed paths →
// the audits that read one of them. Changes are crafted; ensembles and weights are the examples'.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { unitInputs } from '../../src/core/ci/changed';
import { joinPath } from '../../src/core/io/paths';
import { nodeFiles, toPosix } from '../../src/node/nodeFiles';
import { changedPaths, rebasePaths, selectChanged, type Candidate, type GitStateLike } from '../../src/extension/check/changedFiles';
import { ROOT } from '../helpers/cli';

const EX = toPosix(join(ROOT, 'examples'));
const CONFIG = `${EX}/equilens.config.json`;
const members = (ensemble: string) => Array.from({ length: 8 }, (_, i) => `${EX}/${ensemble}/member-0${i + 1}/model.json`);
const uri = (p: string) => ({ fsPath: p });

/** The three example ensembles as a config declares them (no probes), and one that reads a probe folder. */
async function candidates(): Promise<Candidate<string>[]> {
  const out: Candidate<string>[] = [];
  for (const name of ['compatible-augmented', 'compatible-plain', 'incompatible-augmented']) {
    out.push({ unit: name, configFile: CONFIG, inputs: await unitInputs(nodeFiles, EX, { members: members(name), audit: { probes: {} } }) });
  }
  // Without a config (found by the index): no configFile, probes from the editor's setting.
  out.push({ unit: 'plain-with-probes', inputs: await unitInputs(nodeFiles, EX, { members: members('compatible-plain').slice(0, 2), audit: { probes: { path: 'probes' } } }) });
  return out;
}

const state = (o: Partial<GitStateLike>): GitStateLike => ({ workingTreeChanges: [], indexChanges: [], ...o });

test('changed paths: unstaged, staged, untracked and merge changes, both names of a rename', () => {
  const changed = changedPaths(
    state({
      workingTreeChanges: [{ uri: uri('/r/a.json') }],
      indexChanges: [{ uri: uri('/r/new/name.json'), originalUri: uri('/r/old/name.json'), renameUri: uri('/r/new/name.json') }],
      untrackedChanges: [{ uri: uri('/r/u.bin') }],
      mergeChanges: [{ uri: uri('/r/m.json') }],
    }),
    (p) => p,
  );
  assert.deepEqual([...changed].sort(), ['/r/a.json', '/r/m.json', '/r/new/name.json', '/r/old/name.json', '/r/u.bin']);
  // Older VS Code lists untracked files among the working tree changes and has no untrackedChanges.
  // Each fsPath goes through toPath (toPosix in the extension: Windows paths get '/').
  const backslashes = (p: string) => p.replace(/\\/g, '/');
  assert.deepEqual([...changedPaths(state({ workingTreeChanges: [{ uri: uri('C:\\r\\x.json') }] }), backslashes)], ['C:/r/x.json']);
});

test('one changed weight file of one member selects its whole ensemble, and only it', async () => {
  const all = await candidates();
  const { selected, unchanged } = selectChanged(all, new Set([`${EX}/compatible-augmented/member-05/weights.bin`]));
  assert.deepEqual(selected, ['compatible-augmented']);
  assert.deepEqual(unchanged, ['compatible-plain', 'incompatible-augmented', 'plain-with-probes']);
});

test('a changed model JSON selects every audit that reads it; an untracked file in a probe folder selects that one', async () => {
  const all = await candidates();
  const json = `${EX}/compatible-plain/member-02/model.json`;
  assert.deepEqual(selectChanged(all, new Set([json])).selected, ['compatible-plain', 'plain-with-probes']);
  assert.deepEqual(selectChanged(all, new Set([`${EX}/probes/new-image.png`])).selected, ['plain-with-probes']);
});

test('a changed config selects all of its audits (their settings may have changed), not the others', async () => {
  const { selected } = selectChanged(await candidates(), new Set([CONFIG]));
  assert.deepEqual(selected, ['compatible-augmented', 'compatible-plain', 'incompatible-augmented']);
});

test('changes nothing reads select nothing: a README, a file beside a model, a member of another folder', async () => {
  const changed = new Set([`${EX}/README.md`, `${EX}/compatible-plain/notes.txt`, `${EX}/compatible-plain-copy/member-01/model.json`, joinPath(EX, '..', 'package.json')]);
  assert.deepEqual(selectChanged(await candidates(), changed).selected, []);
});

test("git's real paths are moved under the workspace's path when it opened the repository through a symlink", () => {
  const moved = rebasePaths(new Set(['/real/repo/a/model.json', '/real/repo', '/elsewhere/x']), '/real/repo', '/home/me/link');
  assert.deepEqual([...moved], ['/home/me/link/a/model.json', '/home/me/link', '/elsewhere/x']);
  assert.deepEqual([...rebasePaths(new Set(['/w/a']), '/w', '/w')], ['/w/a']);
  // '/real/repository' is not inside '/real/repo'.
  assert.deepEqual([...rebasePaths(new Set(['/real/repository/a']), '/real/repo', '/l')], ['/real/repository/a']);
});
