// A TensorProto (an initializer or a Constant node's value) read for its name, dtype and dims,
// with its declared size checked against the cap and against the data it holds. The data stays
// in the file, never copied, except the values of small integer tensors (shapes, repeats,
// bounds: constantSizes.ts needs them).
import { EquiLensError } from '../../errors';
import type { Limits } from '../limits';
import { MAX_KEPT_INTS } from './constantSizes';
import { countValues, fields, int64, repeatedInts, utf8, type Field } from './protobuf';

/** ONNX TensorProto.DataType numbers → dtype names as TF.js spells them. */
const DTYPES = ['undefined', 'float32', 'uint8', 'int8', 'uint16', 'int16', 'int32', 'int64', 'string', 'bool', 'float16', 'float64', 'uint32', 'uint64', 'complex64', 'complex128', 'bfloat16'];

/** 'float32' for 1, 'int64' for 7, …; 'onnx type 19' for the types TF.js has no name for. */
export function dtypeName(code: number): string {
  return DTYPES[code] ?? `onnx type ${code}`;
}

/**
 * Bytes per value of each DataType in raw_data (4-bit types: half a byte, rounded up per tensor);
 * 0 where raw_data has no fixed size (undefined, string).
 */
const ITEM_BYTES = [0, 4, 1, 1, 2, 2, 4, 8, 0, 1, 2, 8, 4, 8, 8, 16, 2, 1, 1, 1, 1, 0.5, 0.5, 0.5];

/** Which typed field holds a DataType's values when raw_data does not, and how they are counted (per value). */
function typedField(code: number): { no: number; width: 4 | 8 | 'varint' | 'bytes'; perValue: number } | null {
  if (code === 1) return { no: 4, width: 4, perValue: 1 }; // float_data
  if (code === 14) return { no: 4, width: 4, perValue: 2 }; // complex64: real, imaginary
  if (code === 11) return { no: 10, width: 8, perValue: 1 }; // double_data
  if (code === 15) return { no: 10, width: 8, perValue: 2 };
  if (code === 7) return { no: 7, width: 'varint', perValue: 1 }; // int64_data
  if (code === 12 || code === 13) return { no: 11, width: 'varint', perValue: 1 }; // uint64_data
  if (code === 8) return { no: 6, width: 'bytes', perValue: 1 }; // string_data
  if ([2, 3, 4, 5, 6, 9, 10, 16].includes(code)) return { no: 5, width: 'varint', perValue: 1 }; // int32_data
  return null; // float8 and 4-bit types: packed into int32_data, counted by raw_data only
}

export interface OnnxTensor {
  name: string;
  dtype: string;
  dims: number[];
  /** Its data lives in another file (data_location EXTERNAL). */
  external: boolean;
  /** The values of an int32/int64 tensor of at most MAX_KEPT_INTS values; null otherwise. */
  ints: number[] | null;
}

/**
 * The tensor in `buf`. Its declared size must be a sane count under the tensor cap and match the
 * data it holds: a [4096, 4096] tensor with 4 bytes of data is refused here, before a runtime
 * could allocate for it. `what` names it in the message ('initializer', 'attribute tensor').
 */
export function readTensor(buf: Uint8Array, limits: Limits, path: string, what: string): OnnxTensor {
  const t = fields(buf, new Set([1, 2, 8, 9, 13, 14]));
  const nameField = t.find((f) => f.no === 8 && f.wire === 2);
  const name = nameField ? utf8(nameField) : '';
  const code = num(t, 2);
  const dims = repeatedInts(t, 1);
  // data_location 1 = EXTERNAL (external_data, field 13, names the file).
  const external = num(t, 14) === 1 || t.some((f) => f.no === 13);
  const bad = dims.find((d) => !Number.isSafeInteger(d) || d < 0);
  if (bad !== undefined) throw new EquiLensError(path, `${what} '${name}' has dimension ${bad}: not a size`);
  const elements = dims.reduce((a, d) => a * d, 1);
  if (elements > limits.maxTensorElements) throw new EquiLensError(path, `${what} '${name}' has ${elements} elements, over the ${limits.maxTensorElements} limit`);
  const raw = t.find((f) => f.no === 9 && f.wire === 2);
  if (!external && elements > 0) {
    const item = ITEM_BYTES[code] ?? 0;
    const typed = typedField(code);
    let held: string | null = null;
    if (raw && item) {
      const want = Math.ceil(elements * item);
      if (raw.bytes.length !== want) held = `${raw.bytes.length} bytes of raw data for ${want}`;
    } else if (!raw && typed) {
      const n = countValues(buf, typed.no, typed.width);
      if (n !== elements * typed.perValue) held = n ? `${n} values` : 'no data';
    }
    if (held) throw new EquiLensError(path, `${what} '${name}' declares ${dims.join('×') || 'a scalar'} ${dtypeName(code)} (${elements} values) but holds ${held}`);
  }
  const small = !external && (code === 6 || code === 7) && elements <= MAX_KEPT_INTS;
  return { name, dtype: dtypeName(code), dims, external, ints: small ? intValues(buf, raw, code, elements) : null };
}

/** An int32 (6) or int64 (7) tensor's values, from raw_data (little-endian) or int32_data/int64_data. */
function intValues(buf: Uint8Array, raw: Field | undefined, code: number, elements: number): number[] {
  if (raw) {
    const view = new DataView(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength);
    return Array.from({ length: elements }, (_, i) => (code === 7 ? Number(view.getBigInt64(8 * i, true)) : view.getInt32(4 * i, true)));
  }
  const no = code === 7 ? 7 : 5;
  return repeatedInts(fields(buf, new Set([no])), no);
}

function num(list: readonly Field[], no: number): number {
  const f = list.find((x) => x.no === no && x.wire === 0);
  return f ? int64(f) : 0;
}
