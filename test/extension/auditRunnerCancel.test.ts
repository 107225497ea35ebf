// Cancelling an audit in the extension's runner ends its worker thread: whether the worker
// answers the cancel itself (between members) or is stuck in a member's predictions.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, mock, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { AuditEvent, AuditSpec } from '../../src/core/audit/spec';
import { AuditCancelled, AuditRunner } from '../../src/extension/auditRunner';
import { ROOT } from '../helpers/cli';
import { cnnArtifacts, tempDir, writeModel } from '../helpers/modelFixtures';
import { cancelSource } from './cancelSource';

const tmp = tempDir('equilens-runner-cancel-');
let spec: AuditSpec;
before(async () => {
  await tf.setBackend('cpu');
  for (const seed of [1, 2, 3]) writeModel(`${tmp.dir}/ens/member-${seed}`, await cnnArtifacts({ seed, size: 8, channels: 1 }));
  spec = { targets: [`${tmp.dir}/ens`], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 };
});
after(() => tmp.cleanup());
afterEach(() => mock.restoreAll());

/** Records every worker the runner terminates, and when each thread really exited. */
function watchWorkers(): { exits: Promise<number>[] } {
  const exits: Promise<number>[] = [];
  const terminate = Worker.prototype.terminate;
  mock.method(Worker.prototype, 'terminate', function (this: Worker) {
    const t0 = performance.now();
    exits.push(new Promise((resolve) => this.once('exit', () => resolve(performance.now() - t0))));
    return terminate.call(this);
  });
  return { exits };
}

async function cancelled(run: Promise<unknown>): Promise<void> {
  await assert.rejects(run, AuditCancelled);
}

test('cancelled between members: the worker answers, is terminated, and its thread exits', async () => {
  const watch = watchWorkers();
  const c = cancelSource();
  const members: number[] = [];
  const onEvent = (e: AuditEvent) => {
    if (e.kind !== 'member') return;
    members.push(e.index);
    c.cancel();
  };
  // Members big enough (256 probes) that the cancel arrives before the last one ends, even on a busy machine.
  await cancelled(new AuditRunner(join(ROOT, 'dist', 'worker.js'), 60_000).run({ ...spec, probesCount: 256 }, { backend: 'cpu', allowNative: false, token: c.token, onEvent }));
  // The cancel reaches the worker while it may already be running member 2; member 3 never runs.
  assert.ok(members.length >= 1 && members.length < 3, `members done: ${members.join(', ')}`);
  assert.equal(watch.exits.length, 1);
  assert.ok((await watch.exits[0]!) < 5_000);
});

test('cancelled while a member predicts: after the grace period the thread is terminated', async () => {
  const watch = watchWorkers();
  const c = cancelSource();
  const t0 = performance.now();
  const run = new AuditRunner(join(ROOT, 'dist', 'worker.js'), 200).run(
    { ...spec, probesCount: 20_000 },
    {
      backend: 'cpu',
      allowNative: false,
      token: c.token,
      onEvent: (e) => e.kind === 'started' && c.cancel(),
    },
  );
  await cancelled(run);
  assert.ok(performance.now() - t0 < 20_000);
  assert.equal(watch.exits.length, 1);
  assert.ok((await watch.exits[0]!) < 5_000);
});
