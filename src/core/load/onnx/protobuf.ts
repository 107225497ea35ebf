// A minimal protocol-buffers wire-format reader: just what reading an ONNX ModelProto's
// structure needs (no schema, no code generation, no dependency). Every read is bounds-checked:
// a truncated or foreign file throws ProtobufError, never reads past the buffer.

/** The file is not valid protobuf (truncated, or not protobuf at all). */
export class ProtobufError extends Error {}

/** One field of a message: its number, wire type and value (varint/fixed as number, bytes as a view). */
export interface Field {
  no: number;
  wire: 0 | 1 | 2 | 5;
  /** Wire 0: the varint as a signed int64 (exact within ±2^53); wire 2: the length; else 0. */
  int: number;
  /** Wire type 2: the field's bytes (a view into the buffer, not a copy). */
  bytes: Uint8Array;
  /** Wire type 5: the raw 4 bytes' position, for float/fixed32 reads. */
  at: number;
  buf: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** The fields of the message in `buf`, in file order; throws ProtobufError on malformed input. */
export function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = varint(buf, pos);
    pos = p1;
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no < 1) throw new ProtobufError(`field number ${no}`);
    if (wire === 0) {
      const [v, p] = varint(buf, pos);
      out.push({ no, wire, int: v, bytes: EMPTY, at: pos, buf });
      pos = p;
    } else if (wire === 2) {
      const [len, p] = varint(buf, pos);
      if (len < 0 || p + len > buf.length) throw new ProtobufError('truncated length-delimited field');
      out.push({ no, wire, int: len, bytes: buf.subarray(p, p + len), at: p, buf });
      pos = p + len;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new ProtobufError('truncated fixed-size field');
      out.push({ no, wire, int: 0, bytes: EMPTY, at: pos, buf });
      pos += size;
    } else {
      // Groups (3, 4) are deprecated and absent from ONNX; 6 and 7 are not wire types at all.
      throw new ProtobufError(`wire type ${wire}`);
    }
  }
  return out;
}

/**
 * A varint at `pos` read as a signed int64 (negatives, such as axis -1, are 10-byte two's
 * complement): [value, next position]. Exact within ±2^53, which every size and axis is.
 */
export function varint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtobufError('truncated varint');
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [i < 7 ? value : bigVarint(buf, pos - i - 1), pos];
    scale *= 128;
  }
  throw new ProtobufError('varint longer than 10 bytes');
}

/** A long varint again in BigInt, for its sign (doubles cannot hold 2^64 − 1 apart from 2^64). */
function bigVarint(buf: Uint8Array, start: number): number {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const b = buf[start + i]!;
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) break;
  }
  return Number(BigInt.asIntN(64, value));
}

/** A varint field's value (already signed: see varint). */
export function int64(f: Field): number {
  return f.int;
}

/** UTF-8 text of a length-delimited field. */
export function text(f: Field): string {
  return new TextDecoder().decode(f.bytes);
}

/** A float field (wire type 5). */
export function float32(f: Field): number {
  return new DataView(f.buf.buffer, f.buf.byteOffset + f.at, 4).getFloat32(0, true);
}

/** Repeated int64: packed (one length-delimited field) or not (one varint each). */
export function repeatedInts(list: readonly Field[], no: number): number[] {
  const out: number[] = [];
  for (const f of list) {
    if (f.no !== no) continue;
    if (f.wire === 0) out.push(int64(f));
    else if (f.wire === 2) {
      for (let p = 0; p < f.bytes.length;) {
        const [v, next] = varint(f.bytes, p);
        out.push(v);
        p = next;
      }
    }
  }
  return out;
}

/** Repeated float: packed or not. */
export function repeatedFloats(list: readonly Field[], no: number): number[] {
  const out: number[] = [];
  for (const f of list) {
    if (f.no !== no) continue;
    if (f.wire === 5) out.push(float32(f));
    else if (f.wire === 2) {
      const view = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
      for (let p = 0; p + 4 <= f.bytes.length; p += 4) out.push(view.getFloat32(p, true));
    }
  }
  return out;
}
