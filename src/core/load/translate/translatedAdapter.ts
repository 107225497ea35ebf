import * as tf from '@tensorflow/tfjs-core';
import type { ModelAdapter } from '../adapter';
import type { HostTensor, OnnxSession } from '../onnx/engine';

/**
 * The tfjs layers adapter with its forward pass on onnxruntime: same inputs, outputs, final
 * activations and layersModel (per-layer localisation still reads the tfjs model's hidden
 * layers), NHWC tensors on both sides.
 */
export function translatedAdapter(tfjs: ModelAdapter, session: OnnxSession): ModelAdapter {
  return {
    inputs: tfjs.inputs,
    outputs: tfjs.outputs,
    finalActivation: (name) => tfjs.finalActivation(name),
    // Unknown, as for .onnx files: loadModel sizes the batch from the input and output sizes.
    // TF.js's sum over every layer's output (19 MiB a sample on the bench MobileNet: batches of
    // 16) does not hold on onnxruntime, whose memory planner reuses buffers between layers.
    activationBytesPerSample: null,
    ...(tfjs.layersModel && { layersModel: tfjs.layersModel }),
    async run(feeds, output) {
      const host: Record<string, HostTensor> = {};
      for (const [name, t] of Object.entries(feeds)) host[name] = { data: (await t.data()) as Float32Array, dims: t.shape };
      const out = await session.run(host, output);
      return tf.tensor(out.data, out.dims, 'float32');
    },
    dispose: () => {
      session.dispose();
      tfjs.dispose();
    },
  };
}
