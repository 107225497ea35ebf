// Static findings on 1-D layers models under the sequence groups: reverse needs symmetric window
// grids and borders, shift needs strides that divide the length.
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeTopology, type Finding } from '../src/core/checks';
import { toModelJson, type ModelJson } from '../src/core/load/modelJson';

type Config = Record<string, unknown>;
const layer = (class_name: string, name: string, config: Config = {}) => ({ class_name, config: { name, trainable: true, ...config } });
const conv = (name: string, c: Config = {}) => layer('Conv1D', name, { kernel_size: [3], strides: [1], padding: 'same', dilation_rate: [1], ...c });
const pool = (name: string, c: Config = {}) => layer('MaxPooling1D', name, { pool_size: [2], strides: null, padding: 'valid', ...c });

/** A Sequential model on sequences of `length` steps with 2 features. */
function sequential(layers: { class_name: string; config: Config }[], length: number | null = 16, shapeKey = 'batch_input_shape'): ModelJson {
  const [first, ...rest] = layers;
  const withInput = first ? [{ ...first, config: { ...first.config, [shapeKey]: [null, length, 2] } }, ...rest] : [];
  return toModelJson({ format: 'layers-model', modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: withInput } }, weightsManifest: [] }, 'test');
}
const run = (json: ModelJson, group: string, shape: (number | null)[] = []) => analyzeTopology(json, group, shape);
const kinds = (fs: Finding[]) => fs.map((f) => `${f.kind}@${f.layer}`);

describe('reverse: stride-misaligned', () => {
  test("stride 2, 'same', kernel 3 on 16 steps is flagged; on 15 it is symmetric", () => {
    const fs = run(sequential([conv('c', { strides: [2] })], 16), 'reverse');
    assert.deepEqual(kinds(fs), ['stride-misaligned@c']);
    assert.equal(
      fs[0]!.evidence,
      "stride 2 on a length-16 sequence (kernel size 3, 'same' padding) centres its windows on steps 1, 3, …, 15 of 0…15 (TF pads 0 before and 1 after): not symmetric under reverse.",
    );
    assert.deepEqual(run(sequential([conv('c', { strides: [2] })], 15), 'reverse'), []);
  });
  test('MaxPooling1D 2 drops the last step of an odd sequence', () => {
    const fs = run(sequential([pool('p')], 15), 'reverse');
    assert.deepEqual(kinds(fs), ['stride-misaligned@p']);
    assert.match(fs[0]!.evidence, /MaxPooling1D size 2.*steps 0.5, 2.5, …, 12.5 of 0…14 \(the last 1 steps are never read\)/);
    assert.deepEqual(run(sequential([pool('p'), layer('AveragePooling1D', 'a', { pool_size: [2], strides: [2] })], 16), 'reverse'), []);
  });
  test('sizes track through ZeroPadding1D, Cropping1D and pooling (16 → 18 → 16 → 8), and come from the caller', () => {
    const json = sequential(
      [layer('ZeroPadding1D', 'zp', { padding: 1 }), layer('Cropping1D', 'cr', { cropping: [1, 1] }), pool('p'), conv('s', { kernel_size: [1], strides: [2], padding: 'valid' })],
      null,
    );
    assert.deepEqual(run(json, 'reverse'), []); // length unknown: nothing claimed
    const fs = run(json, 'reverse', [null, 16, 2]);
    assert.deepEqual(kinds(fs), ['stride-misaligned@s']);
    assert.match(fs[0]!.evidence, /length-8 sequence.*the last 1 steps are never read/);
  });
});

describe('reverse: even-kernel-same-padding and asymmetric-crop-or-pad', () => {
  test("an even window with 'same' padding; odd or 'valid' is fine", () => {
    const fs = run(sequential([layer('AveragePooling1D', 'a', { pool_size: [2], strides: [1], padding: 'same' })]), 'reverse');
    assert.deepEqual(kinds(fs), ['even-kernel-same-padding@a']);
    assert.match(fs[0]!.evidence, /window of size 2 with 'same' padding spans 2 steps: TF pads 0 before and 1 after, not symmetric under reverse/);
    assert.deepEqual(run(sequential([conv('c'), conv('v', { kernel_size: [2], padding: 'valid' })]), 'reverse'), []);
  });
  test("'causal' padding pads only the start", () => {
    const fs = run(sequential([conv('c', { padding: 'causal' })]), 'reverse');
    assert.deepEqual(kinds(fs), ['asymmetric-crop-or-pad@c']);
    assert.match(fs[0]!.evidence, /'causal' padding pads start 2, end 0: start ≠ end, not symmetric under reverse/);
    // with a stride the grid decides: 16 + 2 pads, stride 2, kernel 3 never reads the last step
    assert.deepEqual(kinds(run(sequential([conv('c', { padding: 'causal', strides: [2] })]), 'reverse')), ['stride-misaligned@c']);
  });
  test('Cropping1D and ZeroPadding1D: unequal ends are flagged, equal ones not', () => {
    const crop = run(sequential([layer('Cropping1D', 'cr', { cropping: [1, 0] })]), 'reverse');
    assert.match(crop[0]!.evidence, /crops start 1, end 0: start ≠ end, not symmetric under reverse/);
    assert.deepEqual(kinds(run(sequential([layer('ZeroPadding1D', 'zp', { padding: [0, 2] })]), 'reverse')), ['asymmetric-crop-or-pad@zp']);
    assert.deepEqual(run(sequential([layer('Cropping1D', 'cr', { cropping: 2 }), layer('ZeroPadding1D', 'zp', { padding: [1, 1] })]), 'reverse'), []);
  });
});

describe('shift', () => {
  test('the stride must divide the length', () => {
    const fs = run(sequential([conv('c', { strides: [3] })], 16), 'shift');
    assert.deepEqual(kinds(fs), ['stride-misaligned@c']);
    assert.match(fs[0]!.evidence, /stride 3 on a length-16 sequence does not divide its 16 steps/);
    assert.deepEqual(run(sequential([conv('c', { strides: [2] })], 16), 'shift'), []);
    assert.deepEqual(kinds(run(sequential([pool('p')], 15), 'shift')), ['stride-misaligned@p']);
  });
  test('reflection-only problems are not shift problems', () => {
    const json = sequential([conv('c', { padding: 'causal' }), layer('Cropping1D', 'cr', { cropping: [1, 0] }), layer('AveragePooling1D', 'a', { pool_size: [2], strides: [1], padding: 'same' })]);
    assert.deepEqual(run(json, 'shift'), []);
  });
});

describe('groups and ranks stay apart', () => {
  test('image groups say nothing about 1-D layers, sequence groups nothing about 2-D ones', () => {
    const oneD = sequential([conv('c', { kernel_size: [3], strides: [2] }), pool('p')], 15);
    for (const g of ['c4', 'd4', 'flip-h', 'translate']) assert.deepEqual(run(oneD, g), [], g);
    const twoD = toModelJson(
      {
        format: 'layers-model',
        modelTopology: {
          class_name: 'Sequential',
          config: { name: 'm', layers: [layer('Conv2D', 'c', { kernel_size: [1, 5], strides: [2, 2], padding: 'same', batch_input_shape: [null, 15, 16, 1] })] },
        },
        weightsManifest: [],
      },
      'test',
    );
    assert.deepEqual(run(twoD, 'reverse'), []);
    assert.deepEqual(run(twoD, 'shift'), []);
  });
  test('Keras 3 batch_shape and a topology serialised by tfjs-layers itself', () => {
    assert.deepEqual(kinds(run(sequential([pool('p')], 15, 'batch_shape'), 'reverse')), ['stride-misaligned@p']);
    const m = tfl.sequential();
    m.add(tfl.layers.conv1d({ inputShape: [16, 2], filters: 2, kernelSize: 3, strides: 2, padding: 'same', name: 'conv1' }));
    m.add(tfl.layers.maxPooling1d({ poolSize: 2, name: 'pool1' }));
    m.add(tfl.layers.conv1d({ filters: 2, kernelSize: 3, padding: 'causal', name: 'conv2' }));
    m.add(tfl.layers.globalAveragePooling1d({}));
    const json = toModelJson({ format: 'layers-model', modelTopology: m.toJSON(null, false) as object, weightsManifest: [] }, 'tfjs');
    m.dispose();
    assert.deepEqual(kinds(run(json, 'reverse')), ['stride-misaligned@conv1', 'asymmetric-crop-or-pad@conv2']);
    assert.deepEqual(run(json, 'shift'), []);
  });
});
