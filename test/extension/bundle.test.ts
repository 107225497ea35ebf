// The extension host bundle stays small and free of tfjs: audits run only in dist/worker.js.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/cli';

test('dist/extension.js requires only vscode and Node built-ins, and holds no tfjs', () => {
  const code = readFileSync(join(ROOT, 'dist', 'extension.js'), 'utf8');
  // A require right after a quote is text, not a call (kept for when a bundled library carries
  // such strings, as ajv's schema compiler did before the validators were precompiled).
  const required = new Set([...code.matchAll(/(?<!['"`])require\("([^"]+)"\)/g)].map((m) => m[1]!));
  const allowed = new Set(['vscode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  assert.deepEqual(
    [...required].filter((r) => !allowed.has(r)),
    [],
  );
  // No tfjs module bundled (esbuild marks each module with its path); the native accelerators'
  // names may appear: the host only asks whether they resolve (src/node/native.ts).
  assert.doesNotMatch(code, /node_modules\/@tensorflow\/|registerKernel|tfjs-core/);
  // Minified, ~285 KB: EquiLens's own code and the precompiled config validator
  // (src/generated/configValidator.js, ~80 KB), which checks equilens.config.json exactly as
  // `equilens check` does; ajv's schema compiler is not bundled.
  assert.ok(code.length < 350_000, `${code.length} bytes`);
  assert.doesNotMatch(code, /new Ajv\b|schemaEnv/);
});
