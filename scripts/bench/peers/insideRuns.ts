// The ONNX engine as EquiLens's CLI opens it, with a clock on its forward passes: how much of an
// audit's time onnxruntime's runs take, measured inside the same audit (so other load on the
// machine slows both sides alike, unlike a comparison with a separate bare run).
import type { OnnxEngine } from '../../../src/core/load/onnx/engine';
import { nodeOnnxEngine } from '../../../src/node/onnxEngine';

/** nodeOnnxEngine() whose sessions add their run() wall seconds to `seconds()`. */
export function clockedOnnxEngine(): { engine: OnnxEngine; seconds: () => number } {
  const inner = nodeOnnxEngine();
  let total = 0;
  const engine: OnnxEngine = {
    describe: () => inner.describe(),
    adapter: () => inner.adapter(),
    async load(bytes, path) {
      const session = await inner.load(bytes, path);
      return {
        inputs: session.inputs,
        outputs: session.outputs,
        async run(feeds, output) {
          const t0 = performance.now();
          try {
            return await session.run(feeds, output);
          } finally {
            total += (performance.now() - t0) / 1000;
          }
        },
        dispose: () => session.dispose(),
      };
    },
  };
  return { engine, seconds: () => total };
}
