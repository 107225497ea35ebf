// The audit worker (dist/worker.js, built by `npm test` first) driven by the extension's runner,
// outside VS Code: events in order, the CLI's one-line errors, cancellation, and two audits at once.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { AuditEvent, AuditSpec } from '../../src/core/audit/spec';
import { AuditCancelled, AuditFailed, AuditRunner } from '../../src/extension/auditRunner';
import { cli, ROOT } from '../helpers/cli';
import { cnnArtifacts, tempDir, writeModel } from '../helpers/modelFixtures';
import { cancelSource } from './cancelSource';

const tmp = tempDir('equilens-runner-');
const runner = new AuditRunner(join(ROOT, 'dist', 'worker.js'), 300);
let spec: AuditSpec;

before(async () => {
  await tf.setBackend('cpu');
  for (const seed of [1, 2]) writeModel(`${tmp.dir}/ens/member-${seed}`, await cnnArtifacts({ seed, size: 8, channels: 1 }));
  writeFileSync(`${tmp.dir}/notes.json`, '{"lr": 0.01}');
  spec = { targets: [`${tmp.dir}/ens`], group: 'c4', output: 'invariant', probesCount: 4, seed: 0, pictures: 3, displayBase: tmp.dir };
});
after(() => tmp.cleanup());

test('an ensemble audit streams started, progress, each member, then finished with the report', async () => {
  const events: AuditEvent[] = [];
  let backend = '';
  const report = await runner.run(spec, { backend: 'wasm', allowNative: false, onEvent: (e) => events.push(e), onBackend: (d) => (backend = d) });
  assert.match(backend, /^wasm/);
  assert.equal(report.backend, backend);
  const kinds = events.map((e) => e.kind).filter((k) => k !== 'progress');
  assert.deepEqual(kinds, ['started', 'member', 'member', 'finished']);
  const last = events.filter((e) => e.kind === 'progress').pop();
  assert.deepEqual(last && [last.done, last.total], [8, 8]);
  assert.deepEqual(
    report.members.map((m) => m.path),
    ['ens/member-1/model.json', 'ens/member-2/model.json'],
  );
  assert.equal(report.pictures?.length, 3);
  assert.ok(report.ensemble);
});

test("a failed audit carries the CLI's one line (without 'equilens: '), flagged as bad input", async () => {
  const bad = { ...spec, targets: [`${tmp.dir}/notes.json`] };
  const err = await runner.run(bad, { backend: 'cpu', allowNative: false }).then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof AuditFailed);
  assert.equal(err.inputError, true);
  const fromCli = cli(['audit', `${tmp.dir}/notes.json`, '-q']);
  assert.equal(fromCli.code, 2);
  assert.equal(`equilens: ${err.message}\n`, fromCli.stderr);
});

test('two audits at once: cancelling one leaves the other to finish', async () => {
  const c = cancelSource();
  const t0 = performance.now();
  const long = runner.run({ ...spec, probesCount: 4096 }, { backend: 'cpu', allowNative: false, token: c.token, onEvent: (e) => e.kind === 'started' && c.cancel() });
  const short = runner.run(spec, { backend: 'wasm', allowNative: false });
  await assert.rejects(long, AuditCancelled);
  assert.ok(performance.now() - t0 < 30_000);
  assert.equal((await short).members.length, 2);
});

test('a token cancelled before the start starts nothing', async () => {
  const c = cancelSource();
  c.cancel();
  await assert.rejects(runner.run(spec, { backend: 'cpu', allowNative: false, token: c.token }), AuditCancelled);
});
