// Issue 14.2 in the config: `equilens init` and config scanning find ONNX models and ensembles
// (folders of .onnx members) as they find TF.js ones, and config entries naming .onnx files,
// folders of them or globs over them select the ensembles `equilens audit` would audit.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expandAudit } from '../src/core/ci/units';
import { loadConfigText } from '../src/core/config/loadConfig';
import { declaredInput, guessGroup } from '../src/core/config/guessGroup';
import { readIfModel, scanModels } from '../src/core/config/scanModels';
import { starterAudits, starterConfigText } from '../src/core/config/starter';
import { onnxStandIn } from '../src/core/load/onnx/onnxFile';
import { parseOnnx } from '../src/core/load/onnx/onnxGraph';
import { DEFAULT_LIMITS } from '../src/core/load/limits';
import { nodeFiles } from '../src/node/nodeFiles';
import { runMain } from './helpers/hostileFs';
import { makeCnn, saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';
import { cnnToOnnx, encodeOnnx, NO_RUNTIME } from './helpers/onnxWriter';

const tmp = tempDir('equilens-config-onnx-');
const ws = tmp.dir;

before(async () => {
  await tf.setBackend('cpu');
  // onnx-ens: three members of one architecture (NCHW, 1 channel, 8×8), one of them in a subfolder.
  mkdirSync(join(ws, 'onnx-ens', 'sub'), { recursive: true });
  for (const [seed, file] of [
    [1, 'onnx-ens/m1.onnx'],
    [2, 'onnx-ens/m2.onnx'],
    [3, 'onnx-ens/sub/m3.onnx'],
  ] as const) {
    const model = makeCnn({ seed, size: 8, channels: 1 });
    writeFileSync(join(ws, file), cnnToOnnx(model));
    model.dispose();
  }
  // A lone ONNX model of another architecture, a file that only claims to be one, and a TF.js model.
  mkdirSync(join(ws, 'lone'), { recursive: true });
  const wide = makeCnn({ seed: 4, size: 8, channels: 3, filters: 6 });
  writeFileSync(join(ws, 'lone', 'wide.onnx'), cnnToOnnx(wide));
  wide.dispose();
  mkdirSync(join(ws, 'junk'), { recursive: true });
  writeFileSync(join(ws, 'junk', 'broken.onnx'), new Uint8Array([1, 2, 3, 4, 5]));
  const tfjs = makeCnn({ seed: 5, size: 8 });
  writeModel(join(ws, 'tfjs', 'a'), await saveArtifacts(tfjs));
  tfjs.dispose();
});
after(() => tmp.cleanup());

test('scanModels finds .onnx models by extension when they parse (a broken one is left out), next to model JSONs', async () => {
  const found = await scanModels(nodeFiles, ws);
  assert.deepEqual(
    found.map((m) => [m.path.slice(ws.length + 1), m.json.format]),
    [
      ['lone/wide.onnx', 'onnx'],
      ['onnx-ens/m1.onnx', 'onnx'],
      ['onnx-ens/m2.onnx', 'onnx'],
      ['onnx-ens/sub/m3.onnx', 'onnx'],
      ['tfjs/a/model.json', 'layers-model'],
    ],
  );
  // Members from different seeds share the fingerprint; the wider net and the TF.js twin do not.
  const fp = Object.fromEntries(found.map((m) => [m.path.slice(ws.length + 1), m.fingerprint]));
  assert.equal(fp['onnx-ens/m1.onnx'], fp['onnx-ens/sub/m3.onnx']);
  assert.notEqual(fp['onnx-ens/m1.onnx'], fp['lone/wide.onnx']);
  assert.equal(await readIfModel(nodeFiles, join(ws, 'junk', 'broken.onnx')), null, 'never throws');
});

test('declaredInput reads an ONNX input channels last: NCHW by default, NHWC when the shape says so', () => {
  const input = (shape: (number | string)[]) =>
    declaredInput(
      onnxStandIn(
        parseOnnx(encodeOnnx({ inputs: [{ name: 'x', shape }], outputs: [{ name: 'y', shape }], initializers: [], nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }] }), 'x.onnx', DEFAULT_LIMITS),
      ),
    );
  assert.deepEqual(input(['N', 3, 32, 32]), [32, 32, 3]);
  assert.deepEqual(input(['N', 32, 32, 3]), [32, 32, 3]);
  assert.deepEqual(input(['N', 3, 'H', 'W']), [null, null, 3]);
  assert.deepEqual(input([1, 3, 24, 32]), [24, 32, 3]);
  assert.deepEqual(input(['N', 100, 2]), [100, 2]);
  assert.equal(input(['N']), null);
  assert.equal(guessGroup(input([1, 3, 24, 32])).group, 'flip-h');
});

test('init proposes the ONNX ensemble (its folder) and the lone ONNX model, with d4 for their square NCHW inputs; the text loads', async () => {
  const audits = starterAudits(ws, await scanModels(nodeFiles, ws));
  assert.deepEqual(
    audits.map((a) => [a.name, a.models, a.members, a.group]),
    [
      ['onnx-ens', 'onnx-ens', 3, 'd4'],
      ['wide.onnx', 'lone/wide.onnx', 1, 'd4'],
      ['a', 'tfjs/a/model.json', 1, 'd4'],
    ],
  );
  assert.match(audits[0]!.why, /^ONNX \(onnxruntime-node runs it; the input is shown channels last\); input 8×8×1: square images/);
  assert.doesNotMatch(audits[2]!.why, /ONNX/);
  const loaded = loadConfigText(starterConfigText(audits));
  assert.deepEqual(loaded.errors, []);
  // What init wrote selects exactly the ensemble the audit would: the three members.
  const units = await expandAudit(nodeFiles, ws, loaded.audits[0]!);
  assert.deepEqual(
    units.map((u) => u.members.map((m) => m.slice(ws.length + 1))),
    [['onnx-ens/m1.onnx', 'onnx-ens/m2.onnx', 'onnx-ens/sub/m3.onnx']],
  );
});

test('config entries naming .onnx files, a folder of them or a glob over them: the ensembles `equilens audit` would audit', async () => {
  const audit = (models: string[]) => loadConfigText(JSON.stringify({ audits: [{ name: 'o', models, group: 'c4' }] })).audits[0]!;
  const members = async (models: string[]) => (await expandAudit(nodeFiles, ws, audit(models))).map((u) => u.members.map((m) => m.slice(ws.length + 1)));
  assert.deepEqual(await members(['onnx-ens/m1.onnx', 'onnx-ens/m2.onnx']), [['onnx-ens/m1.onnx', 'onnx-ens/m2.onnx']]);
  assert.deepEqual(await members(['onnx-ens/**/*.onnx']), [['onnx-ens/m1.onnx', 'onnx-ens/m2.onnx', 'onnx-ens/sub/m3.onnx']]);
  assert.deepEqual(await members(['lone']), [['lone/wide.onnx']]);
  // A glob sweeping up a broken .onnx names it, as the command line would: it is meant as a model.
  await assert.rejects(expandAudit(nodeFiles, ws, audit(['junk/*.onnx'])), /junk\/broken\.onnx: is not a valid ONNX model/);
});

test('`equilens init` on a folder of .onnx members writes a config naming it; without any model it says ONNX too', async () => {
  const only = join(ws, 'only-onnx');
  mkdirSync(only, { recursive: true });
  for (const m of ['m1.onnx', 'm2.onnx']) writeFileSync(join(only, m), readFileSync(join(ws, 'onnx-ens', m)));
  const r = await runMain(['init', only, '-q']);
  assert.equal(r.code, 0, r.stderr);
  const written = loadConfigText(readFileSync(join(only, 'equilens.config.json'), 'utf8'));
  assert.deepEqual(
    written.audits.map((a) => [a.name, a.models, a.group]),
    [['only-onnx', ['.'], 'd4']],
  );
  const empty = join(ws, 'empty');
  mkdirSync(empty, { recursive: true });
  const none = await runMain(['init', empty]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no TF\.js model JSON or \.onnx model found here or below/);
  assert.ok(!existsSync(join(empty, 'equilens.config.json')));
});

test('`equilens check` runs a config audit of .onnx members (with `workers`) on onnxruntime-node and checks it', { skip: NO_RUNTIME }, async () => {
  const config = join(ws, 'onnx-check.config.json');
  // A fixed seed, a few probes; no thresholds: what matters is that the audit runs and is the ONNX ensemble's.
  writeFileSync(config, JSON.stringify({ audits: [{ name: 'onnx', models: 'onnx-ens/**/*.onnx', group: 'flip-h', backend: 'cpu', workers: 2, probes: { count: 4 } }] }));
  const out = join(ws, 'check-out');
  const r = await runMain(['check', '-c', config, '--format', 'json', '--out-dir', out, '-q']);
  assert.equal(r.code, 0, r.stderr);
  const run = JSON.parse(readFileSync(join(out, 'equilens.json'), 'utf8')) as { audits: { name: string; report: { model: { format: string }; backend: string; members: unknown[] } }[] };
  assert.deepEqual(
    run.audits.map((a) => [a.name, a.report.model.format, a.report.members.length]),
    [['onnx', 'onnx', 3]],
  );
  assert.match(run.audits[0]!.report.backend, /^onnxruntime-node/);
});
