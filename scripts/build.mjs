// Bundles the CLI and the extension host entry with esbuild and copies the wasm backend's
// binaries next to them, so dist/ runs without node_modules.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
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
  // Optional native accelerators and the ONNX engine: required at run time when installed, never bundled.
  external: ['vscode', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'onnxruntime-node'],
};

mkdirSync('dist/webview', { recursive: true });
const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
// Next to the Node bundles (CLI, worker) and next to the webview engine, which fetches them.
for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) {
  copyFileSync(`${wasmDir}/${f}`, `dist/${f}`);
  copyFileSync(`${wasmDir}/${f}`, `dist/webview/${f}`);
}

const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  // The audit runs here, in a worker thread, so the extension host never freezes.
  { entryPoints: ['src/worker/auditWorker.ts'], outfile: 'dist/worker.js' },
  // Member-parallel workers (--workers): one tfjs engine per thread, started by src/node/pool/auditPool.ts.
  { entryPoints: ['src/node/pool/poolWorker.ts'], outfile: 'dist/poolWorker.js' },
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
