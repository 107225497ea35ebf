import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyzeTopology, AUDIT_FINDING_KINDS, FINDING_INFO, RULES, type Finding, type FindingKind } from '../src/core/checks';
import { axisSampling, isSymmetric } from '../src/core/checks/geometry';
import { toModelJson, type ModelJson } from '../src/core/load/modelJson';

type Config = Record<string, unknown>;
const layer = (class_name: string, name: string, config: Config = {}) => ({ class_name, config: { name, trainable: true, ...config } });
const conv = (name: string, c: Config = {}) =>
  layer('Conv2D', name, {
    kernel_size: [3, 3],
    strides: [1, 1],
    padding: 'same',
    dilation_rate: [1, 1],
    kernel_initializer: { class_name: 'GlorotUniform', config: {} },
    bias_initializer: { class_name: 'Zeros', config: {} },
    ...c,
  });
const pool = (name: string, c: Config = {}) => layer('AveragePooling2D', name, { pool_size: [2, 2], strides: null, padding: 'valid', ...c });

/** A Sequential layers model on size×size inputs (the first layer carries the input shape). */
function sequential(layers: { class_name: string; config: Config }[], size = 16): ModelJson {
  const [first, ...rest] = layers;
  const withInput = first ? [{ ...first, config: { ...first.config, batch_input_shape: [null, size, size, 1] } }, ...rest] : [];
  return toModelJson({ format: 'layers-model', modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: withInput } }, weightsManifest: [] }, 'test');
}

const run = (json: ModelJson, group: string, shape: (number | null)[] = [null, null, null, 1]) => analyzeTopology(json, group, shape);
const kinds = (fs: Finding[]) => fs.map((f) => `${f.kind}@${f.layer}`);
const only = (fs: Finding[], kind: FindingKind) => fs.filter((f) => f.kind === kind);

describe('finding table', () => {
  test('every rule kind has a title, condition and description, and findings copy the title', () => {
    for (const rule of RULES) assert.ok(FINDING_INFO[rule.kind].title.length > 0);
    // The rest are found while running members (AUDIT_FINDING_KINDS), not by a rule.
    assert.equal(new Set([...RULES.map((r) => r.kind), ...AUDIT_FINDING_KINDS]).size, Object.keys(FINDING_INFO).length);
    const [f] = run(sequential([conv('c', { kernel_size: [3, 1] })]), 'c4');
    assert.equal(f?.title, FINDING_INFO['kernel-not-square'].title);
    assert.equal(f?.layerIndex, 0);
    assert.equal(f?.severity, 'error');
  });
});

describe('axis sampling', () => {
  test('matches TF output sizes and padding splits', () => {
    assert.deepEqual(axisSampling(14, 1, 2, 1, 'same'), { out: 7, padBefore: 0, padAfter: -1, centres: [0, 2, 12] });
    assert.deepEqual(axisSampling(15, 3, 2, 1, 'same'), { out: 8, padBefore: 1, padAfter: 1, centres: [0, 2, 14] });
    assert.ok(isSymmetric(axisSampling(16, 2, 2, 1, 'valid')));
    assert.ok(!isSymmetric(axisSampling(15, 2, 2, 1, 'valid')));
    assert.ok(!isSymmetric(axisSampling(14, 3, 2, 1, 'same')));
    assert.ok(isSymmetric(axisSampling(16, 2, 2, 1, 'same')));
  });
});

describe('kernel-not-square / dilation-not-isotropic', () => {
  test('3×1 and 1×5 kernels under c4/d4', () => {
    assert.deepEqual(kinds(run(sequential([conv('a', { kernel_size: [3, 1] }), conv('b', { kernel_size: [1, 5] })]), 'd4')), ['kernel-not-square@a', 'kernel-not-square@b']);
    assert.match(run(sequential([conv('a', { kernel_size: [3, 1] })]), 'c4')[0]!.evidence, /3×1 kernel becomes 1×3 under rot90/);
  });
  test('square kernels, or non-square ones under flips, are fine', () => {
    assert.deepEqual(run(sequential([conv('a'), conv('b', { kernel_size: 5 })]), 'c4'), []);
    assert.deepEqual(run(sequential([conv('a', { kernel_size: [3, 1] })]), 'flip-h'), []);
    assert.deepEqual(run(sequential([conv('a', { kernel_size: [3, 1] })]), 'c2'), []);
  });
  test('anisotropic dilation under d4 only', () => {
    assert.deepEqual(kinds(run(sequential([conv('a', { dilation_rate: [1, 2] })]), 'd4')), ['dilation-not-isotropic@a']);
    assert.deepEqual(run(sequential([conv('a', { dilation_rate: [2, 2] })]), 'd4'), []);
    assert.deepEqual(run(sequential([conv('a', { dilation_rate: [1, 2] })]), 'flip-h'), []);
  });
});

describe('even-kernel-same-padding', () => {
  test('2×2 same with stride 1 under a flip', () => {
    const fs = run(sequential([conv('a', { kernel_size: [2, 2] })]), 'flip-h');
    assert.deepEqual(kinds(fs), ['even-kernel-same-padding@a']);
    assert.match(fs[0]!.evidence, /pads 0 before and 1 after, not symmetric under flip-h/);
  });
  test('only the axes the group reflects count; valid padding and odd kernels are fine', () => {
    assert.deepEqual(run(sequential([conv('a', { kernel_size: [1, 2] })]), 'flip-v'), []);
    assert.deepEqual(kinds(run(sequential([conv('a', { kernel_size: [1, 2] })]), 'flip-h')), ['even-kernel-same-padding@a']);
    assert.deepEqual(run(sequential([conv('a', { kernel_size: [2, 2], padding: 'valid' })]), 'd4'), []);
    assert.deepEqual(run(sequential([conv('a', { kernel_size: [2, 2] })]), 'translate'), []);
    // dilation 2 makes a 2-tap kernel span 3 pixels: centred
    assert.deepEqual(run(sequential([conv('a', { kernel_size: [2, 2], dilation_rate: [2, 2] })]), 'c4'), []);
  });
});

describe('stride-misaligned', () => {
  test('stride 2 on a 14×14 map', () => {
    const json = sequential([conv('a', { padding: 'valid' }), conv('b', { kernel_size: 1, strides: 2 })]);
    const fs = run(json, 'c4');
    assert.deepEqual(kinds(fs), ['stride-misaligned@b']);
    assert.match(fs[0]!.evidence, /stride 2 on a 14×14 map .* rows 0, 2, …, 12 of 0…13 \(the last 1 rows are never read\): not symmetric under rot90/);
    const v = run(sequential([conv('s', { strides: 2 })], 14), 'flip-v');
    assert.deepEqual(kinds(v), ['stride-misaligned@s']);
    assert.match(v[0]!.evidence, /rows 1, 3, …, 13 of 0…13 \(TF pads 0 before and 1 after\): not symmetric under flip-v/);
  });
  test('grids that tile symmetrically are fine', () => {
    assert.deepEqual(run(sequential([conv('s', { strides: 2 })], 15), 'd4'), []);
    assert.deepEqual(run(sequential([pool('p')], 16), 'd4'), []);
    assert.deepEqual(run(sequential([layer('MaxPooling2D', 'p', { pool_size: 2, strides: 2, padding: 'same' })], 16), 'c4'), []);
    assert.deepEqual(run(sequential([pool('p', { pool_size: 3, strides: 1 })], 16), 'c4'), []);
  });
  test('2×2 pool on an odd map drops the last row', () => {
    const fs = run(sequential([pool('p')], 15), 'flip-v');
    assert.deepEqual(kinds(fs), ['stride-misaligned@p']);
    assert.match(fs[0]!.evidence, /AveragePooling2D 2×2.*rows 0.5, 2.5, …, 12.5 of 0…14/);
  });
  test('per-axis strides under rotations; unreflected axes under flips', () => {
    assert.deepEqual(kinds(run(sequential([conv('s', { strides: [1, 2] })]), 'c4')), ['stride-misaligned@s']);
    assert.deepEqual(run(sequential([conv('s', { kernel_size: 1, strides: [1, 2] })]), 'flip-v'), []);
  });
  test('translate: the stride must divide the map', () => {
    assert.deepEqual(kinds(run(sequential([pool('p', { pool_size: 3 })], 16), 'translate')), ['stride-misaligned@p']);
    assert.deepEqual(run(sequential([pool('p')], 16), 'translate'), []);
  });
  test('sizes come from inputShape when the file leaves them open, and tracking stops at Flatten', () => {
    const json = sequential([pool('p')], 16);
    (json.modelTopology.config as { layers: { config: Config }[] }).layers[0]!.config.batch_input_shape = [null, null, null, 1];
    assert.deepEqual(run(json, 'c4', [null, 16, 16, 1]), []);
    assert.deepEqual(kinds(run(json, 'c4', [null, 15, 15, 1])), ['stride-misaligned@p']);
    assert.deepEqual(run(json, 'c4', [null, null, null, 1]), []); // unknown size: nothing claimed
    const flat = sequential([layer('Flatten', 'f'), pool('p')], 15);
    assert.deepEqual(run(flat, 'c4'), []);
  });
  test('sizes track through cropping, padding and upsampling', () => {
    // 16 → pad 1 → 18 → crop 2 → 14 → up ×2 → 28 → pool 2 → 14 → stride 2 conv on 14: flagged
    const json = sequential([
      layer('ZeroPadding2D', 'zp', {
        padding: [
          [1, 1],
          [1, 1],
        ],
      }),
      layer('Cropping2D', 'cr', {
        cropping: [
          [2, 2],
          [2, 2],
        ],
      }),
      layer('UpSampling2D', 'up', { size: [2, 2] }),
      pool('p'),
      conv('s', { strides: 2 }),
    ]);
    assert.deepEqual(kinds(run(json, 'd4')), ['stride-misaligned@s']);
    assert.match(run(json, 'd4')[0]!.evidence, /14×14/);
  });
  test('functional models follow inbound nodes', () => {
    const node = (from: string) => [[[from, 0, 0, {}]]];
    const json = toModelJson(
      {
        format: 'layers-model',
        modelTopology: {
          model_config: {
            class_name: 'Model',
            config: {
              name: 'f',
              layers: [
                { class_name: 'InputLayer', name: 'in', config: { name: 'in', batch_input_shape: [null, 16, 16, 1] }, inbound_nodes: [] },
                { ...pool('p'), name: 'p', inbound_nodes: node('in') },
                { ...conv('side', { strides: 2 }), inbound_nodes: node('in') },
                { ...conv('s', { strides: 2 }), inbound_nodes: node('p') },
              ],
            },
          },
        },
        weightsManifest: [],
      },
      'test',
    );
    // 'side' reads the 16×16 input (3×3 stride 2 same on 16: asymmetric); 's' reads 8×8 (also asymmetric)
    const fs = run(json, 'c4');
    assert.deepEqual(kinds(fs), ['stride-misaligned@side', 'stride-misaligned@s']);
    assert.match(fs[1]!.evidence, /8×8/);
  });
});

describe('asymmetric-crop-or-pad', () => {
  const crop = (cropping: unknown) => sequential([layer('Cropping2D', 'cr', { cropping })]);
  test('top ≠ bottom under flip-v and rotations, not under flip-h', () => {
    assert.deepEqual(
      kinds(
        run(
          crop([
            [1, 0],
            [0, 0],
          ]),
          'flip-v',
        ),
      ),
      ['asymmetric-crop-or-pad@cr'],
    );
    assert.deepEqual(
      kinds(
        run(
          crop([
            [1, 0],
            [0, 0],
          ]),
          'c2',
        ),
      ),
      ['asymmetric-crop-or-pad@cr'],
    );
    assert.deepEqual(
      run(
        crop([
          [1, 0],
          [0, 0],
        ]),
        'flip-h',
      ),
      [],
    );
  });
  test('rows ≠ columns under c4 only', () => {
    assert.deepEqual(
      kinds(
        run(
          crop([
            [1, 1],
            [2, 2],
          ]),
          'c4',
        ),
      ),
      ['asymmetric-crop-or-pad@cr'],
    );
    assert.deepEqual(run(crop([1, 2]), 'c2'), []);
    assert.deepEqual(run(crop(2), 'd4'), []);
  });
  test('ZeroPadding2D', () => {
    assert.deepEqual(run(sequential([layer('ZeroPadding2D', 'zp', { padding: 1 })]), 'd4'), []);
    const fs = run(
      sequential([
        layer('ZeroPadding2D', 'zp', {
          padding: [
            [0, 0],
            [0, 1],
          ],
        }),
      ]),
      'flip-h',
    );
    assert.match(fs[0]!.evidence, /pads top 0, bottom 0, left 0, right 1: left ≠ right/);
  });
});

describe('init-not-invariant', () => {
  test('Identity and unknown initialisers are flagged, i.i.d. ones are not', () => {
    const json = sequential([
      conv('id', { kernel_initializer: { class_name: 'Identity', config: {} } }),
      conv('custom', { bias_initializer: { class_name: 'MyInit', config: {} } }),
      conv('fine', { kernel_initializer: { class_name: 'VarianceScaling', config: {} } }),
      layer('Dense', 'd', { kernel_initializer: 'he_normal', bias_initializer: { class_name: 'Constant', config: { value: 0.1 } } }),
    ]);
    const fs = run(json, 'flip-h');
    assert.deepEqual(kinds(fs), ['init-not-invariant@id', 'init-not-invariant@custom']);
    assert.equal(fs[0]!.severity, 'warning');
    assert.match(fs[0]!.evidence, /kernel_initializer is Identity.*used when the layer was created/);
  });
});

describe('frozen-layer', () => {
  test('trainable: false is reported as info', () => {
    const fs = run(sequential([conv('a', { trainable: false }), conv('b')]), 'permute');
    assert.deepEqual(kinds(fs), ['frozen-layer@a']);
    assert.equal(fs[0]!.severity, 'info');
  });
});

describe('augmentation-layer', () => {
  const flip = (name: string, mode: string) => layer('RandomFlip', name, { mode });
  const rot = (name: string, factor: unknown) => layer('RandomRotation', name, { factor });
  test('a subgroup warns, the whole group informs', () => {
    const h = run(sequential([flip('f', 'horizontal'), conv('c')]), 'd4');
    assert.deepEqual(
      h.map((f) => [f.kind, f.severity]),
      [['augmentation-layer', 'warning']],
    );
    assert.match(h[0]!.evidence, /draws flip-h of d4's/);
    assert.equal(only(run(sequential([flip('f', 'horizontal')]), 'flip-h'), 'augmentation-layer')[0]?.severity, 'info');
    assert.equal(only(run(sequential([flip('f', 'horizontal_and_vertical')]), 'c2'), 'augmentation-layer')[0]?.severity, 'info');
    assert.equal(only(run(sequential([rot('r', 0.5)]), 'c4'), 'augmentation-layer')[0]?.severity, 'info');
    assert.equal(only(run(sequential([rot('r', 0.1)]), 'c4'), 'augmentation-layer')[0]?.severity, 'warning');
    assert.equal(only(run(sequential([flip('f', 'vertical')]), 'flip-h'), 'augmentation-layer')[0]?.severity, 'warning');
  });
  test('layers together can cover the group', () => {
    const fs = run(sequential([flip('f', 'horizontal'), rot('r', [-0.5, 0.5])]), 'd4');
    assert.deepEqual(
      fs.map((f) => `${f.severity}@${f.layer}`),
      ['info@f', 'info@r'],
    );
  });
  test('other augmentation layers and non-image groups say nothing', () => {
    assert.deepEqual(run(sequential([layer('RandomZoom', 'z', { height_factor: 0.1 })]), 'c4'), []);
    assert.deepEqual(run(sequential([flip('f', 'horizontal')]), 'permute'), []);
    assert.equal(run(sequential([layer('RandomTranslation', 't', {})]), 'translate')[0]?.severity, 'info');
  });
});

describe('models', () => {
  test('an empty graph gives no findings (graph rules: checks.graph.test.ts)', () => {
    const json = toModelJson({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }, 'g');
    assert.deepEqual(analyzeTopology(json, 'c4', [null, 16, 16, 1]), []);
  });
  const example = (dir: string) => toModelJson(JSON.parse(readFileSync(`examples/${dir}/member-01/model.json`, 'utf8')), dir);
  test('incompatible-augmented example: 1×5 kernels under c4', () => {
    const fs = run(example('incompatible-augmented'), 'c4', [null, 16, 16, 1]);
    assert.deepEqual(kinds(fs), ['kernel-not-square@conv1', 'kernel-not-square@conv2']);
  });
  test('compatible-augmented example: no architecture findings under c4 and d4', () => {
    for (const g of ['c4', 'd4', 'flip-h', 'translate']) {
      const fs = run(example('compatible-augmented'), g, [null, 16, 16, 1]);
      assert.deepEqual(
        fs.filter((f) => FINDING_INFO[f.kind].condition === 'architecture'),
        [],
        g,
      );
    }
  });
});
