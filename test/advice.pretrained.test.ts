// Advice that fits the situation (issue 12, point 7): one pretrained model is symmetrised and
// fine-tuned, not retrained as an ensemble; one input size for the whole model; snippets that
// match the model; short titles; frozen layers in one line.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adviseFixes, MAX_TITLE, type Fix } from '../src/core/advice';
import { wholeModelInputSize } from '../src/core/advice/inputSize';
import { symmetricPaddingHolds } from '../src/core/advice/premise';
import { runAudit } from '../src/core/audit/runAudit';
import { analyzeTopology, type Finding } from '../src/core/checks';
import { mergeFrozenFindings } from '../src/core/checks/frozenSummary';
import { toModelJson, type ModelJson } from '../src/core/load/modelJson';
import { renderMarkdown, renderTerminal } from '../src/core/report';
import type { AuditReport } from '../src/core/report/types';
import { nodeFiles } from '../src/node/nodeFiles';
import { makeCnn, saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const fixture = JSON.parse(readFileSync(join(__dirname, 'page/fixtures/report.json'), 'utf8')) as AuditReport;
const tmp = tempDir('equilens-pretrained-');
before(async () => {
  await tf.setBackend('cpu');
});
after(() => tmp.cleanup());

type Config = Record<string, unknown>;
const layer = (class_name: string, name: string, config: Config = {}) => ({ class_name, config: { name, trainable: true, ...config } });
const conv = (name: string, c: Config = {}) =>
  layer('Conv2D', name, { filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'same', dilation_rate: [1, 1], kernel_initializer: { class_name: 'GlorotUniform', config: {} }, ...c });
/** A Sequential topology on size×size×1 inputs. */
function sequential(size: number, ...layers: { class_name: string; config: Config }[]): ModelJson {
  const [first, ...rest] = layers;
  const withInput = [{ ...first!, config: { ...first!.config, batch_input_shape: [null, size, size, 1] } }, ...rest];
  return toModelJson({ format: 'layers-model', modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: withInput } }, weightsManifest: [] }, 'test');
}

/** The fixture as one model (N = 1) of relError 0.3, with `findings` and the input size. */
function single(findings: Finding[] = [], patch: Partial<AuditReport> = {}, size = 16): AuditReport {
  return {
    ...fixture,
    model: { ...fixture.model, input: { ...fixture.model.input, shape: [null, size, size, 1] } },
    probes: { ...fixture.probes, shape: [32, size, size, 1] },
    members: [{ ...fixture.members[0]!, relError: 0.3 }],
    ensemble: null,
    findings,
    ...patch,
  };
}
const ids = (fixes: Fix[]) => fixes.map((f) => f.id);

describe('one pretrained model', () => {
  test('symmetrise at inference first, then fine-tune with augmentation; no ensemble to train, no starting-law advice', () => {
    // Frozen layers and a misaligned stride: the first is about members' starting law (none here), the second a retrain.
    const json = sequential(16, conv('base', { trainable: false }), conv('head', { trainable: false }), conv('down', { strides: [2, 2] }), layer('GlobalAveragePooling2D', 'gap'));
    const findings = mergeFrozenFindings(analyzeTopology(json, 'flip-h', [null, 16, 16, 1]));
    const r = single(findings, { group: { name: 'flip-h', order: 2, fullOrder: 2, sampled: false, elements: ['e', 'flip-h'] } });
    const fixes = adviseFixes(r);
    assert.deepEqual(ids(fixes), ['symmetrisation:orbit-average', 'augmentation:fine-tune', 'distillation:symmetrised-teacher', 'architecture:stride-misaligned']);
    assert.equal(fixes[1]!.title, 'Fine-tune with flip-h augmentation');
    assert.match(fixes[1]!.what, /^Fine-tune the pretrained model for a few epochs .* uniformly random element of flip-h \(e, flip-h\), drawn anew at every visit; the labels stay as they are\.$/);
    assert.match(fixes[1]!.snippets.tfjs!, /function augment\(/, 'a layers model can be fine-tuned in TF.js');
    assert.ok(!fixes.some((f) => /ensemble|member/i.test(f.title)), fixes.map((f) => f.title).join(' | '));
    assert.match(renderTerminal({ ...r, fixes }), /fixes, for one model, least training first \(1 more\); --md or --html for why, effect and code:\n {2}1\. Symmetrise at inference/);
    assert.match(renderMarkdown({ ...r, fixes }), /One model \(usually pretrained\): what needs no training first/);
  });

  test('the symmetrisation snippet runs the audited kind of model; a graph model is fine-tuned outside TF.js', () => {
    const layers = adviseFixes(single());
    assert.match(layers[0]!.snippets.tfjs!, /function symmetrised\(models: tf\.LayersModel\[\], x: tf\.Tensor\)/);
    assert.match(layers[0]!.snippets.tfjs!, /tf\.loadLayersModel/);
    assert.match(layers[0]!.snippets.tfjs!, /m\.predict\(transform\(x, g\)\)/);
    const graph = adviseFixes(single([], { model: { ...fixture.model, format: 'graph-model', output: { name: 'Identity_1:0', shape: [null, 5] } } }));
    const code = graph[0]!.snippets.tfjs!;
    assert.match(code, /tf\.loadGraphModel\('model\.json'\)/);
    assert.match(code, /function symmetrised\(models: tf\.GraphModel\[\], x: tf\.Tensor\)/);
    assert.match(code, /const OUTPUT = "Identity_1:0"; \/\/ the audited output/);
    assert.match(code, /m\.execute\(transform\(x, g\), OUTPUT\)/);
    assert.doesNotMatch(code, /LayersModel/);
    const tune = graph.find((f) => f.id === 'augmentation:fine-tune')!;
    assert.equal(tune.snippets.tfjs, undefined, 'TF.js cannot train a graph model');
    assert.match(tune.snippets.keras!, /def augment\(x, y\)/);
    assert.match(tune.what, /TF\.js runs graph models but cannot train them/);
  });

  test('symmetrisation follows the representation chosen: invariant averages as is, classes un-permute, points in words only', () => {
    const inv = adviseFixes(single())[0]!;
    assert.match(inv.what, /f̄\(x\) = \(1\/4\) Σ_g f\(ρ_in\(g\) x\) — the output is invariant/);
    const classes = adviseFixes(
      single([], { group: { name: 'flip-h', order: 2, fullOrder: 2, sampled: false, elements: ['e', 'flip-h'] }, representation: { kind: 'classes', description: 'classes (flip-h: 1,0,2,3,4)' } }),
    )[0]!;
    assert.match(classes.what, /ρ_out\(g\)⁻¹ f\(ρ_in\(g\) x\), un-permuting the classes/);
    assert.match(classes.snippets.tfjs!, /const CLASS_PERM = \[\[0,1,2,3,4\],\[1,0,2,3,4\]\];/);
    const points = adviseFixes(single([], { outputKind: 'regression', representation: { kind: 'points', description: 'points yxs (unit frame)' } }));
    assert.match(points[0]!.what, /coordinates through the inverse transform/);
    assert.deepEqual(points[0]!.snippets, {}, 'no snippet for an action it cannot write');
    assert.deepEqual(points.find((f) => f.id === 'augmentation:fine-tune')!.snippets, {});
  });
});

describe('one input size for the whole model', () => {
  /** The advice with the whole-model size, as assembleReport computes it. */
  const advise = (json: ModelJson, r: AuditReport) => adviseFixes(r, { inputSize: wholeModelInputSize(r, (shape) => analyzeTopology(json, r.group.name, shape)) });
  const flipH = { name: 'flip-h', order: 2, fullOrder: 2, sampled: false, elements: ['e', 'flip-h'] };

  test("two stride-2 'same' layers on 16 columns: one size, 17, where per-layer targets said 17 and 18", () => {
    const json = sequential(16, conv('down1', { strides: [2, 2] }), conv('down2', { strides: [2, 2] }), layer('GlobalAveragePooling2D', 'gap'));
    const findings = analyzeTopology(json, 'flip-h', [null, 16, 16, 1]);
    assert.deepEqual(
      findings.map((f) => `${f.kind}@${f.layer}`),
      ['stride-misaligned@down1', 'stride-misaligned@down2'],
    );
    // Without the whole-model size: a target per layer, and they disagree.
    const old = adviseFixes(single(findings, { group: flipH })).find((f) => f.id === 'architecture:stride-misaligned')!;
    assert.match(old.what, /resize the inputs to 16×17.*resize the inputs to 16×18/);
    const fix = advise(json, single(findings, { group: flipH })).find((f) => f.id === 'architecture:stride-misaligned')!;
    assert.equal(fix.title, 'Resize the inputs to 16×17: every strided window grid is then symmetric');
    assert.match(fix.what, /^At 16×16, 2 strided layers \(down1, down2\) centre their windows off the map's middle; at 16×17 none does/);
    assert.match(fix.what, /For a pretrained model: resize \(or pad\) every input to 16×17 before it/);
    assert.match(fix.snippets.tfjs!, /tf\.loadLayersModel\('model\.json'\)[\s\S]*tf\.image\.resizeBilinear\(images, \[16, 17\], false, true\)/);
    assert.deepEqual(analyzeTopology(json, 'flip-h', [null, 16, 17, 1]), [], 'the size it names really clears them');
    // Rotations keep the input square: both sides move together.
    const c4 = advise(json, single(analyzeTopology(json, 'c4', [null, 16, 16, 1])));
    assert.equal(c4.find((f) => f.id === 'architecture:stride-misaligned')!.title, 'Resize the inputs to 17×17: every strided window grid is then symmetric');
  });

  test('a stride-2 conv beside a 2×2 max pool on one map: no size works, so no resize is offered', () => {
    // Functional: input → conv (3×3, stride 2, same) and maxpool (2×2, stride 2) → add → pool.
    const json = toModelJson(
      {
        format: 'layers-model',
        modelTopology: {
          class_name: 'Model',
          config: {
            name: 'm',
            layers: [
              { class_name: 'InputLayer', name: 'in', config: { name: 'in', batch_input_shape: [null, 16, 16, 4] }, inbound_nodes: [] },
              {
                class_name: 'Conv2D',
                name: 'down',
                config: { name: 'down', filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same', dilation_rate: [1, 1] },
                inbound_nodes: [[['in', 0, 0, {}]]],
              },
              { class_name: 'MaxPooling2D', name: 'pool', config: { name: 'pool', pool_size: [2, 2], strides: [2, 2], padding: 'same' }, inbound_nodes: [[['in', 0, 0, {}]]] },
              {
                class_name: 'Add',
                name: 'add',
                config: { name: 'add' },
                inbound_nodes: [
                  [
                    ['down', 0, 0, {}],
                    ['pool', 0, 0, {}],
                  ],
                ],
              },
            ],
            input_layers: [['in', 0, 0]],
            output_layers: [['add', 0, 0]],
          },
        },
        weightsManifest: [],
      },
      'test',
    );
    const shape = [null, 16, 16, 4];
    const findings = analyzeTopology(json, 'flip-h', shape);
    assert.deepEqual(
      findings.map((f) => `${f.kind}@${f.layer}`),
      ['stride-misaligned@down'],
    );
    const r = single(findings, { group: flipH, model: { ...fixture.model, input: { name: 'in', shape } }, probes: { ...fixture.probes, shape: [32, 16, 16, 4] } });
    const fix = advise(json, r).find((f) => f.id === 'architecture:stride-misaligned')!;
    assert.equal(fix.title, 'Strided layers off-centre at every input size near 16×16: down');
    assert.match(fix.what, /^No input size within ±64 of 16×16 makes every strided window grid symmetric/);
    assert.doesNotMatch(fix.what, /resize the inputs to/);
    assert.deepEqual(fix.snippets, {});
  });
});

describe('titles and frozen layers', () => {
  test('every fix title of several reports is at most 120 characters', () => {
    const long = (i: number) => `StatefulPartitionedCall/model/very_long_block_name_${i}/depthwise_conv2d_${i}/depthwise`;
    const many = (n: number, c: Config) => Array.from({ length: n }, (_, i) => conv(long(i), c));
    const cases: [string, ModelJson][] = [
      ['c4', sequential(16, ...many(12, { kernel_size: [1, 5] }))],
      ['d4', sequential(16, ...many(12, { dilation_rate: [1, 2] }))],
      ['flip-h', sequential(16, ...many(12, { kernel_size: [4, 4] }))],
      ['flip-h', sequential(64, ...many(5, { strides: [2, 2] }))],
      [
        'c4',
        sequential(
          16,
          layer('Cropping2D', long(99), {
            cropping: [
              [1, 0],
              [0, 0],
            ],
          }),
          ...many(10, { trainable: false }),
          ...many(3, { kernel_initializer: { class_name: 'Identity', config: {} } }),
        ),
      ],
    ];
    const ensemble = (f: Finding[]) => ({ ...fixture, findings: f, ensemble: { ...fixture.ensemble!, floor: 0.2, floorCI: [0.15, 0.25] as [number, number] } });
    let titles = 0;
    for (const [group, json] of cases) {
      const findings = mergeFrozenFindings(analyzeTopology(json, group, [null, 16, 16, 1]));
      for (const r of [single(findings), ensemble(findings)]) {
        for (const f of adviseFixes({ ...r, group: { ...r.group, name: group } })) {
          titles++;
          assert.ok([...f.title].length <= MAX_TITLE, `${f.title.length}: ${f.title}`);
        }
      }
    }
    assert.ok(titles >= 15, `${titles} titles checked`);
  });

  test('frozen layers: one finding listing them all, in the report and in its advice', async () => {
    const json = sequential(16, ...Array.from({ length: 98 }, (_, i) => conv(`frozen_${i}`, { trainable: false })), conv('head'));
    const raw = analyzeTopology(json, 'c4', [null, 16, 16, 1]);
    assert.equal(raw.filter((f) => f.kind === 'frozen-layer').length, 98, 'the editor keeps one per layer');
    const merged = mergeFrozenFindings(raw);
    assert.equal(merged.length, 1);
    assert.deepEqual([merged[0]!.layer, merged[0]!.layers!.length, merged[0]!.layers![97]], ['frozen_0', 98, 'frozen_97']);
    assert.match(merged[0]!.evidence, /^98 layers have trainable false \(frozen_0, frozen_1, frozen_2 and 95 more\)/);
    const ens = { ...fixture, findings: merged, ensemble: { ...fixture.ensemble!, floor: 0.2, floorCI: [0.15, 0.25] as [number, number] } };
    const fix = adviseFixes(ens).find((f) => f.id === 'initialisation:frozen-layer')!;
    assert.equal(fix.layers.length, 98);
    assert.ok(fix.title.length <= MAX_TITLE);

    // End to end: a member with two frozen layers gets one finding (with `layers`).
    const cnn = makeCnn({ seed: 1, size: 8, channels: 1 });
    cnn.layers[0]!.trainable = false;
    cnn.layers[2]!.trainable = false;
    const path = writeModel(join(tmp.dir, 'frozen'), await saveArtifacts(cnn));
    cnn.dispose();
    const r = await runAudit({ targets: [path], group: 'c4', output: 'invariant', probesCount: 4, seed: 0 }, { fs: nodeFiles, backend: 'cpu' });
    const frozen = r.findings.filter((f) => f.kind === 'frozen-layer');
    assert.equal(frozen.length, 1);
    assert.deepEqual(frozen[0]!.layers, [cnn.layers[0]!.name, cnn.layers[2]!.name]);
    assert.equal(renderTerminal(r).split('Frozen layer').length - 1, 1);
  });
});

describe('a fix whose premise fails is not offered', () => {
  const analyze = (group: string) => (shape: (number | null)[], json: ModelJson, constants?: ReadonlyMap<string, readonly number[]>) => analyzeTopology(json, group, shape, { constants });
  const flipH = { name: 'flip-h', order: 2, fullOrder: 2, sampled: false, elements: ['e', 'flip-h'] };

  test("Pad (0, 1) before a stride-2 VALID conv (a converted 'same'): symmetric padding would misalign it, so no padding fix", () => {
    const json = sequential(
      16,
      layer('ZeroPadding2D', 'pad', {
        padding: [
          [0, 0],
          [0, 1],
        ],
      }),
      conv('down', { strides: [2, 2], padding: 'valid' }),
      layer('GlobalAveragePooling2D', 'gap'),
    );
    const shape = [null, 16, 16, 1];
    const findings = analyzeTopology(json, 'flip-h', shape);
    assert.deepEqual(
      findings.map((f) => `${f.kind}@${f.layer}`),
      ['asymmetric-crop-or-pad@pad'],
      'the grid on 17 columns is centred',
    );
    assert.equal(symmetricPaddingHolds(findings, json, undefined, 'flip-h', shape, analyze('flip-h')), false);
    // Padded 1 and 1, the conv reads 18 columns: its grid is then off-centre.
    const padded = sequential(
      16,
      layer('ZeroPadding2D', 'pad', {
        padding: [
          [0, 0],
          [1, 1],
        ],
      }),
      conv('down', { strides: [2, 2], padding: 'valid' }),
    );
    assert.deepEqual(
      analyzeTopology(padded, 'flip-h', shape).map((f) => f.kind),
      ['stride-misaligned'],
    );
    const r = single(findings, { group: flipH });
    assert.ok(
      adviseFixes(r).some((f) => f.id === 'architecture:asymmetric-crop-or-pad'),
      'offered when nobody checked',
    );
    assert.ok(!adviseFixes(r, { premises: { symmetricPadding: false } }).some((f) => f.id === 'architecture:asymmetric-crop-or-pad'));
  });

  test('one-sided padding before a stride-1 conv: symmetric padding does make it compatible, so it stays', () => {
    const json = sequential(
      16,
      layer('ZeroPadding2D', 'pad', {
        padding: [
          [0, 0],
          [1, 2],
        ],
      }),
      conv('c'),
    );
    const shape = [null, 16, 16, 1];
    const findings = analyzeTopology(json, 'flip-h', shape);
    assert.equal(symmetricPaddingHolds(findings, json, undefined, 'flip-h', shape, analyze('flip-h')), true);
  });

  test('graph models: the Pad amounts are changed in a copy of the constants', () => {
    const ints = (...v: number[]) => ({ list: { i: v.map(String) } });
    const f32 = { type: 'DT_FLOAT' };
    const graphJson = toModelJson(
      {
        format: 'graph-model',
        modelTopology: {
          node: [
            { name: 'x', op: 'Placeholder', attr: { dtype: f32, shape: { shape: { dim: [-1, 16, 16, 1].map((d) => ({ size: String(d) })) } } } },
            { name: 'pads', op: 'Const', attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: {} } } } },
            { name: 'w', op: 'Const', attr: { dtype: f32, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: {} } } } },
            { name: 'pad', op: 'Pad', input: ['x', 'pads'], attr: { T: f32 } },
            {
              name: 'conv',
              op: 'Conv2D',
              input: ['pad', 'w'],
              attr: { T: f32, padding: { s: btoa('VALID') }, data_format: { s: btoa('NHWC') }, strides: ints(1, 2, 2, 1), dilations: ints(1, 1, 1, 1), explicit_paddings: { list: {} } },
            },
          ],
          library: {},
          versions: {},
        },
        weightsManifest: [
          {
            paths: [],
            weights: [
              { name: 'pads', shape: [4, 2], dtype: 'int32' },
              { name: 'w', shape: [3, 3, 1, 4], dtype: 'float32' },
            ],
          },
        ],
      },
      'graph',
    );
    const constants = new Map([['pads', [0, 0, 0, 1, 0, 1, 0, 0]]]);
    const shape = [null, 16, 16, 1];
    const findings = analyzeTopology(graphJson, 'flip-h', shape, { constants });
    assert.deepEqual(
      findings.map((f) => `${f.kind}@${f.layer}`),
      ['asymmetric-crop-or-pad@pad'],
    );
    assert.equal(symmetricPaddingHolds(findings, graphJson, constants, 'flip-h', shape, analyze('flip-h')), false);
    assert.deepEqual(constants.get('pads'), [0, 0, 0, 1, 0, 1, 0, 0], "the audit's constants are left alone");
  });
});
