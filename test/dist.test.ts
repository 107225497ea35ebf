// The bundle runs on its own: dist/cli.js plus the .wasm files in dist/webview/, no node_modules anywhere near.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { after, test } from 'node:test';
import type { AuditReport } from '../src/core/report/types';
import { readFileSync } from 'node:fs';
import { ROOT } from './helpers/cli';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-dist-');
after(() => tmp.cleanup());

test('dist/cli.js audits with the wasm backend from a folder without node_modules', async () => {
  await tf.setBackend('cpu');
  copyFileSync(`${ROOT}/dist/cli.js`, `${tmp.dir}/cli.js`);
  // The build's one copy of the wasm binaries, which the webview engine shares.
  mkdirSync(`${tmp.dir}/webview`);
  for (const f of readdirSync(`${ROOT}/dist/webview`).filter((f) => f.endsWith('.wasm'))) {
    copyFileSync(`${ROOT}/dist/webview/${f}`, `${tmp.dir}/webview/${f}`);
  }
  const model = writeModel(`${tmp.dir}/m`, await cnnArtifacts({ seed: 3, size: 8, channels: 1 }));
  const r = spawnSync(process.execPath, [`${tmp.dir}/cli.js`, 'audit', model, '-n', '4', '--json', `${tmp.dir}/r.json`, '-q'], {
    cwd: tmp.dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(readFileSync(`${tmp.dir}/r.json`, 'utf8')) as AuditReport;
  assert.match(report.backend, /^wasm/);
  assert.equal(report.tool.version, JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version);
});
