// The VSIX's file set (scripts/vsixFiles.mjs, used by `npm run package` and the E2E harness): what the
// extension runs, once. Needs a build (npm test builds first).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { after, test } from 'node:test';
import { copyExtension } from '../scripts/vsixFiles.mjs';
import { ROOT } from './helpers/cli';
import { tempDir } from './helpers/modelFixtures';

const tmp = tempDir('equilens-vsix-');
after(() => tmp.cleanup());

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

test('the VSIX holds the extension bundles minified, each wasm binary once, no CLI bundle and no source map', () => {
  copyExtension(ROOT, tmp.dir);
  const all = files(tmp.dir).map((f) => relative(tmp.dir, f).split('\\').join('/'));
  for (const needed of ['package.json', 'dist/extension.js', 'dist/worker.js', 'dist/webview/engine.js', 'dist/webview/panel.js', 'dist/webview/tfjs-backend-wasm-simd.wasm']) {
    assert.ok(all.includes(needed), `${needed} missing`);
  }
  assert.deepEqual(
    all.filter((f) => f === 'dist/cli.js' || f.endsWith('.map')),
    [],
  );
  const wasm = all.filter((f) => f.endsWith('.wasm'));
  assert.equal(new Set(wasm.map((f) => basename(f))).size, wasm.length, `a wasm binary twice: ${wasm.join(', ')}`);
  assert.deepEqual(
    wasm.filter((f) => f.includes('threaded')),
    [],
    'threads are never enabled: no threaded build',
  );
  // onnxruntime (node or web) is never shipped: the extension finds the user's install (src/extension/onnxWeb.ts).
  assert.deepEqual(
    all.filter((f) => /onnxruntime|(^|\/)ort[.-]/i.test(f)),
    [],
  );
  assert.ok(!readFileSync(join(tmp.dir, 'dist/webview/engine.js'), 'utf8').includes('Failed to load proxy worker'), 'onnxruntime-web is not bundled into the webview engine');
  // Minified: a few long lines, not one line per statement.
  for (const f of ['dist/extension.js', 'dist/worker.js']) {
    const lines = readFileSync(join(tmp.dir, f), 'utf8').split('\n').length;
    assert.ok(lines < 2_000, `${f} has ${lines} lines: not minified`);
  }
});
