// equilens.workers (issue 14.1): the extension's audit worker evaluates members in that many pool
// threads, like the CLI's --workers; only the user's (machine-scoped) value counts; the report is
// the serial one apart from timing. The runner part drives dist/worker.js (built by `npm test` first).
import '../helpers/fakeVscode';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { AuditEvent, AuditSpec } from '../../src/core/audit/spec';
import type { AuditReport } from '../../src/core/report/types';
import { AuditCancelled, AuditRunner } from '../../src/extension/auditRunner';
import { readComputeSettings } from '../../src/extension/computeSettings';
import { ROOT } from '../helpers/cli';
import { fake } from '../helpers/fakeVscode';
import { cnnArtifacts, tempDir, writeModel } from '../helpers/modelFixtures';
import { cancelSource } from './cancelSource';

const tmp = tempDir('equilens-workers-setting-');
let spec: AuditSpec;

before(async () => {
  await tf.setBackend('cpu');
  for (const seed of [1, 2, 3]) writeModel(`${tmp.dir}/ens/member-${seed}`, await cnnArtifacts({ seed, size: 8 }));
  spec = { targets: [`${tmp.dir}/ens`], group: 'c4', output: 'invariant', probesCount: 5, seed: 3, pictures: 2, displayBase: tmp.dir };
});
after(() => tmp.cleanup());

beforeEach(() => {
  fake.folders = [];
  fake.settings = { '': {} };
  fake.user = {};
  fake.trusted = true;
});

test("equilens.workers: the user's positive integer; unset, invalid or set by a workspace is the default (undefined: every core)", () => {
  assert.equal(readComputeSettings().workers, undefined);
  fake.user = { 'equilens.workers': 3 };
  assert.equal(readComputeSettings().workers, 3);
  fake.user = { 'equilens.workers': 1 };
  assert.equal(readComputeSettings().workers, 1);
  for (const bad of [0, -2, 2.5, '4', null]) {
    fake.user = { 'equilens.workers': bad };
    assert.equal(readComputeSettings().workers, undefined, String(bad));
  }
  // A repository's .vscode/settings.json cannot start threads on the user's machine.
  fake.user = {};
  fake.settings = { '': { 'equilens.workers': 16 } };
  assert.equal(readComputeSettings().workers, undefined);
});

/** The report with what differs between runs of the same audit (clock, date) taken out. */
function timeless(r: AuditReport): unknown {
  return { ...r, createdAt: '', timing: {} };
}

async function audit(workers: number): Promise<{ report: AuditReport; progress: number[] }> {
  const runner = new AuditRunner(join(ROOT, 'dist', 'worker.js'), 300);
  const progress: number[] = [];
  const onEvent = (e: AuditEvent) => e.kind === 'progress' && progress.push(e.done);
  const report = await runner.run(spec, { backend: 'wasm', allowNative: false, workers, onEvent });
  return { report, progress };
}

test('the audit worker with equilens.workers 2 gives the serial report; members came from pool threads', async () => {
  const serial = await audit(1);
  const pooled = await audit(2);
  assert.deepEqual(timeless(pooled.report), timeless(serial.report));
  assert.equal(pooled.report.members.length, 3);
  assert.equal(pooled.report.pictures?.length, 2);
  // In this thread a member reports each group element; from a pool thread it arrives whole.
  assert.deepEqual(
    serial.progress,
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
  assert.deepEqual(pooled.progress, [4, 8, 12]);
});

test('cancelling an audit whose members run in pool threads is a quiet stop (AuditCancelled), not a member error', async () => {
  const c = cancelSource();
  const runner = new AuditRunner(join(ROOT, 'dist', 'worker.js'), 60_000);
  const run = runner.run({ ...spec, probesCount: 256 }, { backend: 'cpu', allowNative: false, workers: 2, token: c.token, onEvent: (e) => e.kind === 'member' && c.cancel() });
  await assert.rejects(run, AuditCancelled);
});
