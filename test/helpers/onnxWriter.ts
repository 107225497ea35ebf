// .onnx models built in JavaScript from the same weights as their TF.js twins (no Python, no
// onnx package), with the encoder the TF.js→ONNX translation uses.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { encodeOnnx } from '../../src/core/load/translate/onnxEncode';

/** Why the runtime tests are skipped, or false when onnxruntime-node loads here. */
export const NO_RUNTIME = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional dependency: present or not
    require('onnxruntime-node');
    return false;
  } catch (e) {
    return `onnxruntime-node cannot be required (optional dependency not installed: ${(e as Error).message.split('\n')[0]})`;
  }
})();

export { encodeOnnx, type OnnxModelSpec, type OnnxNodeSpec, type OnnxValueSpec } from '../../src/core/load/translate/onnxEncode';

/**
 * test/helpers/modelFixtures.ts makeCnn (conv 'same' + relu → global average pool → dense
 * softmax) as ONNX, NCHW, from the layers model's own weights: kernels HWIO → OIHW. Odd
 * kernel sizes only ('same' padding is then symmetric).
 */
export function cnnToOnnx(model: tfl.LayersModel, opts: { batch?: number | string; openSize?: boolean } = {}): Uint8Array {
  const [kernel, bias, dense, denseBias] = model.getWeights();
  const [k, , cin, filters] = kernel!.shape as number[];
  const classes = dense!.shape[1]!;
  const size = (model.inputs[0]!.shape as number[])[1]!;
  const half = (k! - 1) / 2;
  const oihw = tf.tidy(() => tf.transpose(kernel!, [3, 2, 0, 1]).dataSync() as Float32Array);
  const f32 = (t: tf.Tensor) => Float32Array.from(t.dataSync());
  const batch = opts.batch ?? 'N';
  // openSize: height and width left symbolic, as exporters write them for size-agnostic nets.
  const [h, w] = opts.openSize ? ['H', 'W'] : [size, size];
  return encodeOnnx({
    inputs: [{ name: 'input', shape: [batch, cin!, h, w] }],
    outputs: [{ name: 'probs', shape: [batch, classes] }],
    initializers: [
      { name: 'conv.weight', dims: [filters!, cin!, k!, k!], data: Float32Array.from(oihw) },
      { name: 'conv.bias', dims: [filters!], data: f32(bias!) },
      { name: 'fc.weight', dims: [filters!, classes], data: f32(dense!) },
      { name: 'fc.bias', dims: [classes], data: f32(denseBias!) },
    ],
    nodes: [
      { op: 'Conv', inputs: ['input', 'conv.weight', 'conv.bias'], outputs: ['c'], attrs: { kernel_shape: [k!, k!], pads: [half, half, half, half], strides: [1, 1] } },
      { op: 'Relu', inputs: ['c'], outputs: ['r'] },
      { op: 'GlobalAveragePool', inputs: ['r'], outputs: ['p'] },
      { op: 'Flatten', inputs: ['p'], outputs: ['f'], attrs: { axis: 1 } },
      { op: 'Gemm', inputs: ['f', 'fc.weight', 'fc.bias'], outputs: ['logits'] },
      { op: 'Softmax', inputs: ['logits'], outputs: ['probs'], attrs: { axis: 1 } },
    ],
  });
}
