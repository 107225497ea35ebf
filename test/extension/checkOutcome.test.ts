// What a check publishes (check/*.ts), from crafted reports: thresholds judged by the core, the
// one-line summary, Problems-panel entries where SARIF anchors them, and the tree's verdict.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkAnchor } from '../../src/core/ci/sarif';
import { resolveAudits } from '../../src/core/config/resolve';
import type { AuditReport } from '../../src/core/report/types';
import { configBackend, configSpec } from '../../src/extension/check/auditSettings';
import { checkBadge, ensembleCheck, storedCheck } from '../../src/extension/check/badge';
import { unitOutcome } from '../../src/extension/check/outcome';
import { checkSummary, shortCheck, unitVerdict } from '../../src/extension/check/summary';
import { thresholdDiagnostics } from '../../src/extension/check/thresholdDiagnostics';
import type { CheckUnit, UnitResult } from '../../src/extension/check/types';
import { storedResult } from '../../src/extension/results';
import { fakeReport } from '../helpers/checkFixtures';
import { ROOT } from '../helpers/cli';

/** compatible-plain's numbers: floor 87.44 % (95 % CI 85.50–89.35 %), members 87–95 %. */
const plain = () => fakeReport([{ relError: 0.929 }, { relError: 0.928 }, { relError: 0.861 }, { relError: 0.945 }], { relError: 0.88, floor: 0.8744, floorCI: [0.855, 0.8935], sdAtN: 0.01 });
/** A clean ensemble: floor interval reaches 0. */
const augmented = () => fakeReport([{ relError: 0.2 }, { relError: 0.22 }], { relError: 0.01, floor: 0, floorCI: [0, 0.037], sdAtN: 0.002 });

function unit(name: string, thresholds: Record<string, unknown> | undefined, extra: object = {}): CheckUnit {
  const [audit] = resolveAudits({ audits: [{ name, models: `models/${name}`, ...(thresholds ? { thresholds } : {}), ...extra }] });
  return { name, targets: [`/w/models/${name}`], members: [], group: 'c4', output: 'invariant', ...(thresholds ? { config: { audit: audit!, root: '/w' } } : {}) };
}

const result = (u: CheckUnit, r: AuditReport): UnitResult => ({ unit: u, outcome: unitOutcome(u, r) });

test('thresholds come from the core: a floor of 87.4 % fails maxFloor 5 %, a clean one passes; no config, no checks', () => {
  const fail = unitOutcome(unit('plain', { maxFloor: 0.05, maxMemberRelError: 0.9 }), plain());
  assert.deepEqual(
    fail.checks.map((c) => [c.threshold, c.status]),
    [
      ['maxFloor', 'fail'],
      ['maxMemberRelError', 'fail'],
    ],
  );
  assert.equal(fail.checks[0]!.message, 'floor 87.44% (95% CI 85.50%–89.35%) > 5.00%');
  assert.deepEqual(fail.audit.thresholds, { maxFloor: 0.05, maxMemberRelError: 0.9 });
  assert.equal(unitOutcome(unit('aug', { maxFloor: 0.05 }), augmented()).checks[0]!.status, 'pass');
  assert.deepEqual(unitOutcome(unit('found', undefined), augmented()).checks, []);
});

test('the summary: "3 audits: 2 pass, 1 fails — plain: maxFloor (87.4 % > 5 %)"', () => {
  const results = [result(unit('augmented', { maxFloor: 0.05 }), augmented()), result(unit('plain', { maxFloor: 0.05 }), plain()), result(unit('also', { maxFloor: 0.05 }), augmented())];
  assert.deepEqual(results.map(unitVerdict), ['pass', 'fail', 'pass']);
  assert.equal(checkSummary(results, { planned: 3, cancelled: false }), '3 audits: 2 pass, 1 fails — plain: maxFloor (87.4 % > 5 %)');
});

test('the summary names every failed threshold, audits without thresholds, those that did not run, and a cancel', () => {
  const results: UnitResult[] = [
    result(unit('plain', { maxFloor: 0.05, maxMemberRelError: 0.9, minAgreement: 0.9 }), plain()),
    result(unit('found', undefined), augmented()),
    { unit: unit('broken', { maxFloor: 0.05 }), error: 'models/broken: not found' },
  ];
  // fakeReport's members have no agreement: minAgreement is skipped, not failed.
  assert.equal(
    checkSummary(results, { planned: 4, cancelled: true }),
    '4 audits: 1 fails, 1 without thresholds (found), 1 could not run — plain: maxFloor (87.4 % > 5 %), maxMemberRelError (94.5 % > 90 %) (cancelled after 3 of 4)',
  );
  const found = ['a', 'b', 'c', 'd'].map((n) => result(unit(n, undefined), augmented()));
  assert.equal(checkSummary(found, { planned: 4, cancelled: false }), '4 audits: 4 without thresholds (a, b, c, …)');
  assert.equal(shortCheck({ threshold: 'maxDiv', status: 'fail', value: 0.1234, limit: 0.1 }), 'maxDiv (0.123 > 0.1)');
  assert.equal(shortCheck({ threshold: 'minAgreement', status: 'fail', value: 0.874, limit: 0.9 }), 'minAgreement (87.4 % < 90 %)');
  assert.equal(shortCheck({ threshold: 'maxFloor', status: 'fail', value: 0.0004, limit: 0 }), 'maxFloor (0.04 % > 0 %)', 'small values keep two digits');
});

test("a failed threshold goes where SARIF anchors it: the first member, on the breaking layer's name", async () => {
  const text = readFileSync(join(ROOT, 'examples', 'incompatible-augmented', 'member-01', 'model.json'), 'utf8');
  const report = { ...plain(), breakingLayer: { name: 'conv1', index: 0, floor: 0.8, previousFloor: 0 } };
  const outcome = unitOutcome(unit('plain', { maxFloor: 0.05 }), report);
  const read: string[] = [];
  const specs = await thresholdDiagnostics(outcome, '/w', async (f) => (read.push(f), text));
  assert.equal(specs.length, 1);
  const [d] = specs;
  assert.equal(d!.file, `/w/${checkAnchor(outcome, outcome.checks[0]!).file}`);
  assert.equal(d!.file, '/w/models/e/member-1/model.json');
  assert.deepEqual(read, [d!.file]);
  const lines = text.split('\n');
  const nameLine = lines.findIndex((l) => l.includes('"name": "conv1"'));
  assert.deepEqual(d!.start, { line: nameLine, character: lines[nameLine]!.indexOf('"conv1"') });
  assert.deepEqual(d!.end, { line: nameLine, character: lines[nameLine]!.indexOf('"conv1"') + '"conv1"'.length });
  assert.equal(d!.message, 'plain: floor 87.44% (95% CI 85.50%–89.35%) > 5.00% (maxFloor). Symmetry breaks first at layer conv1.');
  assert.equal(d!.threshold, 'maxFloor');
});

test('maxMemberRelError points at the worst member; without a breaking layer the entry sits at the top; passes give none', async () => {
  const outcome = unitOutcome(unit('plain', { maxMemberRelError: 0.9, maxEnsembleRelError: 0.95 }), plain());
  const specs = await thresholdDiagnostics(outcome, '/w', async () => assert.fail('no layer to find: nothing to read'));
  assert.deepEqual(
    specs.map((s) => [s.threshold, s.file, s.start.line, s.end.character]),
    [['maxMemberRelError', '/w/models/e/member-4/model.json', 0, 0]],
  );
  assert.match(specs[0]!.message, /^plain: worst member relError 94\.50% > 90\.00% \(maxMemberRelError\)\.$/);
});

test('the tree: ✗ with the failed thresholds, ✓ when all hold, nothing once a later audit replaced the checked one', () => {
  const failed = unitOutcome(unit('plain', { maxFloor: 0.05, maxEnsembleRelError: 0.95 }), plain());
  const check = storedCheck(failed);
  const last = storedResult(failed.report);
  const badge = checkBadge(check, last)!;
  assert.equal(badge.failed, true);
  assert.equal(badge.description, '✗ maxFloor (87.4 % > 5 %)');
  assert.equal(
    badge.tooltip,
    ['Check "plain": 1 of 2 thresholds fail', '✗ maxFloor: floor 87.44% (95% CI 85.50%–89.35%) > 5.00%', '✓ maxEnsembleRelError: ensemble relError 88.00% ≤ 95.00%'].join('\n'),
  );
  const passed = unitOutcome(unit('aug', { maxFloor: 0.05 }), augmented());
  assert.deepEqual(checkBadge(storedCheck(passed), storedResult(passed.report)), {
    failed: false,
    description: '✓ 1 threshold',
    tooltip: 'Check "aug": thresholds hold\n✓ maxFloor: floor 0.00% (95% CI 0.00%–3.70%) ≤ 5.00%',
  });
  assert.equal(checkBadge(check, { ...last, at: '2030-01-01T00:00:00.000Z' }), undefined, 'a later plain audit: its numbers were not checked');
  assert.equal(checkBadge(storedCheck(unitOutcome(unit('found', undefined), plain())), last), undefined, 'no thresholds: no verdict');
  assert.equal(checkBadge(undefined, last), undefined);
});

test("an ensemble's check is the newest one of its size among its members", () => {
  const a = { ...storedCheck(unitOutcome(unit('p', { maxFloor: 0.05 }), plain())), at: '2025-01-01T00:00:00.000Z' };
  const b = { ...a, at: '2025-02-01T00:00:00.000Z' };
  const single = { ...b, members: 1, at: '2026-01-01T00:00:00.000Z' };
  assert.equal(ensembleCheck(4, [a, undefined, b, single]), b);
  assert.equal(ensembleCheck(4, [undefined, single]), undefined);
});

test('a config audit runs with its own probes, count, seed, normalisation and backend, as `equilens check` passes them', () => {
  const [a] = resolveAudits({
    defaults: { seed: 7, backend: 'wasm' },
    audits: [{ models: 'm', probes: { path: 'data/probes.npy', mean: [0.5], std: [0.25] }, batchSize: 16, localise: false, inputName: 'x' }],
  });
  assert.deepEqual(configSpec(a!, '/w'), {
    probes: '/w/data/probes.npy',
    probesCount: Infinity,
    seed: 7,
    batchSize: 16,
    inputName: 'x',
    outputName: undefined,
    mean: [0.5],
    std: [0.25],
    localise: false,
  });
  assert.equal(configBackend(a!), 'wasm');
  const [b] = resolveAudits({ audits: [{ models: 'm', probes: { count: 8 } }] });
  assert.equal(configSpec(b!, '/w').probes, undefined);
  assert.equal(configSpec(b!, '/w').probesCount, 8);
  assert.equal(configSpec(resolveAudits({ audits: [{ models: 'm' }] })[0]!, '/w').probesCount, 32, 'synthetic: 32, the CLI default');
  assert.equal(configBackend(b!), undefined, "'auto' leaves the equilens.backend setting in charge");
});
