// SARIF output: valid against the official 2.1.0 schema (committed, draft-04), one rule per check
// with help linking into the docs, results anchored at the model JSON and the offending line.
import Ajv from 'ajv-draft-04';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { FINDING_INFO } from '../src/core/checks/findings';
import { REPOSITORY_URL } from '../src/core/ci/rules';
import { renderSarif } from '../src/core/ci/sarif';
import { THRESHOLD_NAMES } from '../src/core/config/types';
import { ROOT } from './helpers/cli';
import { anchorsOf } from './helpers/markdown';
import { fakeOutcome, fakeReport, fakeRun } from './helpers/checkFixtures';
import { PROBES, workspace } from './helpers/checkWorkspace';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number } } }[];
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: { id: string; help: { text: string }; helpUri: string }[] } }; results: SarifResult[] }[];
}

/** The official schema, with the three formats it uses checked (ajv ships no format checks). */
function sarifValidator() {
  // unicodeRegExp off: the schema's `language` pattern has a stray ']' that only non-unicode RegExps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'http://base.invalid/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  return ajv.compile(JSON.parse(readFileSync(`${ROOT}/test/fixtures/sarif/sarif-2.1.0-rtm.5.json`, 'utf8')));
}

// The models sit in sub/ of a git repository: SARIF URIs must start at the repository root.
const ws = workspace('sub');
let log: SarifLog;
before(() => {
  execFileSync('git', ['init', '-q', ws.dir]);
  ws.config({
    defaults: { group: 'c4', probes: PROBES, thresholds: { maxFloor: 0.05 } },
    audits: [
      { name: 'incompatible', models: 'examples/incompatible-augmented' },
      { name: 'augmented', models: 'examples/compatible-augmented' },
    ],
  });
  const r = ws.run(['check', '--format', 'sarif', '--out-dir', 'reports']);
  assert.equal(r.code, 1, r.stderr);
  log = JSON.parse(readFileSync(`${ws.dir}/sub/reports/equilens.sarif`, 'utf8')) as SarifLog;
});
after(() => ws.cleanup());

test('validates against the official SARIF 2.1.0 schema', () => {
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(log.version, '2.1.0');
  // The validator is not vacuous: a result without a message is refused.
  const broken = structuredClone(log);
  delete (broken.runs[0]!.results[0] as Partial<SarifResult>).message;
  assert.equal(validate(broken), false);
});

test('one rule per threshold, per finding kind and for regressions, each with help and a docs link that exists', () => {
  const rules = log.runs[0]!.tool.driver.rules;
  assert.deepEqual(
    rules.map((r) => r.id),
    [...THRESHOLD_NAMES, ...Object.keys(FINDING_INFO), 'regression'],
  );
  const pages = new Set<string>();
  for (const r of rules) {
    assert.ok(r.help.text.length > 40, `${r.id} has help text`);
    // The online page is the repository's file at main: it must exist here, with the heading.
    const [url, anchor] = r.helpUri.split('#') as [string, string];
    assert.ok(url.startsWith(`${REPOSITORY_URL}/blob/main/`), r.helpUri);
    const page = url.slice(`${REPOSITORY_URL}/blob/main/`.length);
    pages.add(page);
    assert.ok(existsSync(`${ROOT}/${page}`), `${r.id}: ${page} exists`);
    assert.ok(anchorsOf(readFileSync(`${ROOT}/${page}`, 'utf8')).has(anchor), `${r.id}: ${page} has a heading for #${anchor}`);
  }
  // Thresholds, findings and regressions each link to the page that explains them.
  assert.deepEqual([...pages].sort(), ['docs/cli.md', 'docs/configuration.md', 'docs/report-format.md']);
  assert.equal(rules.find((r) => r.id === 'maxFloor')!.helpUri, `${REPOSITORY_URL}/blob/main/docs/configuration.md#thresholds`);
  assert.equal(rules.find((r) => r.id === 'kernel-not-square')!.helpUri, `${REPOSITORY_URL}/blob/main/docs/report-format.md#static-findings`);
  assert.equal(rules.find((r) => r.id === 'regression')!.helpUri, `${REPOSITORY_URL}/blob/main/docs/cli.md#baseline-and-regressions`);
  assert.ok(anchorsOf(readFileSync(`${ROOT}/docs/cli.md`, 'utf8')).has('code-review-equilens-check'));
});

test('the 1×5 kernels of incompatible-augmented are anchored at their kernel_size lines (25 and 74)', () => {
  const results = log.runs[0]!.results;
  const kernels = results.filter((r) => r.ruleId === 'kernel-not-square');
  const uri = 'sub/examples/incompatible-augmented/member-01/model.json';
  assert.deepEqual(
    kernels.map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region!.startLine]),
    [
      [uri, 25],
      [uri, 74],
    ],
  );
  const lines = readFileSync(`${ws.dir}/${uri}`, 'utf8').split('\n');
  for (const line of [25, 74]) {
    assert.equal(lines[line - 1]!.trim(), '"kernel_size": [');
    assert.deepEqual([lines[line]!.trim(), lines[line + 1]!.trim()], ['1,', '5']);
  }
  assert.match(kernels[0]!.message.text, /^incompatible: conv1: Kernel is not square — 1×5 kernel becomes 5×1 under rot90\.$/);
  assert.ok(kernels.every((r) => r.level === 'error' && r.locations[0]!.physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'));
  for (const r of results) assert.equal(log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
});

test('a failed threshold is anchored at the layer where symmetry breaks first; passing audits add nothing', () => {
  const results = log.runs[0]!.results;
  const floors = results.filter((r) => r.ruleId === 'maxFloor');
  assert.equal(floors.length, 1, 'only incompatible fails (augmented floor 0.00 % ≤ 5 %)');
  assert.match(floors[0]!.message.text, /^incompatible: floor 10\.45% \(95% CI 9\.12%–12\.61%\) > 5\.00%\. Symmetry breaks first at layer conv1\.$/);
  // conv1's layer object opens on line 10 of the member's JSON.
  assert.deepEqual(floors[0]!.locations[0]!.physicalLocation, {
    artifactLocation: { uri: 'sub/examples/incompatible-augmented/member-01/model.json', uriBaseId: '%SRCROOT%' },
    region: { startLine: 10 },
  });
  assert.equal(results.length, 3);
});

test('renderSarif on crafted runs: member failures point at the worst member; regressions are warnings unless they fail the run', () => {
  const report = fakeReport([{ relError: 0.1 }, { relError: 0.4 }], { relError: 0.05, floor: 0.01, floorCI: [0, 0.02], sdAtN: 0.01 });
  const check = {
    threshold: 'maxMemberRelError' as const,
    metric: 'memberRelError' as const,
    status: 'fail' as const,
    value: 0.4,
    limit: 0.2,
    message: 'worst member relError 40.00% > 20.00%',
    members: [report.members[1]!.path],
  };
  const delta = { metric: 'floor' as const, old: 0, new: 0.01, delta: 0.01, noise: null, status: 'regressed' as const, reason: 'r' };
  const places = { uri: (p: string) => `repo/${p}`, line: () => null };
  const warn = renderSarif(fakeRun([fakeOutcome('e', report, [check], [delta])]), places) as SarifLog;
  assert.ok(sarifValidator()(warn));
  const [member, regression] = warn.runs[0]!.results;
  assert.equal(member!.locations[0]!.physicalLocation.artifactLocation.uri, 'repo/models/e/member-2/model.json');
  assert.equal(member!.locations[0]!.physicalLocation.region, undefined, 'no line known: the file alone');
  assert.deepEqual([regression!.ruleId, regression!.level], ['regression', 'warning']);
  const fail = renderSarif(fakeRun([fakeOutcome('e', report, [check], [delta])], 'regression'), places) as SarifLog;
  assert.equal(fail.runs[0]!.results[1]!.level, 'error');
});
