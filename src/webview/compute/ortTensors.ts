// Values across the onnxruntime-web boundary: probes in as the input's declared type, outputs
// back as float32, and the session's metadata as the core's TensorInfo (the same rules as the
// Node engine, src/node/onnxEngine.ts, which the webview bundle cannot import).
import type * as Ort from 'onnxruntime-web';
import { EquiLensError } from '../../core/errors';
import type { HostTensor } from '../../core/load/onnx/engine';
import type { TensorInfo } from '../../core/load/types';

/** Names, shapes and dtypes from the session's metadata; unknown rank when the runtime gives none. */
export function ortInfos(names: readonly string[], meta: readonly Ort.InferenceSession.ValueMetadata[] | undefined): TensorInfo[] {
  return names.map((name) => {
    const m = meta?.find((x) => x.name === name);
    if (!m || !m.isTensor) return { name, shape: [], dtype: 'float32', unknownRank: true };
    const shape = m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : null));
    return { name, shape, dtype: m.type, ...(shape.length === 0 && { scalar: true }) };
  });
}

/** Probes (float32, or int32 for integer inputs) as the input's declared type. */
export function toOrtTensor(ort: typeof Ort, t: HostTensor, type: string, path: string, name: string): Ort.Tensor {
  const d = t.data;
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', d instanceof Float32Array ? d : Float32Array.from(d), t.dims);
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from(d), t.dims);
    case 'int64':
      return new ort.Tensor(
        'int64',
        BigInt64Array.from(d, (v) => BigInt(Math.round(v))),
        t.dims,
      );
    case 'int32':
      return new ort.Tensor('int32', d instanceof Int32Array ? d : Int32Array.from(d, Math.round), t.dims);
    case 'uint8':
      return new ort.Tensor('uint8', Uint8Array.from(d, Math.round), t.dims);
    case 'int8':
      return new ort.Tensor('int8', Int8Array.from(d, Math.round), t.dims);
    case 'uint16':
      return new ort.Tensor('uint16', Uint16Array.from(d, Math.round), t.dims);
    case 'int16':
      return new ort.Tensor('int16', Int16Array.from(d, Math.round), t.dims);
    default:
      throw new EquiLensError(path, `input '${name}' is ${type}: not supported for ONNX models yet`);
  }
}

/** An output as float32 (a copy, so the runtime may free its tensor). */
export function ortOutput(t: Ort.Tensor, path: string, name: string): HostTensor {
  const d = t.data;
  const dims = t.dims.map(Number);
  if (d instanceof Float32Array) return { data: d.slice(), dims };
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return { data: Float32Array.from(d, Number), dims };
  // float16 comes back as raw bits (Uint16Array): reading them as numbers would be wrong.
  if (t.type === 'float16' || t.type === 'string' || !ArrayBuffer.isView(d)) throw new EquiLensError(path, `output '${name}' is ${t.type}: not supported for ONNX models yet`);
  return { data: Float32Array.from(d as unknown as ArrayLike<number>), dims };
}
