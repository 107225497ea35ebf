// Aborting AuditHost.signal at several points: AuditCancelled, no report, every tensor freed.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AuditCancelled, runAudit } from '../src/core/audit/runAudit';
import type { AuditEvent, AuditSpec } from '../src/core/audit/spec';
import { nodeFiles } from '../src/node/nodeFiles';
import { cnnArtifacts, recordingFs, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-cancel-');
const spec: AuditSpec = { targets: [], group: 'c4', output: 'invariant', probesCount: 8, seed: 0 };

before(async () => {
  await tf.setBackend('cpu');
  for (const seed of [1, 2, 3]) writeModel(`${tmp.dir}/ens/member-${seed}`, await cnnArtifacts({ seed, size: 8, channels: 1 }));
  spec.targets = [`${tmp.dir}/ens`];
});
after(() => tmp.cleanup());

/** Runs an audit that aborts when `when` first returns true; returns what it saw. */
async function cancelAt(when: (e: AuditEvent) => boolean): Promise<{ events: AuditEvent[]; leaked: number }> {
  const before = tf.memory().numTensors;
  const abort = new AbortController();
  const events: AuditEvent[] = [];
  const onEvent = (e: AuditEvent) => {
    events.push(e);
    if (when(e)) abort.abort();
  };
  await assert.rejects(runAudit(spec, { fs: nodeFiles, backend: 'cpu', signal: abort.signal, onEvent }), AuditCancelled);
  assert.ok(!events.some((e) => e.kind === 'finished'), 'no report');
  return { events, leaked: tf.memory().numTensors - before };
}

const members = (events: AuditEvent[]) => events.filter((e) => e.kind === 'member').length;

test('aborted before the start: nothing is read, no event', async () => {
  const abort = new AbortController();
  abort.abort();
  const fs = recordingFs(nodeFiles);
  const events: AuditEvent[] = [];
  await assert.rejects(runAudit(spec, { fs, backend: 'cpu', signal: abort.signal, onEvent: (e) => events.push(e) }), AuditCancelled);
  assert.deepEqual(fs.reads, []);
  assert.deepEqual(events, []);
});

test('aborted when the audit starts: no member runs', async () => {
  const r = await cancelAt((e) => e.kind === 'started');
  assert.equal(members(r.events), 0);
  assert.equal(r.events.filter((e) => e.kind === 'progress').length, 0);
  assert.equal(r.leaked, 0);
});

test('aborted after the first member: members 2 and 3 never run', async () => {
  const r = await cancelAt((e) => e.kind === 'member' && e.index === 0);
  assert.equal(members(r.events), 1);
  // 4 group elements of member 1 only.
  assert.deepEqual(
    r.events.filter((e) => e.kind === 'progress').map((e) => e.kind === 'progress' && e.done),
    [1, 2, 3, 4],
  );
  assert.equal(r.leaked, 0);
});

test('aborted during the last member: it finishes its predictions, then no statistics, no report', async () => {
  const r = await cancelAt((e) => e.kind === 'progress' && e.member === 2 && e.done === 10);
  assert.equal(members(r.events), 3);
  assert.equal(r.leaked, 0);
});
