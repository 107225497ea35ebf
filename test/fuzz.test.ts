// The fuzzer (scripts/fuzz.ts) as a test: a fixed-seed run, and replays of the cases it found.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { runFuzz } from '../scripts/fuzz/fuzzLoop';
import { auditCase } from '../scripts/fuzz/runCase';
import { recordingFs, tempDir } from './helpers/modelFixtures';

const examples = join(__dirname, '..', 'examples');
const fixtures = join(__dirname, 'fixtures', 'fuzz');
const example = join(examples, 'compatible-plain', 'member-01');
let backend = '';
const tmp = tempDir('equilens-fuzztest-');
before(async () => {
  backend = (await initBackend('wasm')).name;
});
after(() => tmp.cleanup());

test('1,000 fuzz cases end in a report or a one-line error naming a file, confined and leak-free', async () => {
  const stats = await runFuzz({ seed: 20261129, cases: 1000, examplesDir: examples, backend });
  assert.deepEqual(stats.violations, []);
  assert.equal((stats.outcomes.report ?? 0) + (stats.outcomes.error ?? 0), 1000);
  assert.ok((stats.outcomes.report ?? 0) > 0, 'some cases still audit');
});

/** Replays a kept case through the fuzz checks, then audits a good model (the backend still works). */
async function replay(name: string, expected: RegExp): Promise<void> {
  const dir = join(fixtures, name);
  const r = await auditCase(dir, { seed: name, json: '', files: {}, links: {}, targetFolder: false }, backend);
  assert.equal(r.outcome, 'error', r.detail);
  assert.match(r.detail, expected);
  const ok = await runAudit({ targets: [join(example, 'model.json')], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 }, { fs: nodeFiles, backend });
  assert.equal(ok.members.length, 1);
}

test('a stride of 2^53 is refused before tfjs runs it (it broke the wasm backend)', () =>
  replay('huge-stride', /model\.json: topology has strides 9007199254740994; expected an integer from 1 to 65536$/));

test('a layer with an empty output is refused before the wasm kernels run it', () => replay('empty-layer-output', /model\.json: layer 'pool2' has an empty output \[\?,0,8,8\]$/));

test('a failed layers load frees its layer variables', () => replay('empty-manifest', /model\.json: .*weights are not set/));

test('a repeated weight name is refused (tfjs leaked the tensor it overwrote)', () => replay('duplicate-weight-name', /model\.json: weightsManifest group 1 repeats the weight name 'conv1\/kernel'$/));

test('invalid JSON is reported on one line', () => replay('json-error-spans-lines', /model\.json: is not valid JSON \(/));

test('a fractional input dimension names the model file', () => replay('fractional-input-dim', /model\.json: input '.*' has invalid dimension 0\.1 in \[\?,0\.1,0,1\]$/));

test('a group that does not fit the input names the model file', () => replay('non-square-input', /model\.json: group 'c4' needs square images, got 65536×16$/));

test('discovery does not follow a symlinked subfolder out of the folder given', async () => {
  const root = join(tmp.dir, 'linked');
  mkdirSync(join(root, 'outside'), { recursive: true });
  cpSync(example, join(root, 'case', 'member'), { recursive: true });
  cpSync(example, join(root, 'outside', 'member'), { recursive: true });
  symlinkSync(join(root, 'outside'), join(root, 'case', 'elsewhere'));
  symlinkSync(join(root, 'outside', 'member', 'model.json'), join(root, 'case', 'stray.json'));
  const fs = recordingFs(nodeFiles);
  const r = await runAudit({ targets: [`${tmp.dir}/linked/case`], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 }, { fs, backend });
  assert.deepEqual(
    r.members.map((m) => m.path),
    [`${tmp.dir}/linked/case/member/model.json`],
  );
  assert.ok(
    fs.reads.every((p) => p.startsWith(`${tmp.dir}/linked/case/member/`)),
    fs.reads.join(', '),
  );
});
