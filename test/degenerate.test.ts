// degenerate-output (issue 12, point 6): an audited output that does not depend on the input is
// trivially symmetric, so EquiLens says it cannot judge instead of passing: a finding in every
// output, a verdict that is not a pass, `equilens check` thresholds that fail, and no fixes.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEGENERATE_RATIO, degenerateOutputFinding, lowVariationWarning, outputVariation } from '../src/core/audit/degenerate';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import { checkExitCode } from '../src/core/ci/exitCode';
import { renderSarif } from '../src/core/ci/sarif';
import { evaluateThresholds } from '../src/core/ci/thresholds';
import { renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import { NOT_MEASURABLE, notMeasurable } from '../src/core/report/measurable';
import { verdict } from '../src/core/report/rows';
import type { AuditReport } from '../src/core/report/types';
import type { Orbit } from '../src/core/stats/types';
import { nodeFiles } from '../src/node/nodeFiles';
import { fakeOutcome, fakeRun } from './helpers/checkFixtures';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-degenerate-');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'report.schema.json'), 'utf8')));
const host = { fs: nodeFiles, backend: 'cpu' };
const spec = (targets: string[]): AuditSpec => ({ targets, group: 'c4', output: 'invariant', probesCount: 4, seed: 0, displayBase: tmp.dir });

/**
 * makeCnn's weights in manifest order: conv kernel 3·3·1·4 = 36, conv bias 4, dense kernel 4·3 = 12,
 * dense bias 3. A zero dense kernel makes the output softmax(dense bias): the same for every input.
 */
async function member(dir: string, seed: number, constant: boolean): Promise<string> {
  const art = await cnnArtifacts({ seed, size: 8, channels: 1 });
  if (constant) new Float32Array(art.weightData as ArrayBuffer).fill(0, 40, 52);
  return writeModel(`${tmp.dir}/${dir}`, art);
}

let single = '';
before(async () => {
  await tf.setBackend('cpu');
  single = await member('constant', 1, true);
  await member('ens/member-1', 1, false);
  await member('ens/member-2', 2, true);
  await member('ens/member-3', 3, false);
  await member('flat/member-1', 4, true);
  await member('flat/member-2', 5, true);
});
after(() => tmp.cleanup());

/** An orbit of B probes × m elements × D outputs from moved values (expected = moved). */
function orbit(B: number, m: number, D: number, moved: number[]): Orbit {
  const v = Float32Array.from(moved);
  return { dims: { B, m, D }, moved: v, expected: v };
}

describe('outputVariation', () => {
  test('0 for a constant output and for all zeros; the exact ratio otherwise', () => {
    assert.equal(outputVariation(orbit(2, 2, 2, [3, -1, 3, -1, 3, -1, 3, -1])), 0);
    assert.equal(outputVariation(orbit(1, 2, 1, [0, 0])), 0);
    // One entry, values 1 and 3: mean 2, deviations ±1 → √(2/2) = 1 over RMS √((1 + 9)/2) = √5.
    assert.ok(Math.abs(outputVariation(orbit(1, 2, 1, [1, 3])) - Math.sqrt(2 / 10)) < 1e-12);
  });

  test('the finding names only the members below 1e-4, and none when every member varies', () => {
    const flat = orbit(2, 2, 1, [5, 5, 5, 5 * (1 + 1e-6)]);
    const lively = orbit(2, 2, 1, [1, 2, 3, 4]);
    assert.ok(outputVariation(flat) < DEGENERATE_RATIO);
    assert.equal(degenerateOutputFinding([lively, lively], ['a', 'b']), null);
    const some = degenerateOutputFinding([lively, flat, lively], ['a', 'b', 'c'])!;
    assert.deepEqual([some.kind, some.severity, some.members], ['degenerate-output', 'warning', ['b']]);
    assert.match(some.evidence, /^1 of 3 members \(b\) outputs a constant: .* their own numbers \(relError, OSP, DIV\) are not meaningful/);
  });

  test('an output that barely varies: relError is read against its variation, in a warning', () => {
    // variation √(0.5/ (4·…)): values 100, 100.1, 100, 100.1 → mean 100.05, RMS dev 0.05, RMS ≈ 100.05.
    const w = lowVariationWarning(orbit(2, 2, 1, [100, 100.1, 100, 100.1]), 0.0002)!;
    assert.match(w, /^the output varies little with the input \(0\.05% of its RMS across the probes\): relError 0\.02% is 40% of that variation/);
    assert.equal(lowVariationWarning(orbit(1, 2, 1, [1, 3]), 0.1), null, 'a lively output: no warning');
  });
});

describe('audits', () => {
  let one: AuditReport;
  before(async () => {
    one = await runAudit(spec([single]), host);
  });

  test('a constant-output model: degenerate-output, a verdict that is not a pass, no fixes, valid JSON', () => {
    const f = one.findings.filter((x) => x.kind === 'degenerate-output');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0]!.members, ['constant/model.json']);
    assert.match(f[0]!.evidence, /^the model's audited output varies by 0\.0e\+0 of its RMS over the probes .* the symmetry is not measurable on this output\.$/);
    // What would have read as a pass: the error of a constant is 0.
    assert.equal(one.members[0]!.relError, 0);
    assert.ok(notMeasurable(one));
    assert.equal(verdict(one), NOT_MEASURABLE);
    assert.deepEqual(one.fixes, []);
    assert.ok(validate(JSON.parse(JSON.stringify(one))), JSON.stringify(validate.errors));
  });

  test('terminal, Markdown and HTML say it is not measurable; the member row says constant output', () => {
    const term = renderTerminal(one);
    assert.match(term, /\nverdict: not measurable: the audited output does not depend on the input \(degenerate-output\)/);
    assert.match(term, /constant\/model\.json \(constant output\) +0\.00%/);
    assert.match(term, /warning · constant\/model\.json: Output does not depend on the input — /);
    assert.match(renderMarkdown(one), /\*\*Verdict: not measurable: the audited output does not depend on the input \(degenerate-output\)/);
    assert.match(renderHtml(one), /<p class="verdict"><strong>Verdict: not measurable: the audited output does not depend on the input/);
  });

  test('equilens check: every threshold in force fails as "cannot judge", exit code 1, SARIF names the finding', () => {
    const checks = evaluateThresholds(one, { maxEnsembleRelError: 0.05, maxMemberRelError: 0.05, maxFloor: 0.05 });
    assert.deepEqual(
      checks.map((c) => [c.threshold, c.status, c.value]),
      [
        ['maxFloor', 'fail', null],
        ['maxEnsembleRelError', 'fail', null],
        ['maxMemberRelError', 'fail', null],
      ],
    );
    assert.match(checks[1]!.message, /^ensemble relError: cannot judge — the audited output does not depend on the input \(degenerate-output\)/);
    const run = fakeRun([fakeOutcome('constant', one, checks)]);
    assert.equal(checkExitCode(run), 1);
    const sarif = renderSarif(run, { uri: (p) => p, line: () => null }) as { runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((r) => r.id === 'degenerate-output'));
    assert.deepEqual(
      sarif.runs[0]!.results.filter((r) => r.ruleId === 'degenerate-output').map((r) => r.level),
      ['warning'],
    );
  });

  test('one of three members constant: the finding names it, the verdict still reads the others', async () => {
    const r = await runAudit(spec([`${tmp.dir}/ens`]), host);
    const f = r.findings.filter((x) => x.kind === 'degenerate-output');
    assert.deepEqual(
      f.map((x) => x.members),
      [['ens/member-2/model.json']],
    );
    assert.match(f[0]!.evidence, /^1 of 3 members \(ens\/member-2\/model\.json\) outputs a constant/);
    assert.ok(!notMeasurable(r));
    assert.notEqual(verdict(r), NOT_MEASURABLE);
    assert.match(renderTerminal(r), /ens\/member-2\/model\.json \(constant output\)/);
    assert.ok(evaluateThresholds(r, { maxMemberRelError: 10 }).every((c) => c.status === 'pass'));
  });

  test('every member of an ensemble constant: not measurable, whatever the floor says', async () => {
    const r = await runAudit(spec([`${tmp.dir}/flat`]), host);
    assert.deepEqual(
      r.findings.filter((x) => x.kind === 'degenerate-output').map((x) => x.members),
      [['flat/member-1/model.json', 'flat/member-2/model.json']],
    );
    assert.match(r.findings.find((x) => x.kind === 'degenerate-output')!.evidence, /^every member's \(2\) audited output/);
    assert.equal(verdict(r), NOT_MEASURABLE);
    assert.match(renderTerminal(r), /\nnot measurable: the audited output/);
    assert.deepEqual(
      evaluateThresholds(r, { maxFloor: 0.05 }).map((c) => c.status),
      ['fail'],
    );
  });
});
