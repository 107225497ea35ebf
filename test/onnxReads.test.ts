// Issue 14 point 1, ONNX members: each .onnx file is read once per audit per thread, never with
// every member's bytes held at once. Discovery reads every member's structure (it must, before
// anything loads); only the first member's bytes are kept from there to its load. A pool worker
// gets the structures with its job and reads each of its members once, to load it. Proven with a
// counting FileSystem (recordingFs).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { auditMembers, runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import { discoverMembers, readModelJson } from '../src/core/load';
import { heldOnnx, onnxGraphs, onnxOnce, readOnnx } from '../src/core/load/onnx/onnxFile';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { livePoolWorkers, runAuditPool } from '../src/node/pool/auditPool';
import { makeCnn, recordingFs, tempDir } from './helpers/modelFixtures';
import { cnnToOnnx, NO_RUNTIME } from './helpers/onnxWriter';

const tmp = tempDir('equilens-onnx-reads-');
// readDir lists m10, m11, m9; natural order (the members' order) is m9, m10, m11.
const NAMES = ['m9.onnx', 'm10.onnx', 'm11.onnx'];
let backend = '';

before(async () => {
  await tf.setBackend('cpu');
  for (const [i, name] of NAMES.entries()) {
    const model = makeCnn({ seed: i + 1, size: 8 });
    writeFileSync(`${tmp.dir}/${name}`, cnnToOnnx(model));
    model.dispose();
  }
  backend = (await initBackend('wasm')).description;
});
after(() => tmp.cleanup());

const spec: AuditSpec = { targets: [tmp.dir], group: 'c4', output: 'invariant', probesCount: 4, seed: 1, displayBase: tmp.dir };

/** How many times each file was read, by name. */
function counts(reads: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of reads) {
    const name = p.slice(tmp.dir.length + 1);
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

test('discovery reads each .onnx once and keeps only the first member’s bytes, which its stand-in and its load then take without reading', async () => {
  const counting = recordingFs(nodeFiles);
  const fs = onnxOnce(counting);
  assert.equal(onnxOnce(fs), fs, 'an onnxOnce fs is not wrapped twice');
  const { members } = await discoverMembers(fs, [tmp.dir]);
  assert.deepEqual(
    members.map((m) => m.slice(tmp.dir.length + 1)),
    NAMES,
  );
  assert.deepEqual(counts(counting.reads), { 'm9.onnx': 1, 'm10.onnx': 1, 'm11.onnx': 1 });
  // m10 was read first, then m9 took its place: one file's bytes at a time.
  assert.equal(heldOnnx(fs), members[0]);
  // A second discovery (the pool's count, a worker's) and the first member's stand-in read nothing.
  await discoverMembers(fs, [tmp.dir]);
  assert.equal((await readModelJson(fs, members[0]!)).format, 'onnx');
  assert.equal(counting.reads.length, 3);
  const first = await readOnnx(fs, members[0]!);
  assert.ok(first.bytes.length > 0 && first.graph.nodes.length > 0);
  assert.equal(counting.reads.length, 3, 'the load took the kept bytes');
  assert.equal(heldOnnx(fs), null, 'handed over, not kept');
  // A later member loaded in this thread is read again for its bytes (keeping them all would break streaming).
  await readOnnx(fs, members[1]!);
  assert.deepEqual(counts(counting.reads), { 'm9.onnx': 1, 'm10.onnx': 2, 'm11.onnx': 1 });
});

test('a load of another member first (a shard without member 1) drops the kept bytes', async () => {
  const fs = onnxOnce(recordingFs(nodeFiles));
  const { members } = await discoverMembers(fs, [tmp.dir]);
  assert.equal(heldOnnx(fs), members[0]);
  await readOnnx(fs, members[2]!);
  assert.equal(heldOnnx(fs), null);
});

test('without onnxOnce nothing is kept (another audit, the editor’s scans): every call reads', async () => {
  const counting = recordingFs(nodeFiles);
  await discoverMembers(counting, [tmp.dir]);
  await discoverMembers(counting, [tmp.dir]);
  assert.equal(counting.reads.length, 6);
  assert.equal(heldOnnx(counting), null);
});

test('a serial audit: the first member is read once, the others twice (discovery, then the load)', { skip: NO_RUNTIME }, async () => {
  const counting = recordingFs(nodeFiles);
  const report = await runAudit(spec, { fs: counting, backend, onnx: nodeOnnxEngine() });
  assert.equal(report.members.length, 3);
  assert.deepEqual(counts(counting.reads), { 'm9.onnx': 1, 'm10.onnx': 2, 'm11.onnx': 2 });
});

test('2 workers: the main thread reads each .onnx once, a worker reads each of its members once and no other file', { skip: NO_RUNTIME }, async () => {
  const counting = recordingFs(nodeFiles);
  const onnx = nodeOnnxEngine();
  const serial = await runAudit(spec, { fs: nodeFiles, backend, onnx });
  const parallel = await runAuditPool(spec, { fs: counting, backend, onnx }, { backend: 'wasm' }, 2);
  assert.equal(JSON.stringify({ ...parallel, createdAt: '', timing: {} }), JSON.stringify({ ...serial, createdAt: '', timing: {} }));
  assert.deepEqual(counts(counting.reads), { 'm9.onnx': 1, 'm10.onnx': 1, 'm11.onnx': 1 });
  assert.equal(livePoolWorkers(), 0);
  // What worker 2 of 2 does (poolWorker.ts), in this thread so its reads can be counted: its
  // discovery finds the structures the main thread read, its one member (m10) is read to load it.
  const main = onnxOnce(nodeFiles);
  await discoverMembers(main, [tmp.dir]);
  const inWorker = recordingFs(nodeFiles);
  const evaluated: number[] = [];
  await auditMembers({ ...spec, pictures: 0 }, { fs: onnxOnce(inWorker, onnxGraphs(main)), backend, onnx }, { index: 2, count: 2 }, () => undefined, {
    onEvaluated: (i) => evaluated.push(i),
  });
  assert.deepEqual(evaluated, [1]);
  assert.deepEqual(counts(inWorker.reads), { 'm10.onnx': 1 });
});
