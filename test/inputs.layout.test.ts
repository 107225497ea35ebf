// Issue 12.2: channels-first (NCHW) inputs: group actions, probes and checks act on the real H and W.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { isChannelsFirst } from '../src/core/audit/inputLayout';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { encodeNpy } from '../src/core/probes';
import { nodeFiles } from '../src/node/nodeFiles';
import { op, placeholder, writeGraph } from './helpers/graphFixtures';
import { tempDir } from './helpers/modelFixtures';

const tmp = tempDir('equilens-layout-');
const host = { fs: nodeFiles, backend: 'cpu' };
let nchw = '';

before(async () => {
  await tf.setBackend('cpu');
  // x [N, 3, 5, 5] (NCHW) → x · w[h] summed over H and W: symmetric along W, not along H.
  nchw = writeGraph(
    `${tmp.dir}/nchw`,
    [
      placeholder('x', 'DT_FLOAT', [-1, 3, 5, 5]),
      op('weighted', 'Mul', ['x', 'w']),
      op('sum', 'Sum', ['weighted', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }),
      op('Identity', 'Identity', ['sum']),
    ],
    [
      { name: 'w', dtype: 'float32', shape: [1, 1, 5, 1], values: [1, 2, 3, 4, 5] },
      { name: 'axes', dtype: 'int32', shape: [2], values: [2, 3] },
    ],
  );
});
after(() => tmp.cleanup());

const audit = (group: string, more: Partial<AuditSpec> = {}) => runAudit({ targets: [nchw], group, output: 'invariant', probesCount: 8, seed: 0, ...more }, host);

test('auto picks NCHW for [N, 3, 5, 5]: flip-h (along W) ≈ 0, flip-v (along H) clearly > 0', async () => {
  const h = await audit('flip-h');
  assert.equal(h.model.input.layout, 'NCHW');
  assert.deepEqual(h.model.input.shape, [null, 3, 5, 5]);
  assert.deepEqual(h.probes.shape, [8, 5, 5, 3], 'probes are held channels-last');
  assert.ok(h.members[0]!.relError! < 1e-5, `flip-h relError ${h.members[0]!.relError}`);
  const v = await audit('flip-v');
  assert.ok(v.members[0]!.relError! > 0.01, `flip-v relError ${v.members[0]!.relError}`);
});

test('--input-layout nhwc forced wrongly flips the wrong axis: flip-h then breaks', async () => {
  const before = tf.memory().numTensors;
  await audit('flip-h');
  assert.equal(tf.memory().numTensors, before, 'the transposed views are freed');
  const h = await audit('flip-h', { inputLayout: 'nhwc' });
  assert.equal(h.model.input.layout, 'NHWC');
  assert.deepEqual(h.probes.shape, [8, 3, 5, 5]);
  assert.ok(h.members[0]!.relError! > 0.01, `flip-h relError ${h.members[0]!.relError}`);
});

test('an NCHW .npy probe file is read in the model order and transposed', async () => {
  // Channel c, row h, column w holds 100c + 10h + w: symmetric nowhere.
  const data = Float32Array.from({ length: 75 }, (_, i) => 100 * Math.floor(i / 25) + 10 * Math.floor((i % 25) / 5) + (i % 5));
  writeFileSync(`${tmp.dir}/nchw.npy`, encodeNpy([1, 3, 5, 5], data));
  const r = await audit('flip-h', { probes: `${tmp.dir}/nchw.npy`, probesCount: Infinity, pictures: 1 });
  const p = r.pictures![0]!;
  assert.deepEqual(p.shape, [5, 5, 3]);
  // [h=1, w=2, c=2] channels-last is 100·2 + 10·1 + 2.
  assert.equal(p.input[(1 * 5 + 2) * 3 + 2], 212);
  // The model's output is Σ_w Σ_h w[h]·x per channel: the picture's output agrees.
  const c0 = Array.from({ length: 25 }, (_, i) => (Math.floor(i / 5) + 1) * data[i]!).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(p.expected[0]! - c0) < 1e-2);
  assert.ok(r.members[0]!.relError! < 1e-5);
});

test('auto: the rule of issue 12', () => {
  const cf = (s: (number | null)[]) => isChannelsFirst(s, 'auto', 'm.json', 'x');
  assert.equal(cf([1, 3, 416, 416]), true);
  assert.equal(cf([null, 1, 28, 28]), true);
  assert.equal(cf([1, 224, 224, 3]), false);
  assert.equal(cf([1, 3, 4, 3]), false, 'dim 3 ∈ {1, 3, 4}: channels-last');
  assert.equal(cf([null, null, null, 3]), false);
  assert.equal(cf([null, 100, 3]), false, 'rank 3 stays channels-last under auto');
  assert.equal(isChannelsFirst([null, 3, 100], 'nchw', 'm.json', 'x'), true);
  assert.throws(
    () => isChannelsFirst([null, 10], 'nchw', 'm.json', 'x'),
    (e: unknown) => e instanceof EquiLensError && e.message.includes('--input-layout nchw needs a rank-3 or rank-4 input'),
  );
});

test('static checks of an NCHW graph read the real H and W, through its Transpose to NHWC', async () => {
  const { readFileSync } = await import('node:fs');
  const { parseModelJson } = await import('../src/core/load/modelJson');
  const { walkGraph } = await import('../src/core/checks/graph/walkGraph');
  const b64 = (s: string) => btoa(s);
  const file = writeGraph(
    `${tmp.dir}/padded`,
    [
      placeholder('x', 'DT_FLOAT', [1, 3, 8, 8]),
      { name: 'pad', op: 'Pad', input: ['x', 'pads'], attr: { T: { type: 'DT_FLOAT' }, Tpaddings: { type: 'DT_INT32' } } },
      { name: 'nhwc', op: 'Transpose', input: ['pad', 'perm'], attr: { T: { type: 'DT_FLOAT' }, Tperm: { type: 'DT_INT32' } } },
      op('conv', 'Conv2D', ['nhwc', 'k'], {
        strides: { list: { i: ['1', '2', '2', '1'] } },
        padding: { s: b64('VALID') },
        data_format: { s: b64('NHWC') },
        dilations: { list: { i: ['1', '1', '1', '1'] } },
      }),
    ],
    [
      { name: 'pads', dtype: 'int32', shape: [4, 2], values: [0, 0, 0, 0, 0, 1, 0, 1] },
      { name: 'perm', dtype: 'int32', shape: [4], values: [0, 2, 3, 1] },
      { name: 'k', dtype: 'float32', shape: [3, 3, 3, 1], values: Array(27).fill(0.1) },
    ],
  );
  const json = parseModelJson(readFileSync(file, 'utf8'), file);
  const constants = new Map([
    ['pads', [0, 0, 0, 0, 0, 1, 0, 1]],
    ['perm', [0, 2, 3, 1]],
  ]);
  const steps = walkGraph(json, [1, 3, 8, 8], constants, true);
  const pad = steps.find((s) => s.className === 'Pad')!;
  assert.deepEqual(
    [pad.inSize, pad.outSize],
    [
      [8, 8],
      [9, 9],
    ],
    'the pad acts on H and W (axes 2, 3)',
  );
  assert.deepEqual(pad.borders!.sides, [
    [0, 1],
    [0, 1],
  ]);
  const conv = steps.find((s) => s.className === 'Conv2D')!;
  assert.deepEqual(
    [conv.inSize, conv.outSize],
    [
      [9, 9],
      [4, 4],
    ],
    'after the Transpose the map is NHWC',
  );
});

test('static checks of a channels-first layers model read H×W, not C×H', async () => {
  const tfl = await import('@tensorflow/tfjs-layers');
  const { analyzeTopology } = await import('../src/core/checks/analyzeTopology');
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [3, 9, 9], filters: 2, kernelSize: 2, strides: 2, padding: 'valid', dataFormat: 'channelsFirst' }));
  const json = { format: 'layers-model' as const, modelTopology: m.toJSON(null, false) as Record<string, unknown>, weightsManifest: [] };
  m.dispose();
  const evidence = (channelsFirst: boolean) =>
    analyzeTopology(json, 'c4', [null, 3, 9, 9], { channelsFirst })
      .map((f) => f.evidence)
      .join(' ');
  assert.match(evidence(true), /on a 9×9 map/);
  assert.match(evidence(false), /on a 3×9 map/, 'read as NHWC, the channels would be taken for rows');
});

test('an open NCHW input sized by --input-shape in its own order (3x5x5) is still NCHW', async () => {
  const open = writeGraph(
    `${tmp.dir}/nchw-open`,
    [
      placeholder('x', 'DT_FLOAT', [-1, 3, -1, -1]),
      op('weighted', 'Mul', ['x', 'w']),
      op('sum', 'Sum', ['weighted', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }),
      op('Identity', 'Identity', ['sum']),
    ],
    [
      { name: 'w', dtype: 'float32', shape: [1, 1, 5, 1], values: [1, 2, 3, 4, 5] },
      { name: 'axes', dtype: 'int32', shape: [2], values: [2, 3] },
    ],
  );
  const r = await runAudit({ targets: [open], group: 'flip-h', output: 'invariant', probesCount: 4, seed: 0, inputShape: [3, 5, 5] }, host);
  assert.equal(r.model.input.layout, 'NCHW');
  assert.deepEqual(r.probes.shape, [4, 5, 5, 3]);
  assert.ok(r.members[0]!.relError! < 1e-5);
});
