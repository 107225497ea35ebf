import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../../errors';
import type { FileSystem } from '../../io/files';
import type { ModelAdapter } from '../adapter';
import type { Limits } from '../limits';
import { ONNX_RUNTIME_MISSING, type HostTensor, type OnnxEngine } from './engine';
import { readOnnx } from './onnxFile';
import { onnxFinalActivation } from './onnxGraph';

/**
 * An ONNX member as a ModelAdapter: the host's engine runs it, tfjs tensors cross the boundary
 * as flat arrays (probes in, outputs back), so the rest of the audit is the TF.js one.
 */
export async function loadOnnxAdapter(fs: FileSystem, path: string, limits: Limits, engine: OnnxEngine | undefined): Promise<ModelAdapter> {
  if (!engine) throw new EquiLensError(path, ONNX_RUNTIME_MISSING);
  const { bytes, graph } = await readOnnx(fs, path, limits);
  const session = await engine.load(bytes, path);
  return {
    inputs: session.inputs,
    outputs: session.outputs,
    finalActivation: (name) => onnxFinalActivation(graph, name),
    // Unknown: the batch size comes from the input and output sizes (loadModel's startBatch).
    activationBytesPerSample: null,
    async run(feeds, output) {
      const host: Record<string, HostTensor> = {};
      for (const [name, t] of Object.entries(feeds)) host[name] = { data: (await t.data()) as Float32Array | Int32Array, dims: t.shape };
      const out = await session.run(host, output);
      return tf.tensor(out.data, out.dims, 'float32');
    },
    dispose: () => session.dispose(),
  };
}
