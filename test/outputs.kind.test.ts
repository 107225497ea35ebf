// Issue 12 point 4: the output named by --output-name decides the final activation, the kind and
// what the reports say; --output-kind overrides detection ('embedding': no OSP, agreement or DIV).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { loadModel } from '../src/core/load';
import { renderHtml } from '../src/core/report/html';
import { renderMarkdown } from '../src/core/report/markdown';
import { renderTerminal } from '../src/core/report/terminal';
import { nodeFiles } from '../src/node/nodeFiles';
import { main } from '../src/cli/main';
import { cnnArtifacts, graphArtifacts, makeCnn, saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'report.schema.json'), 'utf8')));
const tmp = tempDir('equilens-kind-');
let twoHeads = '';
let ensemble = '';
let graph = '';

/** Output 1 'reg': one linear unit (regression); output 2 'cls': three softmax units. */
function twoHeadModel(): tfl.LayersModel {
  const input = tfl.input({ shape: [6, 6, 1] });
  const flat = tfl.layers.flatten().apply(input) as tfl.SymbolicTensor;
  const init = (seed: number) => tfl.initializers.randomUniform({ minval: -1, maxval: 1, seed });
  const reg = tfl.layers.dense({ units: 1, name: 'reg', kernelInitializer: init(1) }).apply(flat) as tfl.SymbolicTensor;
  const cls = tfl.layers.dense({ units: 3, activation: 'softmax', name: 'cls', kernelInitializer: init(2) }).apply(flat) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: [reg, cls] });
}

before(async () => {
  await tf.setBackend('cpu');
  const m = twoHeadModel();
  twoHeads = writeModel(`${tmp.dir}/heads`, await saveArtifacts(m));
  m.dispose();
  for (const seed of [1, 2]) writeModel(`${tmp.dir}/ens/member-${seed}`, await cnnArtifacts({ seed, size: 6, channels: 1 }));
  ensemble = `${tmp.dir}/ens`;
  const cnn = makeCnn({ size: 6, channels: 1 });
  graph = writeModel(`${tmp.dir}/graph`, graphArtifacts(cnn));
  cnn.dispose();
});
after(() => tmp.cleanup());

const spec = (targets: string, extra: Partial<AuditSpec> = {}): AuditSpec => ({ targets: [targets], group: 'flip-h', output: 'invariant', probesCount: 6, seed: 0, localise: false, ...extra });
const audit = (targets: string, extra: Partial<AuditSpec> = {}) => runAudit(spec(targets, extra), { fs: nodeFiles, backend: 'cpu' });

describe('--output-name decides the final activation and the kind', () => {
  test('the loaded model reads the activation of the output asked for', async () => {
    const model = await loadModel(nodeFiles, twoHeads);
    try {
      assert.equal(model.finalActivation(), null);
      assert.equal(model.finalActivation('reg'), null);
      assert.equal(model.finalActivation('cls'), 'softmax');
      assert.equal(model.finalActivation('nope'), null);
    } finally {
      model.dispose();
    }
    const g = await loadModel(nodeFiles, graph);
    try {
      assert.equal(g.finalActivation(), 'softmax');
      assert.equal(g.finalActivation(g.outputs[0]!.name), 'softmax');
    } finally {
      g.dispose();
    }
  });

  test('output 1 (linear, one unit) is regression; output 2 (softmax) is probabilities', async () => {
    const first = await audit(twoHeads);
    assert.equal(first.model.output.name, 'reg');
    assert.equal(first.model.finalActivation, null);
    assert.equal(first.outputKind, 'regression');
    const second = await audit(twoHeads, { outputName: 'cls' });
    assert.ok(validate(second), JSON.stringify(validate.errors));
    assert.equal(second.model.output.name, 'cls');
    assert.deepEqual(second.model.output.shape, [null, 3]);
    assert.equal(second.model.finalActivation, 'softmax');
    assert.equal(second.outputKind, 'probabilities');
    assert.equal(second.outputKindReason, 'final layer activation softmax');
    assert.ok(second.members[0]!.osp !== null);
    // Every renderer names the output audited: name, shape and kind.
    assert.match(renderTerminal(second), /output audited: 'cls' \[\?,3\] · probabilities \(final layer activation softmax\)/);
    assert.match(renderMarkdown(second), /Output audited: 'cls' \\\[\?,3\\\] · probabilities/); // brackets escaped for Markdown
    assert.match(renderHtml(second), /output audited: &#39;cls&#39; \[\?,3\] · probabilities|output audited: 'cls' \[\?,3\] · probabilities/);
  });
});

describe('--output-kind', () => {
  test('embedding: relError and absError only, no OSP, agreement or DIV anywhere', async () => {
    const r = await audit(ensemble, { outputKind: 'embedding' });
    assert.ok(validate(r), JSON.stringify(validate.errors));
    assert.equal(r.outputKind, 'embedding');
    assert.equal(r.outputKindReason, 'set by --output-kind');
    for (const m of [...r.members, r.ensemble!]) {
      assert.ok(m.relError! > 0);
      assert.equal(m.osp, null);
      assert.equal(m.agreement, null);
      assert.equal(m.div, null);
    }
    for (const c of r.ensemble!.curve) assert.deepEqual([c.osp, c.div], [null, null]);
    assert.doesNotMatch(renderTerminal(r), /OSP/);
    // The same outputs read as detected (softmax): OSP is there.
    const auto = await audit(ensemble);
    assert.equal(auto.outputKind, 'probabilities');
    assert.equal(auto.members[0]!.relError, r.members[0]!.relError);
    assert.ok(auto.members[0]!.osp !== null);
  });

  test('logits on softmax outputs is taken as asked', async () => {
    const r = await audit(ensemble, { outputKind: 'logits' });
    assert.equal(r.outputKind, 'logits');
    assert.ok(r.members[0]!.osp !== null);
  });

  test('a kind that cannot read the output is one line naming the file', async () => {
    await assert.rejects(
      audit(ensemble, { outputKind: 'binary' }),
      (e: unknown) => e instanceof EquiLensError && e.message.endsWith('model.json: --output-kind binary: binary needs one output unit per probe, the output has 3'),
    );
  });

  test('the CLI takes --output-kind and refuses an unknown one (exit 2)', async () => {
    const ok = await main(['audit', ensemble, '-g', 'flip-h', '-n', '4', '--no-localise', '--backend', 'cpu', '--output-kind', 'embedding', '--json', `${tmp.dir}/e.json`, '-q']);
    assert.equal(ok, 0);
    assert.equal(JSON.parse(readFileSync(`${tmp.dir}/e.json`, 'utf8')).outputKind, 'embedding');
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (s: string) => (err.push(String(s)), true);
    try {
      assert.equal(await main(['audit', ensemble, '--output-kind', 'scores']), 2);
    } finally {
      process.stderr.write = write;
    }
    assert.match(err.join(''), /--output-kind <kind>' argument 'scores' is invalid\. Allowed choices are auto, logits, probabilities, binary, regression, embedding/);
  });
});

test('an output whose shape the file does not record is reported with the shape the members gave', async () => {
  const cnn = makeCnn({ size: 6, channels: 1 });
  const art = graphArtifacts(cnn);
  cnn.dispose();
  // Converters often write no output shape: without a signature the model says nothing.
  const noSignature = writeModel(`${tmp.dir}/graph-nosig`, { ...art, signature: undefined });
  const report = await audit(noSignature);
  assert.deepEqual(report.model.output.shape, [null, 3]);
  assert.match(renderTerminal(report), /output audited: '[^']+' \[\?,3\]/);
});
