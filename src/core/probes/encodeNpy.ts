import { check } from '../errors';
import { NPY_MAGIC } from './parseNpy';
import { shapeSize } from './shape';

/**
 * Writes a .npy file (format 1.0, C order): '<f4' for a Float32Array, '|u1' for a Uint8Array.
 * Used by scripts that make example probes and by tests.
 */
export function encodeNpy(shape: readonly number[], data: Float32Array | Uint8Array): Uint8Array {
  check(shape.every((d) => Number.isSafeInteger(d) && d >= 0) && shapeSize(shape) === data.length, undefined, `encodeNpy: shape (${shape.join(', ')}) does not hold ${data.length} values`);
  const descr = data instanceof Float32Array ? '<f4' : '|u1';
  // Python tuple syntax: a 1-tuple needs its trailing comma.
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  // NumPy pads so the data starts on a 64-byte boundary, ending the header with '\n'.
  const prefix = NPY_MAGIC.length + 4;
  header += ' '.repeat(63 - ((prefix + header.length) % 64)) + '\n';

  const out = new Uint8Array(prefix + header.length + data.byteLength);
  out.set(NPY_MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  const body = new DataView(out.buffer, prefix + header.length);
  if (data instanceof Float32Array) data.forEach((v, i) => body.setFloat32(i * 4, v, true));
  else out.set(data, prefix + header.length);
  return out;
}
