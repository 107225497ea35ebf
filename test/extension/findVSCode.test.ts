// The test-electron suite never downloads: it runs only with a given or cached VS Code.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { findVSCode } from '../electron/findVSCode';
import { tempDir } from '../helpers/modelFixtures';

const tmp = tempDir('equilens-findvscode-');
after(() => tmp.cleanup());

test('no VSCODE_EXECUTABLE_PATH and no cached download: skipped, with the reason', () => {
  const r = findVSCode(tmp.dir, { DISPLAY: ':0' }, 'linux');
  assert.ok('skip' in r && r.skip.includes('VSCODE_EXECUTABLE_PATH is unset'));
  // A download that never finished unpacking does not count.
  mkdirSync(`${tmp.dir}/.vscode-test/vscode-linux-x64-1.90.0`, { recursive: true });
  assert.ok('skip' in findVSCode(tmp.dir, { DISPLAY: ':0' }, 'linux'));
});

test('a completed download in .vscode-test/ or an existing VSCODE_EXECUTABLE_PATH is used', () => {
  writeFileSync(`${tmp.dir}/.vscode-test/vscode-linux-x64-1.90.0/is-complete`, '');
  assert.deepEqual(findVSCode(tmp.dir, { DISPLAY: ':0' }, 'linux'), { path: `${tmp.dir}/.vscode-test/vscode-linux-x64-1.90.0/code` });
  writeFileSync(`${tmp.dir}/code`, '');
  assert.deepEqual(findVSCode('/nowhere', { VSCODE_EXECUTABLE_PATH: `${tmp.dir}/code`, DISPLAY: ':0' }, 'linux'), { path: `${tmp.dir}/code` });
  assert.ok('skip' in findVSCode('/nowhere', { VSCODE_EXECUTABLE_PATH: '/nowhere/code', DISPLAY: ':0' }, 'linux'));
  assert.ok('skip' in findVSCode(tmp.dir, {}, 'linux'), 'Linux without a display');
});
