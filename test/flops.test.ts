import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { countFlops } from '../src/core/load/flops';
import { toModelJson, type ModelJson } from '../src/core/load/modelJson';
import { MOBILENET_BLOCKS, mobileNet } from '../scripts/bench/makeMobileNet';
import { graphArtifacts, makeCnn, saveArtifacts } from './helpers/modelFixtures';

before(async () => {
  await tf.setBackend('cpu');
});

/** The model's JSON as saved, with its manifest (or an empty one: counts from the configs only). */
async function jsonOf(model: tfl.LayersModel, withManifest = true): Promise<ModelJson> {
  const a = await saveArtifacts(model);
  return toModelJson({ format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: [], weights: withManifest ? a.weightSpecs : [] }] }, 'test');
}

/** What flops.ts counts for MobileNetV1 on size×size×3, layer by layer from the paper's table. */
function mobileNetFormula(size: number): { multiplyAdds: number; other: number } {
  let s = Math.ceil(size / 2);
  let c = 32;
  let macs = s * s * 27 * 32; // conv 3×3/2, 3 → 32
  let other = 3 * s * s * 32; // BN (2) + ReLU6 (1)
  for (const [filters, stride] of MOBILENET_BLOCKS) {
    s = Math.ceil(s / stride);
    macs += s * s * 9 * c + s * s * c * filters; // depthwise 3×3 + pointwise 1×1
    other += 3 * s * s * c + 3 * s * s * filters;
    c = filters;
  }
  other += s * s * c; // global average pool
  macs += c * 1000;
  other += 2 * 1000; // bias + softmax
  return { multiplyAdds: macs, other };
}

describe('countFlops: layers models', () => {
  test('a 2-layer CNN, by hand', async () => {
    // conv 3×3 same, 3 → 4 on 8×8, relu → global average pool → dense 4 → 3 softmax
    const m = makeCnn({ size: 8, channels: 3, filters: 4, classes: 3 });
    const json = await jsonOf(m);
    m.dispose();
    const convMacs = 8 * 8 * 3 * 3 * 3 * 4; // 6912
    const other = 8 * 8 * 4 * 2 /* bias + relu */ + 8 * 8 * 4 /* pool */ + 3 * 2; /* bias + softmax */
    assert.deepEqual(countFlops(json, [8, 8, 3]), { multiplyAdds: convMacs + 4 * 3, other, flops: 2 * (convMacs + 12) + other });
    // Real spatial sizes: the same file on 16×16 inputs costs 4× in the convolution.
    assert.equal(countFlops(json, [16, 16, 3])!.multiplyAdds, 4 * convMacs + 12);
  });

  test('valid padding, strides, pooling, Flatten and a strided depthwise + separable layer', async () => {
    const m = tfl.sequential();
    m.add(tfl.layers.conv2d({ inputShape: [11, 11, 2], filters: 5, kernelSize: 3, strides: 2, padding: 'valid', useBias: false })); // 5×5×5
    m.add(tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', useBias: false })); // 5×5×10
    m.add(tfl.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'valid', activation: 'relu' })); // 3×3×6
    m.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 1 })); // 2×2×6
    m.add(tfl.layers.flatten());
    m.add(tfl.layers.dense({ units: 7, useBias: false }));
    const macs = 5 * 5 * (9 * 2 * 5) + 5 * 5 * (9 * 5 * 2) + 3 * 3 * (9 * 10 + 10 * 6) + 24 * 7;
    const other = 3 * 3 * 6 * 2 + 2 * 2 * 6 * 4;
    for (const withManifest of [true, false]) {
      assert.deepEqual(countFlops(await jsonOf(m, withManifest), [11, 11, 2]), { multiplyAdds: macs, other, flops: 2 * macs + other });
    }
    m.dispose();
  });

  test('Conv1D on sequences, causal padding', async () => {
    const m = tfl.sequential();
    m.add(tfl.layers.conv1d({ inputShape: [20, 3], filters: 4, kernelSize: 5, strides: 2, padding: 'causal', useBias: false })); // 10×4
    m.add(tfl.layers.globalAveragePooling1d());
    m.add(tfl.layers.dense({ units: 2, useBias: false }));
    assert.deepEqual(countFlops(await jsonOf(m), [20, 3]), { multiplyAdds: 10 * 5 * 3 * 4 + 8, other: 40, flops: 2 * (200 * 3 + 8) + 40 });
    m.dispose();
  });

  test('functional model: Concatenate adds channels; a merge costs one per element', async () => {
    const x = tfl.input({ shape: [6, 6, 2] });
    const a = tfl.layers.conv2d({ filters: 3, kernelSize: 1, useBias: false }).apply(x) as tfl.SymbolicTensor;
    const b = tfl.layers.conv2d({ filters: 3, kernelSize: 1, useBias: false }).apply(x) as tfl.SymbolicTensor;
    const sum = tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor;
    const cat = tfl.layers.concatenate().apply([a, sum]) as tfl.SymbolicTensor;
    const bn = tfl.layers.batchNormalization().apply(cat) as tfl.SymbolicTensor;
    const m = tfl.model({ inputs: x, outputs: bn });
    const macs = 2 * 36 * 2 * 3;
    assert.deepEqual(countFlops(await jsonOf(m, false), [6, 6, 2]), { multiplyAdds: macs, other: 36 * 3 + 2 * 36 * 6, flops: 2 * macs + 36 * 3 + 2 * 36 * 6 });
    m.dispose();
  });

  test('null for layers it does not count, or unknown spatial sizes', async () => {
    const m = tfl.sequential();
    m.add(tfl.layers.lstm({ inputShape: [5, 3], units: 4, recurrentInitializer: 'glorotUniform' }));
    assert.equal(countFlops(await jsonOf(m), [5, 3]), null);
    m.dispose();
    // Unknown sizes are filled from the file's input shape; a fully convolutional file has none.
    const c = makeCnn({ size: 8 });
    assert.equal(countFlops(await jsonOf(c), [null, null, 3])?.multiplyAdds, 8 * 8 * 9 * 3 * 4 + 4 * 3);
    c.dispose();
    const fcn = tfl.sequential({ layers: [tfl.layers.conv2d({ inputShape: [null, null, 3], filters: 2, kernelSize: 3 })] });
    assert.equal(countFlops(await jsonOf(fcn), [null, null, 3]), null);
    assert.equal(countFlops(await jsonOf(fcn), [5, 5, 3])?.multiplyAdds, 3 * 3 * 9 * 3 * 2);
    fcn.dispose();
  });
});

describe('countFlops: MobileNetV1', () => {
  test('≈ 569 M multiply-adds at 224×224×3 (the paper’s figure), 4.2 M parameters', async () => {
    const m = mobileNet(224, 1);
    const params = m.countParams();
    const count = countFlops(await jsonOf(m), [224, 224, 3])!;
    m.dispose();
    assert.ok(params > 4.2e6 && params < 4.3e6, `parameters ${params}`);
    assert.ok(Math.abs(count.multiplyAdds - 569e6) / 569e6 < 0.005, `multiply-adds ${count.multiplyAdds}`);
    assert.deepEqual(count, { ...mobileNetFormula(224), flops: count.flops });
  });

  test('the benchmark fixture at 128×128×3 matches the layer-by-layer formula, manifest or not', async () => {
    const m = mobileNet(128, 1);
    const expected = mobileNetFormula(128);
    for (const withManifest of [true, false]) {
      assert.deepEqual(countFlops(await jsonOf(m, withManifest), [128, 128, 3]), { ...expected, flops: 2 * expected.multiplyAdds + expected.other });
    }
    m.dispose();
    // ≈ 186 M multiply-adds: TF-slim's published figure for MobileNet_v1_1.0_128.
    assert.ok(Math.abs(expected.multiplyAdds - 186e6) / 186e6 < 0.01, `multiply-adds ${expected.multiplyAdds}`);
  });
});

describe('countFlops: graph models', () => {
  test('the graph twin of the CNN counts the same as the layers model', async () => {
    const m = makeCnn({ size: 8, channels: 3, filters: 4, classes: 3 });
    const layers = countFlops(await jsonOf(m), [8, 8, 3]);
    const g = graphArtifacts(m);
    m.dispose();
    const json = toModelJson({ format: 'graph-model', modelTopology: g.modelTopology, weightsManifest: [{ paths: [], weights: g.weightSpecs }] }, 'test');
    assert.deepEqual(countFlops(json, [8, 8, 3]), layers);
    assert.equal(countFlops(json, [16, 16, 3])!.multiplyAdds, 4 * 6912 + 12);
  });

  test('fused and depthwise ops; null behind a Pad whose amounts are weight values', () => {
    const b64 = (s: string) => btoa(s);
    const list = (xs: number[]) => ({ list: { i: xs.map(String) } });
    const f = { type: 'DT_FLOAT' };
    const node = (name: string, op: string, input: string[], attr: Record<string, unknown> = {}) => ({ name, op, input, attr: { T: f, ...attr } });
    const conv = { strides: list([1, 2, 2, 1]), padding: { s: b64('SAME') }, data_format: { s: b64('NHWC') } };
    const weights = [
      ['dw/k', [3, 3, 2, 2]],
      ['dw/b', [4]],
      ['pw/k', [1, 1, 4, 8]],
      ['pw/b', [8]],
      ['axes', [2]],
      ['fc/k', [5, 8]],
      ['fc/b', [5]],
      ['paddings', [4, 2]],
    ] as const;
    const graph = (padded: boolean) => {
      const nodes = [
        { name: 'x', op: 'Placeholder', attr: { dtype: f, shape: { shape: { dim: [{ size: '-1' }, { size: '9' }, { size: '9' }, { size: '2' }] } } } },
        node('dw', 'FusedDepthwiseConv2dNative', [padded ? 'pad' : 'x', 'dw/k', 'dw/b'], { ...conv, fused_ops: { list: { s: [b64('BiasAdd'), b64('Relu6')] } } }),
        node('pw', '_FusedConv2D', ['dw', 'pw/k', 'pw/b'], { ...conv, strides: list([1, 1, 1, 1]), padding: { s: b64('VALID') }, fused_ops: { list: { s: [b64('BiasAdd')] } } }),
        node('mean', 'Mean', ['pw', 'axes'], { keep_dims: { b: false } }),
        node('fc', '_FusedMatMul', ['mean', 'fc/k', 'fc/b'], { transpose_b: { b: true }, fused_ops: { list: { s: [b64('BiasAdd')] } } }),
        ...(padded ? [node('pad', 'Pad', ['x', 'paddings'])] : []),
        // Converted graphs keep every constant in the weight files: only its shape is in the JSON.
        ...weights.map(([name]) => ({ name, op: 'Const', attr: { dtype: f } })),
      ];
      return toModelJson(
        { format: 'graph-model', modelTopology: { node: nodes }, weightsManifest: [{ paths: [], weights: weights.map(([name, shape]) => ({ name, shape: [...shape], dtype: 'float32' })) }] },
        'test',
      );
    };
    // 9×9×2 → depthwise 3×3/2 ×2 (same) → 5×5×4 → 1×1 conv → 5×5×8 → mean → 8 → 5
    const macs = 25 * 9 * 2 * 2 + 25 * 4 * 8 + 8 * 5;
    const other = 25 * 4 * 2 + 25 * 8 + 25 * 8 + 5;
    assert.deepEqual(countFlops(graph(false), [9, 9, 2]), { multiplyAdds: macs, other, flops: 2 * macs + other });
    assert.equal(countFlops(graph(true), [9, 9, 2]), null);
  });
});
