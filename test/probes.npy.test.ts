import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import { encodeNpy, parseNpy } from '../src/core/probes';

const FILE = '/data/x.npy';

/** A .npy file built byte by byte: magic, version, header length (2 or 4 bytes), header, data. */
function handMade(major: number, header: string, data: Uint8Array): Uint8Array {
  const lenBytes = major === 1 ? 2 : 4;
  const text = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + lenBytes + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (lenBytes === 2) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  out.set(text, 8 + lenBytes);
  out.set(data, 8 + lenBytes + text.length);
  return out;
}

function header(descr: string, shape: string, fortran = 'False'): string {
  return `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }\n`;
}

function littleEndian(values: number[], size: number, write: (v: DataView, o: number, x: number) => void): Uint8Array {
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((x, i) => write(view, i * size, x));
  return out;
}

function assertFails(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof EquiLensError, `expected EquiLensError, got ${String(e)}`);
    assert.equal(e.file, FILE);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
}

describe('encodeNpy / parseNpy', () => {
  it('round-trips float32 with a 64-byte aligned v1.0 header', () => {
    const data = new Float32Array([0, -1.5, 3.25, 1e-7, 65504, 0.1]);
    const bytes = encodeNpy([2, 3], data);
    assert.equal((bytes.length - data.byteLength) % 64, 0);
    const arr = parseNpy(bytes, FILE);
    assert.deepEqual(arr.shape, [2, 3]);
    assert.equal(arr.dtype, '<f4');
    assert.deepEqual(arr.data, data);
  });

  it('round-trips uint8 keeping raw values, and 1-d and 0-d shapes', () => {
    const arr = parseNpy(encodeNpy([4], new Uint8Array([0, 1, 128, 255])), FILE);
    assert.deepEqual(arr.shape, [4]);
    assert.equal(arr.dtype, '|u1');
    assert.deepEqual(Array.from(arr.data), [0, 1, 128, 255]);
    const scalar = parseNpy(encodeNpy([], new Float32Array([7])), FILE);
    assert.deepEqual(scalar.shape, []);
    assert.deepEqual(Array.from(scalar.data), [7]);
  });

  it('writes the header NumPy writes', () => {
    const bytes = encodeNpy([3], new Float32Array(3));
    const text = new TextDecoder().decode(bytes.subarray(10, 10 + new DataView(bytes.buffer).getUint16(8, true)));
    assert.match(text, /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3,\), \} *\n$/);
  });

  it('reads float64 from a hand-written file', () => {
    const values = [1 / 3, -2.5, 1e300];
    const bytes = handMade(
      1,
      header('<f8', '(3,)'),
      littleEndian(values, 8, (v, o, x) => v.setFloat64(o, x, true)),
    );
    const arr = parseNpy(bytes, FILE);
    assert.equal(arr.dtype, '<f8');
    assert.deepEqual(Array.from(arr.data), values.map(Math.fround));
  });

  it('reads int32, int64 and bool', () => {
    const i4 = handMade(
      1,
      header('<i4', '(2, 1)'),
      littleEndian([-7, 2 ** 30], 4, (v, o, x) => v.setInt32(o, x, true)),
    );
    assert.deepEqual(Array.from(parseNpy(i4, FILE).data), [-7, 2 ** 30]);
    const i8 = handMade(
      1,
      header('<i8', '(3,)'),
      littleEndian([-1, 5e12, -3e12], 8, (v, o, x) => v.setBigInt64(o, BigInt(x), true)),
    );
    assert.deepEqual(Array.from(parseNpy(i8, FILE).data), [-1, 5e12, -3e12].map(Math.fround));
    const b1 = handMade(1, header('|b1', '(3,)'), new Uint8Array([0, 1, 1]));
    assert.deepEqual(Array.from(parseNpy(b1, FILE).data), [0, 1, 1]);
  });

  it('reads a version 2.0 header (4-byte length) and a version 3.0 one', () => {
    const data = littleEndian([1, 2, 3, 4], 4, (v, o, x) => v.setFloat32(o, x, true));
    for (const major of [2, 3]) {
      const arr = parseNpy(handMade(major, header('<f4', '(2, 2)'), data), FILE);
      assert.deepEqual(arr.shape, [2, 2]);
      assert.deepEqual(Array.from(arr.data), [1, 2, 3, 4]);
    }
  });

  it('reads data that does not start on an aligned byte offset', () => {
    const inner = encodeNpy([2], new Float32Array([1.5, -2]));
    const shifted = new Uint8Array(inner.length + 1).subarray(1);
    shifted.set(inner);
    assert.deepEqual(Array.from(parseNpy(shifted, FILE).data), [1.5, -2]);
  });

  it('rejects Fortran order, naming the file', () => {
    const bytes = handMade(1, header('<f4', '(2, 2)', 'True'), new Uint8Array(16));
    assertFails(() => parseNpy(bytes, FILE), /Fortran-order/);
  });

  it('rejects truncated data and trailing bytes', () => {
    const full = encodeNpy([2, 3], new Float32Array(6));
    assertFails(() => parseNpy(full.subarray(0, full.length - 1), FILE), /truncated .npy data: shape \(2×3\) of <f4 needs 24 bytes, found 23/);
    const longer = new Uint8Array(full.length + 4);
    longer.set(full);
    assertFails(() => parseNpy(longer, FILE), /4 bytes more/);
    assertFails(() => parseNpy(full.subarray(0, 20), FILE), /truncated .npy header/);
  });

  it('rejects bad magic, big-endian, unsupported and structured dtypes', () => {
    assertFails(() => parseNpy(new TextEncoder().encode('PK\u0003\u0004 not numpy at all'), FILE), /not a .npy file/);
    assertFails(() => parseNpy(handMade(1, header('>f4', '(1,)'), new Uint8Array(4)), FILE), /big-endian/);
    assertFails(() => parseNpy(handMade(1, header('<c8', '(1,)'), new Uint8Array(8)), FILE), /unsupported .npy dtype '<c8'/);
    const structured = `{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }\n`;
    assertFails(() => parseNpy(handMade(1, structured, new Uint8Array(4)), FILE), /structured/);
    assertFails(() => parseNpy(handMade(4, header('<f4', '(1,)'), new Uint8Array(4)), FILE), /version 4/);
  });
});
