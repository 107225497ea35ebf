// Issue 14.2 in the editor: the Models tree lists .onnx models and folders of .onnx members as
// models and ensembles, says what runs them (or, in one line, why nothing can here); a config's
// audits get a Check CodeLens, ONNX ones their engine; the config's `workers` applies below the
// machine setting (issue 14.1).
import { fake, vscodeFake, workspaceEvents } from '../helpers/fakeVscode';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { ONNX_RUNTIME_MISSING } from '../../src/core/load/onnx/engine';
import { auditWorkers } from '../../src/extension/auditWorkers';
import { ModelCodeLens } from '../../src/extension/codeLens';
import { configEntries, namesOnnxFiles } from '../../src/extension/configLenses';
import { ModelIndex, onnxFingerprint } from '../../src/extension/modelIndex';
import { ModelsTree, type ModelNode } from '../../src/extension/modelsTree';
import { editorFailureLine, isOnnxSetupFailure, ONNX_RUNTIME_MISSING_EDITOR, onnxStatus, type OnnxStatus } from '../../src/extension/onnxStatus';
import { storedResult } from '../../src/extension/results';
import { makeCnn, saveArtifacts, tempDir, writeModel } from '../helpers/modelFixtures';
import { cnnToOnnx, NO_RUNTIME } from '../helpers/onnxWriter';
import { fakeReport, member } from './fixtures';

const tmp = tempDir('equilens-onnx-tree-');
const ws = tmp.dir;

before(async () => {
  await tf.setBackend('cpu');
  // A folder of three .onnx members (one in a subfolder), a lone .onnx of another architecture,
  // a broken .onnx, and a TF.js ensemble of two.
  mkdirSync(join(ws, 'onnx-ens', 'sub'), { recursive: true });
  mkdirSync(join(ws, 'lone'), { recursive: true });
  for (const [seed, file] of [
    [1, 'onnx-ens/m1.onnx'],
    [2, 'onnx-ens/m2.onnx'],
    [3, 'onnx-ens/sub/m3.onnx'],
  ] as const) {
    const model = makeCnn({ seed, size: 8 });
    writeFileSync(join(ws, file), cnnToOnnx(model));
    model.dispose();
  }
  const wide = makeCnn({ seed: 4, size: 8, filters: 6 });
  writeFileSync(join(ws, 'lone', 'wide.onnx'), cnnToOnnx(wide));
  wide.dispose();
  writeFileSync(join(ws, 'lone', 'broken.onnx'), new Uint8Array([8, 1, 2]));
  for (const seed of [5, 6]) {
    const model = makeCnn({ seed, size: 8 });
    writeModel(join(ws, 'tfjs', `m${seed}`), await saveArtifacts(model));
    model.dispose();
  }
});
after(() => tmp.cleanup());

beforeEach(() => {
  fake.folders = [ws];
  fake.trusted = true;
  fake.user = {};
});

const READY: OnnxStatus = { ready: true, engine: 'onnxruntime-node (CPU, 2 threads) in the extension host' };
const MISSING = onnxStatus({ trusted: true, paths: [], cores: 2, found: () => null });

test('the index lists a folder of .onnx members as an ensemble and a lone .onnx as a model; a broken one is left out', async () => {
  const index = new ModelIndex();
  const { ensembles, singles } = await index.get();
  index.dispose();
  const rel = (p: string) => p.slice(ws.length + 1);
  assert.deepEqual(
    ensembles.map((e) => [rel(e.folder), e.members.map(rel)]),
    [
      ['onnx-ens', ['onnx-ens/m1.onnx', 'onnx-ens/m2.onnx', 'onnx-ens/sub/m3.onnx']],
      ['tfjs', ['tfjs/m5/model.json', 'tfjs/m6/model.json']],
    ],
  );
  assert.deepEqual(
    singles.map((m) => rel(m.path)),
    ['lone/wide.onnx'],
  );
  assert.equal(await onnxFingerprint(join(ws, 'lone', 'broken.onnx')), null);
  assert.equal(await onnxFingerprint(join(ws, 'onnx-ens', 'm1.onnx')), await onnxFingerprint(join(ws, 'onnx-ens', 'sub', 'm3.onnx')), 'another seed: one architecture');
});

function tree(status: OnnxStatus, results: Record<string, ReturnType<typeof storedResult>> = {}): ModelsTree {
  const index = new ModelIndex();
  const store = { onDidChange: () => ({ dispose() {} }), get: (p: string) => results[p] };
  return new ModelsTree(index, store as never, undefined, () => status);
}

async function rows(t: ModelsTree): Promise<{ node: ModelNode; label: string; description?: string; tooltip: string }[]> {
  const top = await t.getChildren();
  return top.map((node) => {
    const item = t.getTreeItem(node);
    return { node, label: item.label as unknown as string, description: item.description as string | undefined, tooltip: (item.tooltip as unknown as { value: string }).value };
  });
}

test('ONNX rows say which engine runs them: on the row until audited, always in the tooltip; TF.js rows say nothing of it', async () => {
  const t = tree(READY);
  const [onnxEns, tfjsEns, lone] = await rows(t);
  assert.equal(onnxEns!.label, 'onnx-ens');
  assert.equal(onnxEns!.description, '3 members · ONNX · onnxruntime-node');
  assert.equal(onnxEns!.tooltip, '**onnx-ens** — ONNX ensemble of 3 members sharing one architecture\n\nRuns on onnxruntime-node \\(CPU, 2 threads\\) in the extension host\n\nNot audited yet');
  assert.equal(tfjsEns!.description, '2 members');
  assert.doesNotMatch(tfjsEns!.tooltip, /ONNX|onnxruntime/);
  assert.equal(lone!.description, 'ONNX · onnxruntime-node');
  assert.match(lone!.tooltip, /^\*\*lone\/wide\.onnx\*\* — ONNX model\n\nRuns on onnxruntime-node/);
  // A member row of the ONNX ensemble, and the row once audited: the result alone on the row.
  const [m1] = await t.getChildren(onnxEns!.node);
  assert.equal(t.getTreeItem(m1!).description, 'ONNX · onnxruntime-node');
  const path = join(ws, 'lone', 'wide.onnx');
  const audited = await rows(tree(READY, { [path]: storedResult(fakeReport({ members: [member('lone/wide.onnx', 0.1234)] })) }));
  assert.equal(audited[2]!.description, 'C4 · model 12.3 %');
  assert.match(audited[2]!.tooltip, /\n\nRuns on onnxruntime-node/);
  t.dispose();
});

test('where onnxruntime-node is missing or the workspace is restricted, ONNX rows say so in one line with the fix', async () => {
  const [onnxEns, , lone] = await rows(tree(MISSING));
  assert.equal(onnxEns!.description, '3 members · ONNX · needs onnxruntime-node');
  // Markdown-escaped: the backticks and underscores show as typed.
  assert.match(onnxEns!.tooltip, /\n\nCannot be audited here: ONNX models need onnxruntime-node, which EquiLens cannot find: run \\`npm install onnxruntime-node\\` in a folder/);
  assert.match(onnxEns!.tooltip, /set equilens\.onnxRuntimePath to that folder\n\nNot audited yet$/);
  // A result from before stays, and the row still says the engine is missing.
  const path = join(ws, 'lone', 'wide.onnx');
  const audited = await rows(tree(MISSING, { [path]: storedResult(fakeReport({ members: [member('lone/wide.onnx', 0.1234)] })) }));
  assert.equal(audited[2]!.description, 'C4 · model 12.3 % · ONNX · needs onnxruntime-node');
  const untrusted = onnxStatus({ trusted: false, paths: ['/opt/ort'], cores: 2, found: () => '/x' });
  assert.deepEqual((await rows(tree(untrusted)))[2]!.description, 'ONNX · needs a trusted workspace');
  assert.equal(lone!.description, 'ONNX · needs onnxruntime-node');
});

test('onnxStatus: own folder, then equilens.onnxRuntimePath; trust first; the engine line names the threads', () => {
  const seen: (string | undefined)[] = [];
  const s = onnxStatus({ trusted: true, paths: ['/opt/ort'], cores: 8, found: (from) => (seen.push(from), from === '/opt/ort' ? '/opt/ort/node_modules/onnxruntime-node/index.js' : null) });
  assert.deepEqual(s, { ready: true, engine: 'onnxruntime-node (CPU, 8 threads) in the extension host' });
  assert.deepEqual(seen, [undefined, '/opt/ort']);
  assert.deepEqual(onnxStatus({ trusted: true, paths: [], cores: 1, found: () => 'x' }), { ready: true, engine: 'onnxruntime-node (CPU, 1 thread) in the extension host' });
  assert.equal(MISSING.ready, false);
  assert.equal(!MISSING.ready && MISSING.line, ONNX_RUNTIME_MISSING_EDITOR);
  let asked = false;
  const restricted = onnxStatus({ trusted: false, paths: [], cores: 2, found: () => ((asked = true), 'x') });
  assert.equal(restricted.ready, false);
  assert.equal(asked, false, 'no module lookup in a restricted workspace');
});

test("an audit's failure: the CLI's install advice becomes the editor's, the file kept; setup failures are told apart", () => {
  const cli = `/w/m.onnx: ${ONNX_RUNTIME_MISSING}`;
  assert.equal(editorFailureLine(cli), `/w/m.onnx: ${ONNX_RUNTIME_MISSING_EDITOR}`);
  assert.equal(editorFailureLine('/w/m.onnx: is not a valid ONNX model (not protobuf, or truncated)'), '/w/m.onnx: is not a valid ONNX model (not protobuf, or truncated)');
  assert.equal(isOnnxSetupFailure(cli), 'install');
  assert.equal(isOnnxSetupFailure(editorFailureLine(cli)), 'install');
  assert.equal(isOnnxSetupFailure('/w/m.onnx: ONNX models run native code (onnxruntime-node): trust the workspace to audit them'), 'trust');
  assert.equal(isOnnxSetupFailure('/w/m.onnx: not found'), null);
  assert.doesNotMatch(ONNX_RUNTIME_MISSING_EDITOR, /\n/);
});

test('workers: equilens.workers wins, then the config audit’s `workers` (at most every core), then every core (undefined)', () => {
  assert.equal(auditWorkers(3, 1, 8), 3, 'the machine setting over the config');
  assert.equal(auditWorkers(undefined, 2, 8), 2, "the config's when the user set none");
  assert.equal(auditWorkers(undefined, 64, 8), 8, "a repository's file asks for at most every core");
  assert.equal(auditWorkers(undefined, undefined, 8), undefined, 'every core (runAuditPool decides)');
  assert.equal(auditWorkers(1, undefined, 8), 1);
  assert.equal(auditWorkers(undefined, 0, 8), undefined);
});

test("config CodeLens places: one per audit entry on its '{' line, with its name (or first model) and models; ONNX by extension", () => {
  const text = [
    '// comment',
    '{',
    '  "audits": [',
    '    { "name": "onnx", "models": "onnx-ens/*.onnx" },',
    '    {',
    '      "models": ["tfjs/m5", "tfjs/m6"], // two',
    '    },',
    '    "not an object",',
    '  ],',
    '}',
  ].join('\n');
  assert.deepEqual(configEntries(text), [
    { index: 0, name: 'onnx', line: 3, models: ['onnx-ens/*.onnx'] },
    { index: 1, name: 'tfjs/m5', line: 4, models: ['tfjs/m5', 'tfjs/m6'] },
  ]);
  assert.deepEqual(configEntries('{ "audits": '), []);
  assert.equal(namesOnnxFiles(['onnx-ens/*.onnx']), true);
  assert.equal(namesOnnxFiles(['a/B.ONNX']), true);
  assert.equal(namesOnnxFiles(['tfjs/m5', 'x.json']), false);
});

test("ModelCodeLens on the workspace's equilens.config.json: Check per audit; ONNX entries (file, glob or folder of .onnx) say what runs them", () => {
  const text = JSON.stringify(
    {
      audits: [
        { name: 'folder', models: 'onnx-ens' },
        { name: 'glob', models: 'lone/*.onnx' },
        { name: 'tfjs', models: 'tfjs' },
      ],
    },
    null,
    2,
  );
  const doc = (file: string) => ({ uri: vscodeFake.Uri.file(file), version: 1, getText: () => text });
  const store = { onDidChange: () => ({ dispose() {} }), get: () => undefined };
  const lenses = (file = join(ws, 'equilens.config.json')) =>
    new ModelCodeLens(store as never).provideCodeLenses(doc(file) as never).map((l) => {
      const lens = l as unknown as { range: { start: { line: number } }; command: { title: string; command: string; arguments?: unknown[] } };
      return [lens.range.start.line, lens.command.title, lens.command.command, lens.command.arguments];
    });
  // EquiLens's own folder is this checkout: its node_modules has onnxruntime-node unless the optional install failed.
  const engine = NO_RUNTIME ? ['ONNX · needs onnxruntime-node', 'workbench.action.openSettings', ['equilens.onnxRuntimePath']] : ['ONNX · onnxruntime-node', '', undefined];
  const config = join(ws, 'equilens.config.json');
  assert.deepEqual(lenses(), [
    [2, 'Check "folder"', 'equilens.checkWorkspace', [{ configFile: config, audit: 0 }]],
    [2, ...engine],
    [6, 'Check "glob"', 'equilens.checkWorkspace', [{ configFile: config, audit: 1 }]],
    [6, ...engine],
    [10, 'Check "tfjs"', 'equilens.checkWorkspace', [{ configFile: config, audit: 2 }]],
  ]);
  fake.trusted = false;
  assert.deepEqual(lenses()[1], [2, 'ONNX · needs a trusted workspace', 'workbench.trust.manage', []]);
  // A config below the root is not what Check Workspace reads: no lenses (and it is no model JSON).
  assert.deepEqual(lenses(join(ws, 'lone', 'equilens.config.json')), []);
});

test('the tree asks again when trust is granted or equilens.onnxRuntimePath changes, not for other settings', () => {
  const t = tree(MISSING);
  let fired = 0;
  t.onDidChangeTreeData(() => fired++);
  workspaceEvents.trust.fire();
  workspaceEvents.configuration.fire({ affectsConfiguration: (section) => section === 'equilens.onnxRuntimePath' });
  workspaceEvents.configuration.fire({ affectsConfiguration: (section) => section === 'equilens.group' });
  assert.equal(fired, 2);
  t.dispose();
  workspaceEvents.trust.fire();
  assert.equal(fired, 2, 'nothing after dispose');
});
