// The @vscode/test-electron suite, when a desktop VS Code is at hand; reported as skipped (with the
// reason) when none is, since this must never try to download one.
import { join } from 'node:path';
import { test } from 'node:test';
import { findVSCode } from './findVSCode';

test('desktop VS Code (test-electron): commands registered, CodeLens by content, an audit in the worker', { timeout: 300_000 }, async (t) => {
  const found = findVSCode(join(__dirname, '..', '..'));
  if ('skip' in found) return t.skip(found.skip);
  // Loaded only when it will run: it pulls in tfjs, esbuild and test-electron.
  const { runElectronSuite } = await import('./run');
  await runElectronSuite(found.path);
});
