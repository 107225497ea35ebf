// Issue 14 point 1, memory: with --workers, members after the first are loaded only in their
// worker, which also runs their per-layer floors and Lie derivative; the main thread reads their
// JSON (discovery) and gets what their load saw (weight scans for shared-checkpoint, NaN weights),
// their evaluation and those parts, folded in member order. The report still equals the serial one.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { AuditHost, AuditSpec } from '../src/core/audit/spec';
import type { OnnxEngine } from '../src/core/load/onnx/engine';
import type { AuditReport } from '../src/core/report/types';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { livePoolWorkers, runAuditPool } from '../src/node/pool/auditPool';
import { cnnArtifacts, makeCnn, recordingFs, tempDir, writeModel } from './helpers/modelFixtures';
import { cnnToOnnx, NO_RUNTIME } from './helpers/onnxWriter';

const tmp = tempDir('equilens-workers-remote-');
const engine = { backend: 'wasm' as const };
let backend = '';

before(async () => {
  await tf.setBackend('cpu');
  // Member 2 has a NaN weight (a finding; its outputs are NaN, so it is left out); members 3 and 4
  // are copies (duplicate-members, from the weight scans); member 5 is its own.
  const art = (seed: number) => cnnArtifacts({ seed, size: 8, channels: 1 });
  writeModel(`${tmp.dir}/tfjs/member-1`, await art(1));
  const nan = await art(2);
  new Float32Array(nan.weightData as ArrayBuffer)[0] = Number.NaN;
  writeModel(`${tmp.dir}/tfjs/member-2`, nan);
  writeModel(`${tmp.dir}/tfjs/member-3`, await art(3));
  cpSync(`${tmp.dir}/tfjs/member-3`, `${tmp.dir}/tfjs/member-4`, { recursive: true });
  writeModel(`${tmp.dir}/tfjs/member-5`, await art(5));
  for (const seed of [1, 2, 3, 4]) {
    const model = makeCnn({ seed, size: 8 });
    writeFileSync(`${tmp.dir}/onnx-m${seed}.onnx`, cnnToOnnx(model));
    model.dispose();
  }
  backend = (await initBackend('wasm')).description;
});
after(() => tmp.cleanup());

const spec = (targets: string[], extra: Partial<AuditSpec> = {}): AuditSpec => ({ targets, group: 'c4', output: 'invariant', probesCount: 6, seed: 2, displayBase: tmp.dir, ...extra });

/** The report without what differs between any two runs (when, and how long: the Lie derivative's seconds too). */
function stable(r: AuditReport): string {
  return JSON.stringify({ ...r, createdAt: '', timing: {}, ...(r.lie && { lie: { ...r.lie, seconds: 0 } }) });
}

test("TF.js members, per-layer floors off: 2 and 3 workers give the serial report; the main thread reads only the first member's weights", async () => {
  const s = spec([`${tmp.dir}/tfjs`], { localise: false, engine: 'tfjs' });
  const serial = await runAuditPool(s, { fs: nodeFiles, backend }, engine, 1);
  // The findings this test is about come out of the serial run (else equality would prove little).
  const kinds = serial.findings.map((f) => f.kind);
  for (const k of ['non-finite-weights', 'duplicate-members']) assert.ok(kinds.includes(k as never), `${k} in ${kinds.join(', ')}`);
  assert.equal(serial.members.length, 4, 'the NaN member is left out');
  for (const workers of [2, 3]) {
    const fs = recordingFs(nodeFiles);
    const parallel = await runAuditPool(s, { fs, backend }, engine, workers);
    assert.equal(stable(parallel), stable(serial), `${workers} workers`);
    const weights = fs.reads.filter((p) => p.endsWith('.bin')).map((p) => p.slice(tmp.dir.length + 1));
    assert.deepEqual(weights, ['tfjs/member-1/group1-shard1of1.bin']);
    assert.equal(livePoolWorkers(), 0);
  }
});

for (const [what, extra] of [
  ['per-layer floors', {}],
  ['per-layer floors and --lie', { lie: true }],
] as const) {
  test(`TF.js members with ${what}: 2 workers compute them where each member is loaded; the serial report; the main thread reads only the first member's weights`, async () => {
    const s = spec([`${tmp.dir}/tfjs`], { engine: 'tfjs', ...extra });
    const serial = await runAuditPool(s, { fs: nodeFiles, backend }, engine, 1);
    // What this test is about is in the serial report: floors per layer, and the Lie derivative's per-layer values.
    assert.ok(serial.layers && serial.layers.filter((l) => l.floor !== null).length >= 2, 'per-layer floors computed');
    if ('lie' in extra) assert.ok(serial.lie && serial.lie.members.length === 4 && serial.lie.layers && serial.lie.layers.some((l) => l.ensemble !== null));
    const fs = recordingFs(nodeFiles);
    const parallel = await runAuditPool(s, { fs, backend }, engine, 2);
    assert.equal(stable(parallel), stable(serial));
    const weights = fs.reads.filter((p) => p.endsWith('.bin')).map((p) => p.slice(tmp.dir.length + 1));
    assert.deepEqual(weights, ['tfjs/member-1/group1-shard1of1.bin']);
    assert.equal(livePoolWorkers(), 0);
  });
}

test("ONNX members with 2 workers: the serial report, and the main thread opens one onnxruntime session (the first member's)", { skip: NO_RUNTIME }, async () => {
  const targets = [1, 2, 3, 4].map((seed) => `${tmp.dir}/onnx-m${seed}.onnx`);
  const counting = (): OnnxEngine & { loads: string[] } => {
    const inner = nodeOnnxEngine();
    const loads: string[] = [];
    return { ...inner, loads, load: (bytes, path) => (loads.push(path), inner.load(bytes, path)) };
  };
  const one = counting();
  // --lie: its end-to-end evaluations run in the workers too (ONNX members have no per-layer values).
  const serial = await runAuditPool(spec(targets, { lie: true }), { fs: nodeFiles, backend, onnx: one }, engine, 1);
  assert.equal(one.loads.length, 4);
  assert.equal(serial.lie?.members.length, 4);
  const two = counting();
  const host: AuditHost = { fs: nodeFiles, backend, onnx: two };
  const parallel = await runAuditPool(spec(targets, { lie: true }), host, engine, 2);
  assert.equal(stable(parallel), stable(serial));
  assert.deepEqual(
    two.loads.map((p) => p.slice(tmp.dir.length + 1)),
    ['onnx-m1.onnx'],
  );
  assert.equal(livePoolWorkers(), 0);
});
