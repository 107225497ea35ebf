// The values crossing an onnxruntime boundary, by the same rules for onnxruntime-node
// (src/node/onnxEngine.ts) and onnxruntime-web (src/webview/compute/webOnnx.ts): session metadata
// as the core's TensorInfo, probes as the input's declared type, outputs back as float32. Pure:
// each engine wraps the typed arrays in its own runtime's Tensor class.
import { EquiLensError } from '../../errors';
import type { TensorInfo } from '../types';
import type { HostTensor, OnnxSession } from './engine';

/** One input's or output's metadata as both runtimes give it (onnxruntime ≥ 1.21). */
export interface OrtValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: readonly (number | string)[];
}

/** Names, shapes and dtypes from the session's metadata; unknown rank when the runtime gives none. */
export function sessionInfos(names: readonly string[], meta: readonly OrtValueMetadata[] | undefined): TensorInfo[] {
  return names.map((name) => {
    const m = meta?.find((x) => x.name === name);
    if (!m || !m.isTensor || !m.shape) return { name, shape: [], dtype: m?.type ?? 'float32', unknownRank: true };
    const shape = m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null));
    return { name, shape, dtype: m.type ?? 'float32', ...(shape.length === 0 && { scalar: true }) };
  });
}

export type FeedData = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | Int8Array | Uint16Array | Int16Array;

/** Probes (float32, or int32 for integer inputs) as the input's declared type: integers rounded. */
export function feedValues(t: HostTensor, type: string, path: string, name: string): { type: string; data: FeedData } {
  const d = t.data;
  switch (type) {
    case 'float32':
      return { type, data: d instanceof Float32Array ? d : Float32Array.from(d) };
    case 'float64':
      return { type, data: Float64Array.from(d) };
    case 'int64':
      return { type, data: BigInt64Array.from(d, (v) => BigInt(Math.round(v))) };
    case 'int32':
      return { type, data: d instanceof Int32Array ? d : Int32Array.from(d, Math.round) };
    case 'uint8':
      return { type, data: Uint8Array.from(d, Math.round) };
    case 'int8':
      return { type, data: Int8Array.from(d, Math.round) };
    case 'uint16':
      return { type, data: Uint16Array.from(d, Math.round) };
    case 'int16':
      return { type, data: Int16Array.from(d, Math.round) };
    default:
      throw new EquiLensError(path, `input '${name}' is ${type}: not supported for ONNX models yet`);
  }
}

/** An output's values as float32; a float32 output is returned as is (the caller copies it if the runtime may free it). */
export function outputFloats(type: string, data: unknown, path: string, name: string): Float32Array {
  if (data instanceof Float32Array) return data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float32Array.from(data, Number);
  // float16 comes back as raw bits (Uint16Array): reading them as numbers would be wrong.
  if (type === 'float16' || type === 'string' || !ArrayBuffer.isView(data)) throw new EquiLensError(path, `output '${name}' is ${type}: not supported for ONNX models yet`);
  return Float32Array.from(data as unknown as ArrayLike<number>);
}

/** The little of an onnxruntime tensor (onnxruntime-node or -web) read here. */
export interface OrtLikeTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
  dispose?(): void;
}

/** The little of an onnxruntime session (onnxruntime-node or -web) an OnnxSession needs. */
export interface OrtLikeSession<T extends OrtLikeTensor> {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadata[];
  readonly outputMetadata?: readonly OrtValueMetadata[];
  run(feeds: Record<string, T>, fetches: string[]): Promise<Record<string, T>>;
  release(): Promise<void>;
}

/**
 * A runtime's session as the core's OnnxSession: feeds by feedValues, wrapped by `tensor` in the
 * runtime's own Tensor class, the output back as float32. `freeOutputs` (onnxruntime-web): the
 * output is copied and its tensor disposed, so the runtime may reuse its memory.
 */
export function wrapOrtSession<T extends OrtLikeTensor>(
  session: OrtLikeSession<T>,
  tensor: (type: string, data: FeedData, dims: number[]) => T,
  path: string,
  opts: { runtime: string; freeOutputs: boolean },
): OnnxSession {
  const inputs = sessionInfos(session.inputNames, session.inputMetadata);
  const outputs = sessionInfos(session.outputNames, session.outputMetadata);
  const types = new Map(inputs.map((i) => [i.name, i.dtype]));
  return {
    inputs,
    outputs,
    async run(feeds, output) {
      const ortFeeds: Record<string, T> = {};
      for (const [name, t] of Object.entries(feeds)) {
        const v = feedValues(t, types.get(name) ?? 'float32', path, name);
        ortFeeds[name] = tensor(v.type, v.data, t.dims);
      }
      const result = await session.run(ortFeeds, [output]);
      const out = result[output];
      if (!out) throw new EquiLensError(path, `${opts.runtime} returned no output '${output}'`);
      try {
        const data = outputFloats(out.type, out.data, path, output);
        return { data: opts.freeOutputs && data === out.data ? data.slice() : data, dims: out.dims.map(Number) };
      } finally {
        if (opts.freeOutputs) out.dispose?.();
      }
    },
    dispose: () => void session.release().catch(() => {}),
  };
}
