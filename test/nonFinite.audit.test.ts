// NaN/Infinity in a member's weights or outputs are findings, not crashes: the member is left
// out of the statistics, named, and the others give exactly the report they give alone.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { AuditEvent, AuditSpec } from '../src/core/audit/spec';
import { runAudit } from '../src/core/audit/runAudit';
import { EquiLensError } from '../src/core/errors';
import type { AuditReport } from '../src/core/report/types';
import { nodeFiles } from '../src/node/nodeFiles';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-nonfinite-');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'report.schema.json'), 'utf8')));
const host = { fs: nodeFiles, backend: 'cpu' };
const spec = (targets: string[]): AuditSpec => ({ targets, group: 'c4', output: 'invariant', probesCount: 4, seed: 0, displayBase: tmp.dir });
// 4 probes × 4 rotations × 3 classes.
const VALUES = 48;

/** A member whose first conv kernel weight (of 36) is `value`. */
async function member(dir: string, seed: number, value?: number): Promise<string> {
  const art = await cnnArtifacts({ seed, size: 8, channels: 1 });
  if (value !== undefined) new Float32Array(art.weightData as ArrayBuffer)[0] = value;
  return writeModel(`${tmp.dir}/${dir}`, art);
}

let good1 = '';
let good3 = '';
before(async () => {
  await tf.setBackend('cpu');
  good1 = await member('ens/member-1', 1);
  await member('ens/member-2', 2, Number.NaN);
  good3 = await member('ens/member-3', 3);
  await member('bad-first/member-1', 4, Number.POSITIVE_INFINITY);
  await member('bad-first/member-2', 5);
  await member('all-bad/member-a', 6, Number.NaN);
  await member('all-bad/member-b', 7, Number.NEGATIVE_INFINITY);
});
after(() => tmp.cleanup());

/** The report's numbers: everything but when it was made, how long it took and the findings. */
function numbers(r: AuditReport): unknown {
  const { createdAt: _c, timing: _t, findings: _f, ...rest } = r;
  return rest;
}

test('a NaN member is left out: the other two give exactly the report they give alone', async () => {
  const events: AuditEvent[] = [];
  const before = tf.memory().numTensors;
  const r = await runAudit(spec([`${tmp.dir}/ens`]), { ...host, onEvent: (e) => events.push(e) });
  assert.equal(tf.memory().numTensors, before);
  const alone = await runAudit(spec([good1, good3]), host);
  assert.deepEqual(
    r.members.map((m) => m.path),
    ['ens/member-1/model.json', 'ens/member-3/model.json'],
  );
  assert.equal(r.ensemble?.size, 2);
  assert.deepEqual(numbers(r), numbers(alone));
  assert.ok(Number.isFinite(r.ensemble.relError) && Number.isFinite(r.ensemble.floor!), 'statistics are numbers, not NaN');
  const kernel = /^1 weight holds NaN or Infinity: '[\w/]+kernel' \(1 of 36 values\)$/;
  const found = r.findings.filter((f) => f.member);
  assert.deepEqual(
    found.map((f) => [f.kind, f.severity, f.member, f.layer]),
    [
      ['non-finite-weights', 'warning', 'ens/member-2/model.json', undefined],
      ['non-finite-output', 'error', 'ens/member-2/model.json', undefined],
    ],
  );
  assert.match(found[0]!.evidence, kernel);
  assert.equal(found[1]!.evidence, `${VALUES} of ${VALUES} output values are NaN or Infinity; the member is left out of the statistics`);
  assert.equal(found[1]!.title, 'Outputs contain NaN or Infinity');
  // The progressive view gets the good members at their places in the started list.
  assert.deepEqual(
    events.filter((e) => e.kind === 'member').map((e) => e.kind === 'member' && e.index),
    [0, 2],
  );
  assert.ok(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors));
});

test('an Infinity first member: the output kind comes from the next one', async () => {
  const r = await runAudit(spec([`${tmp.dir}/bad-first`]), host);
  assert.deepEqual(
    r.members.map((m) => m.path),
    ['bad-first/member-2/model.json'],
  );
  assert.equal(r.ensemble, null);
  assert.equal(r.outputKind, 'probabilities');
  assert.deepEqual(
    r.findings.map((f) => f.kind),
    ['non-finite-weights', 'non-finite-output'],
  );
  assert.ok(r.members[0]!.relError! > 0 && r.members[0]!.relError! < 1);
});

test('no member left: one line naming the folder (ensembles) or the model (one model), nothing leaked', async () => {
  const before = tf.memory().numTensors;
  await assert.rejects(runAudit(spec([`${tmp.dir}/all-bad`]), host), (e: unknown) => {
    assert.ok(e instanceof EquiLensError);
    assert.equal(e.file, `${tmp.dir}/all-bad`);
    // −Infinity times a positive pixel is −Infinity, which relu turns into 0: member-b is partly finite.
    assert.equal(e.problem, `outputs of all 2 members contain NaN or Infinity (member-a/model.json: ${VALUES} of ${VALUES} values, member-b/model.json: 36 of ${VALUES} values)`);
    return true;
  });
  const one = `${tmp.dir}/all-bad/member-a/model.json`;
  await assert.rejects(runAudit(spec([one]), host), new RegExp(`^EquiLensError: ${one}: outputs contain NaN or Infinity \\(${VALUES} of ${VALUES} values\\)$`));
  assert.equal(tf.memory().numTensors, before);
});
