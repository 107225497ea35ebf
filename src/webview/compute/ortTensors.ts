// Values across the onnxruntime-web boundary: the core's rules (src/core/load/onnx/ortValues.ts,
// shared with the Node engine) wrapped in onnxruntime-web's Tensor class.
import type * as Ort from 'onnxruntime-web';
import type { HostTensor } from '../../core/load/onnx/engine';
import { feedValues, outputFloats } from '../../core/load/onnx/ortValues';

/** Probes (float32, or int32 for integer inputs) as the input's declared type. */
export function toOrtTensor(ort: typeof Ort, t: HostTensor, type: string, path: string, name: string): Ort.Tensor {
  const v = feedValues(t, type, path, name);
  return new ort.Tensor(v.type as 'float32', v.data as Float32Array, t.dims);
}

/** An output as float32 (a copy, so the runtime may free its tensor). */
export function ortOutput(t: Ort.Tensor, path: string, name: string): HostTensor {
  const data = outputFloats(t.type, t.data, path, name);
  return { data: data === t.data ? data.slice() : data, dims: t.dims.map(Number) };
}
