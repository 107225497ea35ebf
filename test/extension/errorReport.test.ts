// The EquiLens log channel: an unexpected error's stack reaches the log (not dropped), and the
// notification offers Show Log, which opens the log.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import type { AuditSpec } from '../../src/core/audit/spec';
import { AuditCancelled, AuditFailed, AuditRunner } from '../../src/extension/auditRunner';
import { errorDetail, guardCommand, reportUnexpected, SHOW_LOG } from '../../src/extension/errorReport';
import { tempDir } from '../helpers/modelFixtures';

/** A log and a notification that answers `pick`, recording what they were given. */
function fakes(pick: string | undefined) {
  const seen = { errors: [] as string[], shown: 0, notes: [] as { message: string; items: string[] }[] };
  const log = {
    error: (m: string) => void seen.errors.push(m),
    show: () => {
      seen.shown++;
    },
  };
  const notify = async (message: string, ...items: string[]) => {
    seen.notes.push({ message, items });
    return pick;
  };
  return { seen, log, notify };
}

function thrower(): never {
  throw new TypeError('cannot read properties of undefined (reading "shape")');
}

test('an unexpected error: its stack in the log, one line with Show Log in the notification; Show Log opens the log', async () => {
  const { seen, log, notify } = fakes(SHOW_LOG);
  let error: unknown;
  try {
    thrower();
  } catch (e) {
    error = e;
  }
  await reportUnexpected(log, notify, 'equilens.auditModel', error);
  assert.equal(seen.errors.length, 1);
  assert.match(seen.errors[0]!, /^equilens\.auditModel failed: TypeError: cannot read properties of undefined \(reading "shape"\)\n\s+at thrower /);
  assert.deepEqual(seen.notes, [{ message: 'EquiLens: equilens.auditModel failed: cannot read properties of undefined (reading "shape")', items: [SHOW_LOG] }]);
  assert.equal(seen.shown, 1);
});

test('a dismissed notification leaves the log closed', async () => {
  const { seen, log, notify } = fakes(undefined);
  await reportUnexpected(log, notify, 'x', new Error('boom'));
  assert.equal(seen.shown, 0);
  assert.match(seen.errors[0]!, /x failed: Error: boom\n\s+at /);
});

test("a worker's internal error keeps the worker's stack (AuditFailed.detail) next to the host's; non-errors are logged as text", () => {
  const e = new AuditFailed('internal error: boom (please report this)', false, 'Error: boom\n    at runAudit (worker.js:1:2)');
  assert.match(errorDetail(e), /^AuditFailed: internal error: boom \(please report this\)\n[\s\S]*\nError: boom\n {4}at runAudit \(worker\.js:1:2\)$/);
  assert.equal(errorDetail('plain string'), 'plain string');
});

test('guardCommand: passes results through, reports what a command throws, stays quiet on cancellation', async () => {
  const { seen, log, notify } = fakes(undefined);
  const quiet = (e: unknown) => e instanceof AuditCancelled;
  assert.equal(await guardCommand('ok', (a: number) => a * 2, { log, notify, quiet })(21), 42);
  assert.equal(
    await guardCommand(
      'cancelled',
      async () => {
        throw new AuditCancelled();
      },
      { log, notify, quiet },
    )(),
    undefined,
  );
  assert.deepEqual(seen.errors, []);
  await guardCommand(
    'equilens.exportReport',
    async () => {
      throw new RangeError('bad');
    },
    { log, notify, quiet },
  )();
  await new Promise((r) => setImmediate(r));
  assert.equal(seen.errors.length, 1);
  assert.match(seen.errors[0]!, /^equilens\.exportReport failed: RangeError: bad\n\s+at /);
  assert.deepEqual(
    seen.notes.map((n) => n.items),
    [[SHOW_LOG]],
  );
});

test("the runner keeps an internal error's stack from the worker (AuditFailed.detail), and a crashed worker's", async () => {
  const tmp = tempDir('equilens-errlog-');
  try {
    const posting = `${tmp.dir}/posting.js`;
    writeFileSync(
      posting,
      `require('node:worker_threads').parentPort.on('message', (m) => { if (m.kind === 'run') require('node:worker_threads').parentPort.postMessage({ kind: 'failed', message: 'internal error: boom (please report this)', inputError: false, stack: 'Error: boom\\n    at evaluateMember (worker.js:7:3)' }); });`,
    );
    const crashing = `${tmp.dir}/crashing.js`;
    writeFileSync(crashing, `require('node:worker_threads').parentPort.on('message', function onRun() { throw new RangeError('out of range'); });`);
    const run = (file: string) =>
      new AuditRunner(file).run({} as AuditSpec, { backend: 'cpu', allowNative: false }).then(
        () => assert.fail('resolved'),
        (e: unknown) => e,
      );
    const posted = await run(posting);
    assert.ok(posted instanceof AuditFailed && !posted.inputError);
    assert.equal(posted.detail, 'Error: boom\n    at evaluateMember (worker.js:7:3)');
    assert.match(errorDetail(posted), /at evaluateMember \(worker\.js:7:3\)$/);
    const crashed = await run(crashing);
    assert.ok(crashed instanceof AuditFailed);
    assert.match(crashed.message, /^internal error: out of range \(please report this\)$/);
    assert.match(crashed.detail ?? '', /RangeError: out of range\n\s+at MessagePort\.onRun/);
  } finally {
    tmp.cleanup();
  }
});
