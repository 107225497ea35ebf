// `npm run bench:peers` compares EquiLens on a TF.js MobileNet with the same network as ONNX: the
// twin (scripts/bench/peers/mobileNetOnnx.ts: batch norms folded, TF 'same' padding, depthwise as
// group convolutions, NHWC → NCHW) must compute what TF.js computes, non-trivial batch norms included.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { mobileNet } from '../scripts/bench/makeMobileNet';
import { images, loadOrt, ortSession, toNchw } from '../scripts/bench/peers/engines';
import { mobileNetToOnnx } from '../scripts/bench/peers/mobileNetOnnx';
import { initBackend } from '../src/node/backend';

before(async () => {
  await initBackend('cpu');
});

test('NHWC → NCHW moves channel c of pixel i to plane c', () => {
  const x = Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i); // 2 images of 2×2×3
  assert.deepEqual([...toNchw(x, 2, 2)], [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11, 12, 15, 18, 21, 13, 16, 19, 22, 14, 17, 20, 23]);
});

test("the ONNX twin of a MobileNetV1 (32×32×3, random batch norms) gives TF.js's logits and probabilities", async (t) => {
  const ort = loadOrt();
  if (!ort) return t.skip('onnxruntime-node is not installed (optional dependency)');
  const size = 32;
  const model = mobileNet(size, 3);
  // Batch norms with real statistics, so folding them is tested (the defaults are the identity).
  let seed = 11;
  for (const layer of model.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
    const c = layer.getWeights()[0]!.shape[0];
    const u = (lo: number, hi: number) => tf.tensor1d(Float32Array.from({ length: c }, () => lo + (hi - lo) * ((seed = (seed * 16807) % 2147483647) / 2147483647)));
    layer.setWeights([u(0.5, 1.5), u(-0.2, 0.2), u(-0.1, 0.1), u(0.5, 2)]);
  }
  // The bench fixture's He init counts a depthwise kernel's fan-in as 9·C, so its activations
  // shrink to nothing and every image gives the same output: re-draw kernels with fan-in 9 (depthwise).
  for (const layer of model.layers.filter((l) => ['Conv2D', 'DepthwiseConv2D'].includes(l.getClassName()))) {
    const [k, , cin] = layer.getWeights()[0]!.shape as number[];
    const fanIn = k! * k! * (layer.getClassName() === 'DepthwiseConv2D' ? 1 : cin!);
    const size0 = layer.getWeights()[0]!.size;
    const r = Math.sqrt(6 / fanIn);
    layer.setWeights([
      tf.tensor(
        Float32Array.from({ length: size0 }, () => -r + 2 * r * ((seed = (seed * 16807) % 2147483647) / 2147483647)),
        layer.getWeights()[0]!.shape,
      ),
    ]);
  }
  const n = 4;
  const x = images(n, size, 5);
  // Logits, not probabilities: random weights leave the softmax nearly flat, hiding differences.
  const features = tfl.model({ inputs: model.inputs, outputs: model.getLayer('global_pool').output });
  const [w, bias] = model.getLayer('predictions').getWeights();
  const [p, l] = tf.tidy(() => {
    const input = tf.tensor4d(x, [n, size, size, 3]);
    return [model.predict(input) as tf.Tensor, tf.add(tf.matMul(features.predict(input) as tf.Tensor2D, w as tf.Tensor2D), bias!)];
  });
  const [wantP, wantL] = [(await p.data()) as Float32Array, (await l.data()) as Float32Array];
  tf.dispose([p, l]);
  const session = await ortSession(ort, mobileNetToOnnx(model, true));
  const out = await session.run({ input: new ort.Tensor('float32', toNchw(x, n, size), [n, 3, size, size]) });
  const [gotP, gotL] = [out.probs!.data, out.logits!.data];
  assert.equal(gotL.length, n * 1000);
  const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const maxDiff = (a: Float32Array, c: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - c[i]!)), 0);
  const scale = maxAbs(wantL);
  assert.ok(scale > 0 && Number.isFinite(scale));
  // Logits spread over classes (so probes differ), and both engines agree to float32 precision.
  assert.ok(maxAbs(wantL.map((v, i) => v - wantL[i % 1000]!)) > 0.01 * scale, 'images give different logits');
  assert.ok(maxDiff(wantL, gotL) <= 1e-4 * scale, `max |Δ logit| ${maxDiff(wantL, gotL)} of ${scale}`);
  assert.ok(maxDiff(wantP, gotP) < 1e-6, `max |Δp| ${maxDiff(wantP, gotP)}`);
  await session.release?.();
  model.dispose();
});
