// `equilens check` end to end on the examples: exit 0 when every threshold holds, 1 when one
// fails, 2 on a bad config or usage; the summary and the JSON carry the measured numbers.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import type { CheckRun } from '../src/core/ci/types';
import { PROBES, workspace } from './helpers/checkWorkspace';

const ws = workspace();
after(() => ws.cleanup());

test('exit 0: compatible-augmented holds maxFloor 5 %, minAgreement 90 %, maxDiv 0.05', () => {
  ws.config({
    defaults: { group: 'c4', probes: PROBES },
    audits: [{ name: 'augmented', models: 'examples/compatible-augmented', thresholds: { maxFloor: 0.05, minAgreement: 0.9, maxDiv: 0.05 } }],
  });
  const r = ws.run(['check', '--format', 'json', '--out-dir', 'out']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /PASS maxFloor +floor 0\.00% \(95% CI 0\.00%–3\.71%\) ≤ 5\.00%/);
  assert.match(r.stdout, /PASS minAgreement +agreement 100\.00% ≥ 90\.00%/);
  assert.match(r.stdout, /passed: 1 audit, 3 of 3 checks hold/);
  const run = JSON.parse(readFileSync(`${ws.dir}/out/equilens.json`, 'utf8')) as CheckRun;
  assert.equal(run.kind, 'equilens-check');
  const a = run.audits[0]!;
  assert.equal(a.report.members.length, 8);
  assert.ok(
    a.report.members.every((m) => m.path.startsWith('examples/compatible-augmented/member-')),
    'paths relative to the config',
  );
  assert.deepEqual(
    a.checks.map((c) => [c.threshold, c.status]),
    [
      ['maxFloor', 'pass'],
      ['minAgreement', 'pass'],
      ['maxDiv', 'pass'],
    ],
  );
  assert.ok(a.checks[0]!.value! < 0.005, `floor ${a.checks[0]!.value}`);
  assert.ok(Math.abs(a.checks[2]!.value! - 0.0045) < 5e-4, `DIV ${a.checks[2]!.value}`);
});

test('exit 1: compatible-plain (floor ≈ 87 %) fails maxFloor 0.05; the other audit still passes', () => {
  ws.config({
    defaults: { group: 'c4', probes: PROBES, thresholds: { maxFloor: 0.05 } },
    audits: [
      { name: 'augmented', models: 'examples/compatible-augmented' },
      { name: 'plain', models: 'examples/compatible-plain', thresholds: { maxMemberRelError: 0.9 } },
    ],
  });
  const r = ws.run(['check', '--format', 'json', '--out-dir', 'out']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^FAIL plain · c4 · 8 members/m);
  assert.match(r.stdout, /FAIL maxFloor +floor 87\.44% \(95% CI 85\.50%–89\.35%\) > 5\.00%/);
  assert.match(r.stdout, /FAILED: 2 audits, 1 of 3 checks hold/);
  const run = JSON.parse(readFileSync(`${ws.dir}/out/equilens.json`, 'utf8')) as CheckRun;
  const plain = run.audits.find((a) => a.name === 'plain')!;
  assert.ok(Math.abs(plain.checks[0]!.value! - 0.8744) < 1e-3);
  // Members 01, 02, 04, 05, 06, 07 are above 90 % (92.9 %, 92.8 %, 94.5 %, 92.6 %, 92.7 %, 92.4 %); 03 and 08 below.
  const members = plain.checks.find((c) => c.threshold === 'maxMemberRelError')!;
  assert.equal(members.status, 'fail');
  assert.deepEqual(
    members.members!.map((m) => m.split('/')[2]),
    ['member-04', 'member-01', 'member-02', 'member-06', 'member-05', 'member-07'],
  );
});

test('a threshold that does not apply is skipped, not failed (a single model has no floor)', () => {
  ws.config({ audits: [{ name: 'one', models: 'examples/compatible-plain/member-03/model.json', probes: PROBES, thresholds: { maxFloor: 0.05, maxEnsembleRelError: 0.95 } }] });
  const r = ws.run(['check']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /SKIP maxFloor +floor: not checked \(a single model has no floor\)/);
  assert.match(r.stdout, /PASS maxEnsembleRelError +ensemble relError 87\.88% ≤ 95\.00%/);
});

test('exit 2: a bad config names file, line, column and JSON path in one line; nothing else runs', () => {
  ws.config('{\n  "audits": [\n    { "models": "examples/compatible-plain", "thresholds": { "maxFloor": "5%" } }\n  ]\n}\n');
  const r = ws.run(['check', '--format', 'sarif']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'equilens: equilens.config.json:3:74: audits[0].thresholds.maxFloor: expected number or null, got "5%"\n');
  assert.ok(!existsSync(`${ws.dir}/equilens.sarif`), 'no output for a config that does not load');
});

test('exit 2: missing config, unknown model folder, --fail-on regression without a baseline, unknown format', () => {
  const missing = ws.run(['check', '-c', 'nope.json']);
  assert.deepEqual([missing.code, missing.stderr], [2, 'equilens: nope.json: cannot read the config file (run `equilens init` to write one)\n']);
  ws.config({ audits: [{ name: 'x', models: 'examples/not-there' }] });
  const notThere = ws.run(['check']);
  assert.equal(notThere.code, 2);
  assert.match(notThere.stderr, /^equilens: \S+\/examples\/not-there: not found \(models of audit "x"\)\n$/);
  const failOn = ws.run(['check', '--fail-on', 'regression']);
  assert.deepEqual([failOn.code, failOn.stderr], [2, 'equilens: --fail-on regression needs --baseline <report.json>\n']);
  const format = ws.run(['check', '--format', 'sarif,pdf']);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /expected sarif, md, junit, json \(got 'pdf'\)/);
});

test('init writes a starter config the check then runs; it does not overwrite one', () => {
  const fresh = workspace();
  try {
    const init = fresh.run(['init']);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /wrote equilens\.config\.json: 3 audits\n {2}compatible-augmented: 8 members, group d4\n/);
    const text = readFileSync(`${fresh.dir}/equilens.config.json`, 'utf8');
    assert.match(text, /"models": "examples\/compatible-plain", \/\/ 8 members/);
    const again = fresh.run(['init']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /equilens\.config\.json: already exists \(--force overwrites it\)/);
    // d4 on synthetic probes: the augmented ensemble's floor is 0, the two others fail maxFloor 5 %.
    const check = fresh.run(['check', '--format', 'md', '--out-dir', 'out']);
    assert.equal(check.code, 1, check.stderr);
    assert.match(check.stdout, /^ok {3}compatible-augmented · d4/m);
    assert.match(check.stdout, /^FAIL compatible-plain · d4/m);
    assert.match(check.stdout, /^FAIL incompatible-augmented · d4/m);
    const md = readFileSync(`${fresh.dir}/out/equilens.md`, 'utf8');
    assert.match(md, /^## ❌ EquiLens check: 2 of 3 checks failed/);
    assert.match(md, /\| compatible-augmented \| 8 \| d4 \| 0\.00% /);
    assert.match(md, /!\[Ensemble relError against the number of members\]\(equilens-curve\.svg\)/);
    const svg = readFileSync(`${fresh.dir}/out/equilens-curve.svg`, 'utf8');
    assert.equal((svg.match(/<circle /g) ?? []).length, 12, '3 ensembles × k = 1, 2, 4, 8');
  } finally {
    fresh.cleanup();
  }
});
