import { check, EquiLensError } from '../errors';
import { formatShape, shapeSize } from './shape';

export interface NpyArray {
  /** Sizes as stored; [] for a 0-d array. */
  shape: number[];
  /** Values converted to float32; uint8 keeps raw 0…255 (scaling is the caller's choice). */
  data: Float32Array;
  /** The descr string from the header, e.g. '<f4'. */
  dtype: string;
}

/** '\x93NUMPY', the six bytes every .npy file starts with. */
export const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

type Reader = (view: DataView, offset: number) => number;

/** Supported element types: size in bytes and a little-endian reader. */
const DTYPES: Record<string, { size: number; read: Reader }> = {
  f4: { size: 4, read: (v, o) => v.getFloat32(o, true) },
  f8: { size: 8, read: (v, o) => v.getFloat64(o, true) },
  i4: { size: 4, read: (v, o) => v.getInt32(o, true) },
  // Exact below 2^53, which is far beyond any value a float32 probe can hold anyway.
  i8: { size: 8, read: (v, o) => v.getInt32(o + 4, true) * 4294967296 + v.getUint32(o, true) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  b1: { size: 1, read: (v, o) => (v.getUint8(o) ? 1 : 0) },
};

/** Parses a NumPy .npy file (format 1.0, 2.0 or 3.0; C order; little-endian numeric dtypes). */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const isNpy = bytes.length >= 10 && NPY_MAGIC.every((b, i) => bytes[i] === b);
  check(isNpy, file, 'not a .npy file (bad magic bytes)');
  const major = bytes[6]!;
  check(major >= 1 && major <= 3, file, `unsupported .npy format version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Version 1.0 has a 2-byte header length; 2.0 and 3.0 (UTF-8 header) widened it to 4 bytes.
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? view.getUint16(8, true) : bytes.length >= 12 ? view.getUint32(8, true) : -1;
  const dataStart = 8 + lenBytes + headerLen;
  check(headerLen >= 0 && dataStart <= bytes.length, file, 'truncated .npy header');
  const header = new TextDecoder().decode(bytes.subarray(8 + lenBytes, dataStart));

  const { descr, shape } = parseHeader(header, file);
  const kind = dtypeKind(descr, file);
  const type = DTYPES[kind]!;

  const count = shapeSize(shape);
  const expected = count * type.size;
  const found = bytes.length - dataStart;
  check(found >= expected, file, `truncated .npy data: shape (${formatShape(shape)}) of ${descr} needs ${expected} bytes, found ${found}`);
  const extra = found - expected;
  check(extra === 0, file, `.npy data has ${extra} bytes more than shape (${formatShape(shape)}) needs`);

  const data = new Float32Array(count);
  for (let i = 0, o = dataStart; i < count; i++, o += type.size) data[i] = type.read(view, o);
  return { shape, data, dtype: descr };
}

/** Reads descr, fortran_order and shape from the header's Python dict literal. */
function parseHeader(header: string, file: string): { descr: string; shape: number[] } {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined) {
    // A list here means a structured (record) dtype.
    const structured = /['"]descr['"]\s*:\s*\[/.test(header);
    const problem = structured ? 'structured .npy dtypes are not supported' : 'bad .npy header: no descr';
    throw new EquiLensError(file, problem);
  }
  check(fortran !== undefined && shapeText !== undefined, file, 'bad .npy header: missing fortran_order or shape');
  check(fortran === 'False', file, 'Fortran-order .npy arrays are not supported; save with np.ascontiguousarray');
  const parts = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const shape = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  check(shape.every(Number.isSafeInteger), file, `bad .npy header: shape (${shapeText})`);
  return { descr, shape };
}

/** The kind ('f4') of a descr ('<f4'); rejects big-endian and unsupported types. */
function dtypeKind(descr: string, file: string): string {
  const order = descr.charAt(0);
  const kind = descr.slice(1);
  const known = order !== '' && '<>|='.includes(order) && Object.hasOwn(DTYPES, kind);
  check(known, file, `unsupported .npy dtype '${descr}' (supported: float32, float64, int32, int64, uint8, bool)`);
  // Byte order only matters for multi-byte types; NumPy writes '|' for single bytes.
  if (DTYPES[kind]!.size > 1) {
    check(order !== '>', file, `big-endian .npy dtype '${descr}' is not supported; save with arr.astype('<${kind}')`);
    check(order === '<', file, `.npy dtype '${descr}' has no explicit byte order`);
  }
  return kind;
}
