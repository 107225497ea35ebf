/** A 64-bit hash (two FNV-1a passes, as load/fingerprint.ts) of float32 values: tells probe sets apart. */
export function float32Digest(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return hex(fnv1a(bytes, 0x811c9dc5)) + hex(fnv1a(bytes, 0x5bd1e995));
}

function fnv1a(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193) >>> 0;
  return h;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
