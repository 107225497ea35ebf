// docs/ci.md's workflow, run locally: its `run:` commands in order on a checkout-like copy of the
// examples (npm ci left out: it needs the network; `npx equilens` is the built dist/cli.js), then
// the file upload-sarif is given must exist and be SARIF 2.1.0 about the repository's files.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from './helpers/cli';
import { PROBES, workspace } from './helpers/checkWorkspace';

const doc = readFileSync(`${ROOT}/docs/ci.md`, 'utf8');
const workflow = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
const ws = workspace();
after(() => ws.cleanup());

test('the workflow checks out, installs, runs equilens check --format sarif and uploads the SARIF', () => {
  const steps = workflow
    .split('\n')
    .filter((l) => /^ {6}- /.test(l))
    .map((l) => l.trim());
  assert.deepEqual(steps, [
    '- uses: actions/checkout@v4',
    '- uses: actions/setup-node@v4',
    '- run: npm ci',
    '- run: npx equilens check --format sarif',
    '- uses: github/codeql-action/upload-sarif@v3',
  ]);
  assert.match(workflow, /security-events: write/);
  assert.match(workflow, /if: always\(\)/, 'results are uploaded when thresholds fail too');
});

test("the workflow's commands run here and leave the SARIF where upload-sarif looks", () => {
  ws.config({
    defaults: { group: 'c4', probes: PROBES },
    audits: [
      { name: 'augmented', models: 'examples/compatible-augmented', thresholds: { maxFloor: 0.05 } },
      { name: 'incompatible', models: 'examples/incompatible-augmented' },
    ],
  });
  execFileSync('git', ['init', '-q', ws.dir]);
  const cli = join(ROOT, 'dist', 'cli.js');
  const runs = [...workflow.matchAll(/^ {6}- run: (.+)$/gm)].map((m) => m[1]!);
  for (const cmd of runs) {
    if (cmd === 'npm ci') continue; // the network install; dist/cli.js is what it would provide
    const local = cmd.replace(/^npx equilens\b/, `"${process.execPath}" "${cli}"`);
    assert.notEqual(local, cmd, `only equilens commands besides npm ci: ${cmd}`);
    const r = spawnSync('sh', ['-c', local], { cwd: ws.dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `${cmd}\n${r.stderr}`);
    assert.match(r.stdout, /passed: 2 audits, 1 of 1 checks hold/);
  }
  const sarifFile = /sarif_file: (\S+)/.exec(workflow)![1]!;
  assert.ok(existsSync(`${ws.dir}/${sarifFile}`), `${sarifFile} written`);
  const log = JSON.parse(readFileSync(`${ws.dir}/${sarifFile}`, 'utf8'));
  assert.equal(log.version, '2.1.0');
  const uris = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
  // The two 1×5 kernels of incompatible-augmented, relative to the repository root.
  assert.deepEqual(uris, ['examples/incompatible-augmented/member-01/model.json', 'examples/incompatible-augmented/member-01/model.json']);
});
