// The benchmark MobileNetV1 as ONNX (NCHW, as a PyTorch export would be), from the TF.js model's
// own weights: batch norms folded into the convolutions (TF.js's ε = 1e-3), ReLU6 as Clip(0, 6).
// Encoded in JavaScript (test/helpers/onnxWriter.ts): no Python or onnx package needed.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { encodeOnnx, type OnnxModelSpec } from '../../../test/helpers/onnxWriter';

type Spec = OnnxModelSpec;

/**
 * ONNX bytes of `model` (mobileNet() in ../makeMobileNet.ts): input 'input' [N, 3, S, S], output
 * 'probs' [N, 1000]; `logits` adds the pre-softmax values as a second output (for comparisons:
 * random weights saturate the softmax).
 */
export function mobileNetToOnnx(model: tfl.LayersModel, logits = false): Uint8Array {
  const size = model.inputs[0]!.shape[1]!;
  const spec: Spec = {
    inputs: [{ name: 'input', shape: ['N', 3, size, size] }],
    outputs: [{ name: 'probs', shape: ['N', 1000] }, ...(logits ? [{ name: 'logits', shape: ['N', 1000] }] : [])],
    nodes: [],
    initializers: [
      { name: 'zero', dims: [], data: Float32Array.of(0) },
      { name: 'six', dims: [], data: Float32Array.of(6) },
    ],
  };
  let x = 'input';
  let side = size;
  const layers = model.layers;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const kind = layer.getClassName();
    if (kind === 'Conv2D' || kind === 'DepthwiseConv2D') {
      const bn = layers[i + 1]!;
      if (bn.getClassName() !== 'BatchNormalization') throw new Error(`${layer.name}: expected a batch norm after it`);
      const cfg = layer.getConfig() as { strides: number[]; kernelSize: number[] };
      const stride = cfg.strides[0]!;
      const k = cfg.kernelSize[0]!;
      // TF 'same': the total padding max((out − 1)·s + k − in, 0), the odd one at the end.
      const out = Math.ceil(side / stride);
      const total = Math.max((out - 1) * stride + k - side, 0);
      const pads = [total >> 1, total >> 1, total - (total >> 1), total - (total >> 1)];
      const { weight, bias, channels } = folded(layer.getWeights()[0]!, bn, kind === 'DepthwiseConv2D');
      spec.initializers.push({ name: `${layer.name}.weight`, dims: weight.dims, data: weight.data }, { name: `${layer.name}.bias`, dims: [channels], data: bias });
      const attrs: Record<string, number | number[]> = { kernel_shape: [k, k], strides: [stride, stride], pads };
      if (kind === 'DepthwiseConv2D') attrs.group = channels;
      spec.nodes.push({ op: 'Conv', inputs: [x, `${layer.name}.weight`, `${layer.name}.bias`], outputs: [`${layer.name}.out`], attrs });
      // Next: the batch norm (folded above), then ReLU6.
      const relu = layers[i + 2]!;
      spec.nodes.push({ op: 'Clip', inputs: [`${layer.name}.out`, 'zero', 'six'], outputs: [`${relu.name}.out`] });
      x = `${relu.name}.out`;
      side = out;
      i += 2;
    } else if (kind === 'GlobalAveragePooling2D') {
      spec.nodes.push({ op: 'GlobalAveragePool', inputs: [x], outputs: ['pool'] }, { op: 'Flatten', inputs: ['pool'], outputs: ['flat'], attrs: { axis: 1 } });
      x = 'flat';
    } else if (kind === 'Dense') {
      const [w, b] = layer.getWeights();
      spec.initializers.push({ name: 'fc.weight', dims: w!.shape, data: Float32Array.from(w!.dataSync()) }, { name: 'fc.bias', dims: b!.shape, data: Float32Array.from(b!.dataSync()) });
      spec.nodes.push({ op: 'Gemm', inputs: [x, 'fc.weight', 'fc.bias'], outputs: ['logits'] }, { op: 'Softmax', inputs: ['logits'], outputs: ['probs'], attrs: { axis: 1 } });
    } else throw new Error(`${layer.name}: ${kind} is not part of the benchmark MobileNet`);
  }
  return encodeOnnx(spec);
}

/**
 * A convolution kernel with the following batch norm folded in: w·γ/√(σ²+ε) per output channel
 * and bias β − μ·γ/√(σ²+ε); HWIO (conv) or HWC1 (depthwise) to ONNX's OIHW (depthwise: C,1,H,W).
 */
function folded(kernel: tf.Tensor, bn: tfl.layers.Layer, depthwise: boolean): { weight: { dims: number[]; data: Float32Array }; bias: Float32Array; channels: number } {
  const [gamma, beta, mean, variance] = bn.getWeights();
  const eps = (bn.getConfig() as { epsilon: number }).epsilon;
  return tf.tidy(() => {
    const scale = tf.div(gamma!, tf.sqrt(tf.add(variance!, eps)));
    const bias = tf.sub(beta!, tf.mul(mean!, scale));
    // Depthwise HWC1: the output channel is axis 2; conv HWIO: axis 3.
    const oihw = depthwise ? tf.transpose(kernel, [2, 3, 0, 1]) : tf.transpose(kernel, [3, 2, 0, 1]);
    const w = tf.mul(oihw, tf.reshape(scale, [-1, 1, 1, 1]));
    return { weight: { dims: w.shape, data: Float32Array.from(w.dataSync()) }, bias: Float32Array.from(bias.dataSync()), channels: scale.shape[0] };
  });
}
