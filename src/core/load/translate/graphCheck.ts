import type { OnnxSession } from '../onnx/engine';
import type { TensorInfo } from '../types';

/**
 * One forward pass of a translated graph on zeros (batch 1) for every output, where the inputs'
 * sizes are all known: an op onnxruntime accepts at load but refuses at run time (a shape rule
 * it enforces and TF does not) then sends the member back to tfjs instead of failing the audit.
 * A session that fails is disposed.
 */
export async function checkTranslatedRuns(session: OnnxSession, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[]): Promise<void> {
  const feeds: Record<string, { data: Float32Array; dims: number[] }> = {};
  for (const info of inputs) {
    const dims = info.shape.map((d, i) => d ?? (i === 0 ? 1 : -1));
    if (dims.some((d) => d < 0)) return;
    feeds[info.name] = { data: new Float32Array(dims.reduce((a, d) => a * d, 1)), dims };
  }
  try {
    for (const out of outputs) await session.run(feeds, out.name);
  } catch (e) {
    session.dispose();
    throw e;
  }
}
