import type { TensorInfo } from '../types';

/**
 * What the core needs from an ONNX runtime; the host provides it (src/node/onnxEngine.ts wraps
 * onnxruntime-node), so the core stays free of native code and Node imports.
 */
export interface OnnxEngine {
  /** For the report's backend, e.g. 'onnxruntime-node (CPU, 8 threads)'. */
  describe(): string;
  /** The device it runs on, for the report's compute.adapter (e.g. the CPU's model); null when unknown. */
  adapter(): string | null;
  /**
   * A session on the model's bytes (never a path: the runtime reads nothing else, so external
   * data files are never opened). Rejects with an EquiLensError naming `path` when the runtime
   * is missing or refuses the model.
   */
  load(bytes: Uint8Array, path: string): Promise<OnnxSession>;
}

/** Values crossing the engine boundary: flat, row-major. */
export interface HostTensor {
  data: Float32Array | Int32Array;
  dims: number[];
}

/** A loaded ONNX model; names, shapes and dtypes from the runtime's metadata. */
export interface OnnxSession {
  readonly inputs: TensorInfo[];
  readonly outputs: TensorInfo[];
  /** One forward pass; integer feeds are converted to the input's declared type by the engine. Outputs come back as float32. */
  run(feeds: Record<string, HostTensor>, output: string): Promise<HostTensor>;
  dispose(): void;
}

/** The one line a missing runtime gets (CLI exit 2; the extension shows it). */
export const ONNX_RUNTIME_MISSING = 'ONNX models need onnxruntime-node, which is not installed: npm install onnxruntime-node (ONNXRUNTIME_NODE_INSTALL_CUDA=skip avoids its CUDA download)';
