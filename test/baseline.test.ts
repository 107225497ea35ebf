// --baseline: a metric regresses only when it got worse by more than its noise (bootstrap
// intervals for the floor, the reports' own spreads for the rest). Crafted reports pin the rule's
// numbers; on the examples, two halves of one training recipe differ within noise, while
// swapping in the unaugmented ensemble is a regression on every metric.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { compareMetric, compareReports, Z95 } from '../src/core/ci/baseline';
import { baselineFor, parseBaseline } from '../src/core/ci/baselineFile';
import { checkExitCode } from '../src/core/ci/exitCode';
import { reportMetrics } from '../src/core/ci/metrics';
import type { CheckRun, MetricDelta } from '../src/core/ci/types';
import { fakeOutcome, fakeReport, fakeRun } from './helpers/checkFixtures';
import { PROBES, workspace } from './helpers/checkWorkspace';

const ens = (o: { relError?: number; floorCI?: [number, number]; agreement?: number; div?: number; members?: { relError: number; agreement: number; div: number }[] } = {}) => {
  const ci = o.floorCI ?? [0.08, 0.12];
  return fakeReport(
    o.members ?? [
      { relError: 0.3, agreement: 0.8, div: 0.1 },
      { relError: 0.5, agreement: 0.9, div: 0.3 },
    ],
    {
      relError: o.relError ?? 0.2,
      floor: (ci[0] + ci[1]) / 2,
      floorCI: ci,
      sdAtN: 0.01,
      agreement: o.agreement ?? 0.9,
      div: o.div ?? 0.2,
    },
  );
};
const statusOf = (d: MetricDelta[], metric: string) => d.find((x) => x.metric === metric)!.status;

test('noise per metric: curve sd at k = N, members sd / √N, members sd; a single model none', () => {
  const m = reportMetrics(ens());
  assert.equal(m.ensembleRelError.sd, 0.01);
  // agreements 0.8, 0.9: sd 0.0707, / √2 = 0.05; DIV 0.1, 0.3: sd 0.1414, / √2 = 0.1.
  assert.ok(Math.abs(m.agreement.sd! - 0.05) < 1e-12);
  assert.ok(Math.abs(m.div.sd! - 0.1) < 1e-12);
  assert.ok(Math.abs(m.memberRelError.sd! - Math.SQRT2 / 10) < 1e-12);
  assert.equal(m.memberRelError.value, 0.5, 'the worst member');
  const one = reportMetrics(fakeReport([{ relError: 0.1, agreement: 0.9, div: 0.1 }]));
  assert.deepEqual([one.ensembleRelError.sd, one.agreement.sd, one.floor.value, one.floor.note], [0, 0, null, 'a single model has no floor']);
});

test('floor: a regression only when the new interval lies wholly above the old one', () => {
  const old = ens();
  assert.equal(statusOf(compareReports(old, ens({ floorCI: [0.09, 0.13] })), 'floor'), 'within-noise');
  assert.equal(statusOf(compareReports(old, ens({ floorCI: [0.12, 0.16] })), 'floor'), 'within-noise', 'touching is not beyond');
  const up = compareReports(old, ens({ floorCI: [0.125, 0.16] })).find((d) => d.metric === 'floor')!;
  assert.equal(up.status, 'regressed');
  assert.equal(up.reason, "95% CI [12.50%, 16.00%] wholly above the baseline's [8.00%, 12.00%]");
  assert.ok(Math.abs(up.delta! - 0.0425) < 1e-12);
  assert.equal(statusOf(compareReports(old, ens({ floorCI: [0.02, 0.07] })), 'floor'), 'improved');
});

test('relError, agreement, DIV: worse by more than 1.96·√(sd_old² + sd_new²)', () => {
  const old = ens();
  // relError sd 0.01 in both: noise 1.96·√2·0.01 = 0.0277.
  const noise = Z95 * Math.SQRT2 * 0.01;
  const within = compareReports(old, ens({ relError: 0.22 })).find((d) => d.metric === 'ensembleRelError')!;
  assert.deepEqual([within.status, Number(within.noise!.toFixed(6))], ['within-noise', Number(noise.toFixed(6))]);
  assert.equal(within.reason, '20.00% → 22.00%: within the noise ±2.77%');
  assert.equal(statusOf(compareReports(old, ens({ relError: 0.23 })), 'ensembleRelError'), 'regressed');
  assert.equal(statusOf(compareReports(old, ens({ relError: 0.17 })), 'ensembleRelError'), 'improved');
  // agreement sd 0.05 in both: noise 0.1386; higher is better.
  assert.equal(statusOf(compareReports(old, ens({ agreement: 0.8 })), 'agreement'), 'within-noise');
  assert.equal(statusOf(compareReports(old, ens({ agreement: 0.75 })), 'agreement'), 'regressed');
  // DIV sd 0.1 in both: noise 0.2772.
  assert.equal(statusOf(compareReports(old, ens({ div: 0.45 })), 'div'), 'within-noise');
  assert.equal(statusOf(compareReports(old, ens({ div: 0.5 })), 'div'), 'regressed');
  // The worst member, sd 0.1414 each: noise 0.392.
  const worse = (w: number) =>
    ens({
      members: [
        { relError: 0.3, agreement: 0.8, div: 0.1 },
        { relError: w, agreement: 0.9, div: 0.3 },
      ],
    });
  assert.equal(statusOf(compareReports(old, worse(0.8)), 'memberRelError'), 'within-noise');
});

test('a single model: no spread, so any worsening counts; its floor is not comparable', () => {
  const a = fakeReport([{ relError: 0.05, agreement: 0.95, div: 0.01 }]);
  const same = compareReports(a, fakeReport([{ relError: 0.05, agreement: 0.95, div: 0.01 }]));
  assert.deepEqual(
    same.map((d) => d.status),
    ['not-comparable', 'within-noise', 'within-noise', 'within-noise', 'within-noise'],
  );
  const worse = compareReports(a, fakeReport([{ relError: 0.0501, agreement: 0.95, div: 0.01 }]));
  assert.equal(statusOf(worse, 'ensembleRelError'), 'regressed');
  assert.equal(compareMetric('div', { value: 1, better: 'lower', sd: null }, { value: 2, better: 'lower', sd: 0 }).status, 'not-comparable');
});

test('the exit code follows --fail-on', () => {
  const r = ens();
  const failedCheck = [{ threshold: 'maxFloor' as const, metric: 'floor' as const, status: 'fail' as const, value: 0.1, limit: 0.05, message: '' }];
  const regression = compareReports(ens(), ens({ floorCI: [0.2, 0.3] }));
  const run = (checks: typeof failedCheck, base: MetricDelta[] | null, failOn: CheckRun['failOn']) => checkExitCode(fakeRun([fakeOutcome('e', r, checks, base)], failOn));
  assert.deepEqual([run([], null, 'threshold'), run(failedCheck, null, 'threshold'), run([], regression, 'threshold')], [0, 1, 0]);
  assert.deepEqual([run(failedCheck, null, 'regression'), run([], regression, 'regression')], [0, 1]);
  assert.deepEqual([run(failedCheck, null, 'any'), run([], regression, 'any'), run([], compareReports(r, r), 'any')], [1, 1, 0]);
});

test('baseline files: a check JSON matches by audit name, an audit report by members or as the only audit', () => {
  const a = ens();
  const check = parseBaseline(JSON.stringify(fakeRun([fakeOutcome('x', a)])), 'b.json');
  assert.deepEqual(baselineFor(check, 'x', a, false), a);
  assert.equal(baselineFor(check, 'y', a, true), null);
  const single = parseBaseline(JSON.stringify(a), 'r.json');
  assert.ok(baselineFor(single, 'any', a, false), 'same members');
  const other = { ...a, members: a.members.map((m) => ({ ...m, path: `other/${m.path}` })) };
  assert.equal(baselineFor(single, 'any', other, false), null);
  assert.ok(baselineFor(single, 'any', other, true), 'the only audit');
  assert.throws(() => parseBaseline('{"schemaVersion": 2}', 'x.json'), /x\.json: is neither the JSON of `equilens check --format json` nor an `equilens audit --json` report/);
  assert.throws(() => parseBaseline('{', 'x.json'), /x\.json: is not valid JSON/);
});

// The CLI on the examples: members 1–4 of compatible-augmented as the baseline.
const ws = workspace();
const config = (models: string) => ({ defaults: { group: 'c4', probes: PROBES }, audits: [{ name: 'ens', models, thresholds: { maxFloor: 0.05 } }] });
before(() => {
  ws.config(config('examples/compatible-augmented/member-0{1,2,3,4}/model.json'));
  const r = ws.run(['check', '--format', 'json', '--out-dir', 'base', '-q']);
  assert.equal(r.code, 0, r.stderr);
});
after(() => ws.cleanup());

test('members 5–8 of the same recipe against members 1–4: every metric within noise, exit 0', () => {
  ws.config(config('examples/compatible-augmented/member-0{5,6,7,8}/model.json'));
  const r = ws.run(['check', '--baseline', 'base/equilens.json', '--fail-on', 'regression', '--format', 'json', '--out-dir', 'now']);
  assert.equal(r.code, 0, r.stderr);
  const run = JSON.parse(readFileSync(`${ws.dir}/now/equilens.json`, 'utf8')) as CheckRun;
  const deltas = run.audits[0]!.baseline!;
  assert.deepEqual(
    deltas.map((d) => d.status),
    ['within-noise', 'within-noise', 'within-noise', 'within-noise', 'within-noise'],
  );
  // Measured: ensemble relError 3.21 % → 4.97 %, a change of 1.76 % against a noise of ±4.02 %.
  const rel = deltas.find((d) => d.metric === 'ensembleRelError')!;
  assert.ok(rel.delta! > 0.01 && rel.delta! < rel.noise!, rel.reason);
  assert.match(r.stdout, /passed: 1 audit, 1 of 1 checks hold, 0 regressions beyond noise \(--fail-on regression\)/);
});

test('compatible-plain under the same name: a regression on every metric, exit 1 only when --fail-on counts it', () => {
  ws.config(config('examples/compatible-plain/member-0{1,2,3,4}/model.json'));
  const r = ws.run(['check', '--baseline', 'base/equilens.json', '--fail-on', 'regression']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /FAIL floor vs baseline +regressed: 95% CI \[85\.01%, 91\.66%\] wholly above the baseline's \[0\.00%, 5\.74%\]/);
  assert.match(r.stdout, /WARN maxFloor/, 'the failed threshold is reported, but --fail-on regression does not count it');
  assert.match(r.stdout, /5 regressions beyond noise/);
  // The threshold fails too; with --fail-on threshold only that counts, and the regressions are warnings.
  const t = ws.run(['check', '--baseline', 'base/equilens.json']);
  assert.equal(t.code, 1);
  assert.match(t.stdout, /WARN floor vs baseline/);
});
