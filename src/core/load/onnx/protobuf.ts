// A minimal protocol-buffers wire-format reader: just what reading an ONNX ModelProto's
// structure needs (no schema, no code generation, no dependency). Every read is bounds-checked:
// a truncated or foreign file throws ProtobufError, never reads past the buffer.

/** The file is not valid protobuf (truncated, or not protobuf at all; `malformed` false: valid wire format, invalid content). */
export class ProtobufError extends Error {
  constructor(
    message: string,
    readonly malformed = true,
  ) {
    super(message);
  }
}

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

/**
 * Most fields one message may hand back. A real graph has a few per node and per weight (a
 * 200 000-node graph: under a million); a hostile file of 2-byte fields would otherwise turn
 * 100 MB into 50 million objects (gigabytes of heap) before any cap on nodes could be checked.
 */
export const MAX_FIELDS = 1 << 20;

/**
 * The fields of the message in `buf`, in file order; throws ProtobufError on malformed input.
 * With `keep`, only those field numbers are returned: the others are checked and skipped
 * without allocating anything (weights, docs, fields a reader has no use for).
 */
export function fields(buf: Uint8Array, keep?: ReadonlySet<number>): Field[] {
  const out: Field[] = [];
  walk(buf, (no, wire, int, at) => {
    if (keep && !keep.has(no)) return;
    if (out.length >= MAX_FIELDS) throw new ProtobufError(`more than ${MAX_FIELDS} fields in one message`);
    out.push({ no, wire, int, bytes: wire === 2 ? buf.subarray(at, at + int) : EMPTY, at, buf });
  });
  return out;
}

/**
 * How many values a repeated field `no` holds, packed or not, without materialising them (a
 * tensor's data: millions of values). `width`: 4 or 8 for float/fixed32 and double/fixed64,
 * 'varint' for integers, 'bytes' for repeated strings (one per field).
 */
export function countValues(buf: Uint8Array, no: number, width: 4 | 8 | 'varint' | 'bytes'): number {
  let n = 0;
  walk(buf, (f, wire, int, at) => {
    if (f !== no) return;
    if (width === 'bytes' || wire !== 2) n += 1;
    else if (width === 'varint') for (let i = at; i < at + int; i++) n += buf[i]! < 0x80 ? 1 : 0;
    else n += Math.floor(int / width);
  });
  return n;
}

/** Calls `visit` for each field: number, wire type, value (wire 0) or length (wire 2), and where its value starts. */
function walk(buf: Uint8Array, visit: (no: number, wire: Field['wire'], int: number, at: number) => void): void {
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = varint(buf, pos);
    pos = p1;
    const no = Math.floor(key / 8);
    const wire = (key % 8) as Field['wire'] | 3 | 4 | 6 | 7;
    if (no < 1) throw new ProtobufError(`field number ${no}`);
    if (wire === 0) {
      const [v, p] = varint(buf, pos);
      visit(no, wire, v, pos);
      pos = p;
    } else if (wire === 2) {
      const [len, p] = varint(buf, pos);
      if (len < 0 || len > buf.length - p) throw new ProtobufError('truncated length-delimited field');
      visit(no, wire, len, p);
      pos = p + len;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new ProtobufError('truncated fixed-size field');
      visit(no, wire, 0, pos);
      pos += size;
    } else {
      // Groups (3, 4) are deprecated and absent from ONNX; 6 and 7 are not wire types at all.
      throw new ProtobufError(`wire type ${wire}`);
    }
  }
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

/** UTF-8 text of a length-delimited field; bytes that are not UTF-8 become U+FFFD (ONNX's `bytes` attributes). */
export function text(f: Field): string {
  return new TextDecoder().decode(f.bytes);
}

const STRICT = new TextDecoder('utf-8', { fatal: true });

/** A proto3 `string` field (names): UTF-8 by the wire format's rule, or a ProtobufError. */
export function utf8(f: Field): string {
  try {
    return STRICT.decode(f.bytes);
  } catch {
    throw new ProtobufError('a name is not UTF-8 text', false);
  }
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
