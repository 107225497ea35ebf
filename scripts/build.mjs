// Bundles the CLI and the extension host entry with esbuild and copies the wasm backend's
// binaries next to them, so dist/ runs without node_modules.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { validatorSources } from './validators.mjs';

const watch = process.argv.includes('--watch');
// Unchanged files keep their time stamps (watchers, tsc --incremental).
const writeIfChanged = (file, text) => (existsSync(file) && readFileSync(file, 'utf8') === text) || writeFileSync(file, text);
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = {
  define: { __EQUILENS_VERSION__: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  // The ESM builds: their package.json sideEffects lists keep tfjs's kernel registrations.
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Optional native accelerators and the ONNX engines: required (onnxruntime-web: imported by URL in the
  // webview, src/webview/compute/webOnnx.ts) at run time when installed, never bundled.
  external: ['vscode', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'onnxruntime-node', 'onnxruntime-web'],
};

mkdirSync('dist/webview', { recursive: true });
const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
// One copy, next to the webview engine, which fetches them; the Node bundles (CLI, workers) read the
// same files (src/node/backend.ts). Not the threaded build: neither side enables wasm threads.
for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) copyFileSync(`${wasmDir}/${f}`, `dist/webview/${f}`);
// Copies an earlier build left in dist/: gone, so nothing reads a stale binary.
for (const f of readdirSync('dist').filter((f) => f.endsWith('.wasm'))) rmSync(`dist/${f}`);
rmSync('dist/webview/tfjs-backend-wasm-threaded-simd.wasm', { force: true });
// The schema validators, precompiled (ajv standalone) before the bundles import them.
for (const [file, code] of Object.entries(await validatorSources())) writeIfChanged(file, code + '\n');

const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The VSIX's two Node bundles, minified (loaded at activation / each audit); keepNames keeps class and
  // function names in the stacks the log channel records.
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', minify: true, keepNames: true },
  // The audit runs here, in a worker thread, so the extension host never freezes.
  { entryPoints: ['src/worker/auditWorker.ts'], outfile: 'dist/worker.js', minify: true, keepNames: true },
  // Member-parallel workers (--workers, equilens.workers): one engine per thread, started by
  // src/node/pool/auditPool.ts from the CLI and from dist/worker.js; in the VSIX too, so minified.
  { entryPoints: ['src/node/pool/poolWorker.ts'], outfile: 'dist/poolWorker.js', minify: true, keepNames: true },
  // ESM for the webview: tfjs's UMD build uses Function(...), which a strict CSP blocks.
  // The webview imports it only when an audit runs there (equilens.compute); minified, it is ~2 MB.
  { entryPoints: ['src/webview/engine.ts'], outfile: 'dist/webview/engine.js', platform: 'browser', format: 'esm', target: 'es2022', mainFields: ['browser', 'module', 'main'], minify: true },
  // Minified: exported HTML reports inline this script.
  { entryPoints: ['src/webview/panel/main.ts'], outfile: 'dist/webview/panel.js', platform: 'browser', format: 'esm', target: 'es2022', mainFields: ['browser', 'module', 'main'], minify: true },
];
for (const e of entries) {
  if (watch) await (await esbuild.context({ ...common, ...e })).watch();
  else await esbuild.build({ ...common, ...e });
}
