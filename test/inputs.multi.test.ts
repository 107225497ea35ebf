// Issue 12.3: several inputs (the others held fixed), dynamic shapes, signature vs Placeholder.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import { encodeNpy } from '../src/core/probes';
import { nodeFiles } from '../src/node/nodeFiles';
import { op, placeholder, writeGraph } from './helpers/graphFixtures';
import { saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-multi-');
const host = { fs: nodeFiles, backend: 'cpu' };

/** x [N,4,4,1] → mean over H, W ([N,1]) + z ([N,2], broadcast): outputs differ by z's difference. */
function twoInputs(name: string, z: (number | null)[] | null, batch: number | null = -1, signature = true): string {
  return writeGraph(
    `${tmp.dir}/${name}`,
    [
      placeholder('x', 'DT_FLOAT', [batch, 4, 4, 1]),
      placeholder('z', 'DT_FLOAT', z),
      op('mean', 'Mean', ['x', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }),
      op('sum', 'AddV2', ['mean', 'z']),
      op('Identity', 'Identity', ['sum']),
    ],
    [{ name: 'axes', dtype: 'int32', shape: [2], values: [1, 2] }],
    signature
      ? {
          inputs: { 'x:0': { name: 'x:0', dtype: 'DT_FLOAT', shape: [batch, 4, 4, 1] }, 'z:0': { name: 'z:0', dtype: 'DT_FLOAT', shape: z } },
          outputs: { 'Identity:0': { name: 'Identity:0', dtype: 'DT_FLOAT', shape: [batch, 2] } },
        }
      : undefined,
  );
}

let model = '';
before(async () => {
  await tf.setBackend('cpu');
  model = twoInputs('two', [-1, 2]);
});
after(() => tmp.cleanup());

const spec = (target: string, more: Partial<AuditSpec> = {}): AuditSpec => ({ targets: [target], group: 'c4', output: 'invariant', probesCount: 4, seed: 0, pictures: 1, ...more });
/** The first picture's output: [mean + z0, mean + z1]. */
const out = (r: Awaited<ReturnType<typeof runAudit>>) => r.pictures![0]!.expected;
const npy = (name: string, shape: number[], values: number[]) => {
  writeFileSync(`${tmp.dir}/${name}`, encodeNpy(shape, Float32Array.from(values)));
  return `${tmp.dir}/${name}`;
};

test('the other input is zeros of its signature shape by default, and the report says so', async () => {
  const r = await runAudit(spec(model), host);
  assert.equal(r.model.input.name, 'x:0');
  assert.deepEqual(r.model.fixedInputs, [{ name: 'z:0', source: 'zeros [1,2]' }]);
  assert.match(renderTerminal(r), /^input audited: x:0 \[\?,4,4,1\] float32 NHWC · fixed: z:0 = zeros \[1,2\]$/m);
  assert.match(renderMarkdown(r), /^- Input audited: x:0 \\\[\?,4,4,1\\\] float32 NHWC · fixed: z:0 = zeros \\\[1,2\\\]$/m);
  assert.match(renderHtml(r), /<p class="meta">input audited: x:0 \[\?,4,4,1\] float32 NHWC · fixed: z:0 = zeros \[1,2\]<\/p>/);
  const [a, b] = out(r);
  assert.equal(a, b);
  assert.ok(r.members[0]!.relError! < 1e-6);
});

test('--fixed-input from .npy: with a batch axis of 1, without it, or a 0-d scalar; names with or without :0', async () => {
  const withBatch = await runAudit(spec(model, { fixedInputs: { z: npy('z1.npy', [1, 2], [10, 30]) } }), host);
  assert.ok(Math.abs(out(withBatch)[1]! - out(withBatch)[0]! - 20) < 1e-4);
  assert.deepEqual(
    withBatch.model.fixedInputs!.map((f) => f.name),
    ['z:0'],
  );
  assert.match(withBatch.model.fixedInputs![0]!.source, /z1\.npy$/);

  const noBatch = await runAudit(spec(model, { fixedInputs: { 'z:0': npy('z2.npy', [2], [10, 30]) } }), host);
  assert.deepEqual(out(noBatch), out(withBatch));

  const scalar = await runAudit(spec(model, { fixedInputs: { z: npy('z0.npy', [], [7]) } }), host);
  const [a, b] = out(scalar);
  assert.equal(a, b);
  assert.ok(Math.abs(a! - 7 - (out(withBatch)[0]! - 10)) < 1e-4);
});

test('--input-name picks the audited input by name, with or without :0', async () => {
  const r = await runAudit(spec(model, { inputName: 'x' }), host);
  assert.equal(r.model.input.name, 'x:0');
  await assert.rejects(runAudit(spec(model, { inputName: 'y' }), host), (e: unknown) => e instanceof EquiLensError && e.message.includes("no input named 'y'"));
});

test('an input of unknown shape that is not given: one line naming it and --fixed-input', async () => {
  const open = twoInputs('open', [-1, -1]);
  await assert.rejects(runAudit(spec(open), host), (e: unknown) => e instanceof EquiLensError && e.message.includes("input 'z:0' has unknown size [?,?]: pass --fixed-input z:0=<file.npy>"));
  const noRank = twoInputs('norank', null);
  await assert.rejects(runAudit(spec(noRank), host), (e: unknown) => e instanceof EquiLensError && e.message.includes("input 'z:0' has unknown rank: pass --fixed-input"));
  // Given, it runs: fed as it is for an unknown rank.
  const r = await runAudit(spec(noRank, { fixedInputs: { z: npy('zr.npy', [1, 2], [1, 2]) } }), host);
  assert.ok(Math.abs(out(r)[1]! - out(r)[0]! - 1) < 1e-4);
});

test('a fixed-input file that does not fit, or names no input, is refused in one line', async () => {
  await assert.rejects(
    runAudit(spec(model, { fixedInputs: { z: npy('z3.npy', [3], [1, 2, 3]) } }), host),
    (e: unknown) => e instanceof EquiLensError && e.message.includes("shape [3] does not fit input 'z:0' [?,2]"),
  );
  await assert.rejects(
    runAudit(spec(model, { fixedInputs: { q: npy('z4.npy', [2], [1, 2]) } }), host),
    (e: unknown) => e instanceof EquiLensError && e.message.includes('--fixed-input q: the model has no such input'),
  );
  await assert.rejects(runAudit(spec(model, { fixedInputs: { x: npy('z5.npy', [2], [1, 2]) } }), host), (e: unknown) => e instanceof EquiLensError && e.message.includes('that is the audited input'));
  await assert.rejects(runAudit(spec(model, { fixedInputs: { z: `${tmp.dir}/missing.npy` } }), host), (e: unknown) => e instanceof EquiLensError && e.message.includes('missing.npy: no such file'));
});

test('no tensor outlives an audit with fixed inputs, nor a refused one', async () => {
  const before = tf.memory().numTensors;
  await runAudit(spec(model, { fixedInputs: { z: npy('zl.npy', [2], [1, 2]) } }), host);
  await assert.rejects(runAudit(spec(model, { fixedInputs: { z: npy('zl2.npy', [5], [1, 2, 3, 4, 5]) } }), host));
  assert.equal(tf.memory().numTensors, before);
});

test('a fixed batch size of 1 still runs every probe (chunks of one)', async () => {
  const one = twoInputs('batch1', [1, 2], 1);
  const r = await runAudit(spec(one, { fixedInputs: { z: npy('z6.npy', [1, 2], [1, 4]) }, probesCount: 5 }), host);
  assert.equal(r.probes.count, 5);
  assert.ok(Math.abs(out(r)[1]! - out(r)[0]! - 3) < 1e-4);
});

test('a fixed input declared with batch 1 ([1, 2]) makes the audited one run in chunks of one', async () => {
  const pinned = twoInputs('pinned', [1, 2]);
  const r = await runAudit(spec(pinned, { probesCount: 3 }), host);
  assert.equal(r.probes.count, 3);
  assert.deepEqual(r.model.fixedInputs, [{ name: 'z:0', source: 'zeros [1,2]' }]);
});

test('a layers model with two inputs feeds the fixed one too', async () => {
  const x = tfl.input({ shape: [4, 4, 1], name: 'image' });
  const z = tfl.input({ shape: [2], name: 'extra' });
  const pooled = tfl.layers.globalAveragePooling2d({}).apply(x) as tfl.SymbolicTensor;
  const joined = tfl.layers.concatenate().apply([pooled, z]) as tfl.SymbolicTensor;
  const m = tfl.model({ inputs: [x, z], outputs: joined });
  const file = writeModel(`${tmp.dir}/layers2`, await saveArtifacts(m));
  m.dispose();
  const r = await runAudit(spec(file, { fixedInputs: { extra: npy('e.npy', [2], [5, 6]) } }), host);
  assert.deepEqual(
    r.model.fixedInputs!.map((f) => f.name),
    ['extra'],
  );
  assert.deepEqual(out(r).slice(1), [5, 6]);
  assert.ok(r.members[0]!.relError! < 1e-6);
});

test('dynamic sizes: --input-shape, or the probes; neither → one line naming the input and the flag', async () => {
  const open = writeGraph(
    `${tmp.dir}/dyn`,
    [placeholder('x', 'DT_FLOAT', [-1, -1, -1, 1]), op('mean', 'Mean', ['x', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }), op('Identity', 'Identity', ['mean'])],
    [{ name: 'axes', dtype: 'int32', shape: [2], values: [1, 2] }],
  );
  await assert.rejects(
    runAudit(spec(open), host),
    (e: unknown) => e instanceof EquiLensError && /input 'x' has unknown size \[\?,\?,\?,1\]: pass --input-shape .*\(e\.g\. 224x224x1\)/.test(e.message) && !e.message.includes('\n'),
  );
  const r = await runAudit(spec(open, { inputShape: [6, 6, 1] }), host);
  assert.deepEqual(r.probes.shape, [4, 6, 6, 1]);
  await assert.rejects(runAudit(spec(open, { inputShape: [6, 6, 3] }), host), (e: unknown) => e instanceof EquiLensError && e.message.includes("--input-shape 6x6x3 does not fit input 'x' [?,?,?,1]"));
  // A known shape must agree too.
  await assert.rejects(
    runAudit(spec(model, { inputShape: [5, 5, 1] }), host),
    (e: unknown) => e instanceof EquiLensError && e.message.includes("--input-shape 5x5x1 does not fit input 'x:0' [?,4,4,1]"),
  );
  const agreeing = await runAudit(spec(model, { inputShape: [4, 4, 1] }), host);
  assert.deepEqual(agreeing.probes.shape, [4, 4, 4, 1]);
});

test('signature [1,6,6,1] over Placeholder [1,?,?,1]: resolved to the known sizes, not a crash', async () => {
  const file = writeGraph(
    `${tmp.dir}/sig`,
    [
      placeholder('x', 'DT_UINT8', [1, -1, -1, 1]),
      { name: 'cast', op: 'Cast', input: ['x'], attr: { SrcT: { type: 'DT_UINT8' }, DstT: { type: 'DT_FLOAT' } } },
      op('mean', 'Mean', ['cast', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }),
      op('Identity', 'Identity', ['mean']),
    ],
    [{ name: 'axes', dtype: 'int32', shape: [2], values: [1, 2] }],
    { inputs: { 'x:0': { name: 'x:0', dtype: 'DT_UINT8', shape: [1, 6, 6, 1] } }, outputs: { 'Identity:0': { name: 'Identity:0', dtype: 'DT_FLOAT', shape: [1, 1] } } },
  );
  const r = await runAudit(spec(file), host);
  assert.deepEqual(r.model.input.shape, [1, 6, 6, 1]);
  assert.equal(r.model.input.dtype, 'uint8');
  assert.deepEqual(r.probes.shape, [4, 6, 6, 1]);
  assert.ok(r.members[0]!.relError! < 1e-7);
});
