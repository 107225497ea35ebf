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
    activationBytesPerSample: tfjs.activationBytesPerSample,
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
