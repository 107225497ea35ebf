// Orbits travel as base64 of their float32 bytes: exact (bit for bit) and ~1.33 bytes per byte,
// where decimal text would round or take ~2.5× the space. No Node Buffer: the core runs in browsers too.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Base64 of the values as little-endian float32. */
export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  const parts: string[] = [];
  // Chunks of 3·2^12 bytes: whole base64 quanta, and String.fromCharCode stays within argument limits.
  for (let start = 0; start < bytes.length; start += 12288) parts.push(encodeChunk(bytes.subarray(start, Math.min(bytes.length, start + 12288))));
  return parts.join('');
}

/** The float32 values of `text`; null when it is not base64 of a whole number of float32s. */
export function decodeFloat32(text: string): Float32Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const n = (text.length / 4) * 3 - pad;
  if (n % 4 !== 0) return null;
  const bytes = new Uint8Array(n);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    let quad = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const v = c === 61 && i + k >= text.length - pad ? 0 : c < 128 ? LOOKUP[c]! : -1;
      if (v < 0) return null;
      quad = (quad << 6) | v;
    }
    for (let k = 2; k >= 0; k--) if (at + 2 - k < n) bytes[at + 2 - k] = (quad >> (8 * k)) & 255;
    at += 3;
  }
  const view = new DataView(bytes.buffer);
  return Float32Array.from({ length: n / 4 }, (_, i) => view.getFloat32(4 * i, true));
}

function encodeChunk(bytes: Uint8Array): string {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    out.push(ALPHABET.charCodeAt(a >> 2), ALPHABET.charCodeAt(((a & 3) << 4) | (b >> 4)));
    out.push(i + 1 < bytes.length ? ALPHABET.charCodeAt(((b & 15) << 2) | (c >> 6)) : 61);
    out.push(i + 2 < bytes.length ? ALPHABET.charCodeAt(c & 63) : 61);
  }
  return String.fromCharCode(...out);
}
