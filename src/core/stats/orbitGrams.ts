import type { Orbit } from './types';

/**
 * Inner products between members over the non-identity entries (b, g≠e, d), N×N row-major:
 *  dev[i·N+j] = ⟨d_i, d_j⟩ with d_i = moved_i − expected_i (THEORY §4),
 *  exp[i·N+j] = ⟨expected_i, expected_j⟩.
 * Every resample's ‖d̄‖², s² and Z are quadratic forms in these, so the O(N²·L) pass is done once.
 */
export interface OrbitGrams {
  N: number;
  dev: Float64Array;
  exp: Float64Array;
}

// Orbits are read in column chunks so the two N×chunk float64 buffers stay near 8 MB each,
// however long a member's orbit is; inside a chunk each member's row is contiguous.
const CHUNK_BUDGET = 1 << 20;

/** Gram matrices of member deviations and member `expected` vectors (members already checked). */
export function orbitGrams(members: readonly Orbit[]): OrbitGrams {
  const N = members.length;
  const { B, m, D } = members[0]!.dims;
  const rowLen = (m - 1) * D;
  const L = B * rowLen;
  const chunk = Math.max(64, Math.min(8192, Math.floor(CHUNK_BUDGET / N)));
  const dev = new Float64Array(N * N);
  const exp = new Float64Array(N * N);
  const devBuf = new Float64Array(N * chunk);
  const expBuf = new Float64Array(N * chunk);
  const index = new Int32Array(chunk);
  for (let start = 0; start < L; start += chunk) {
    const len = Math.min(chunk, L - start);
    for (let t = 0; t < len; t++) {
      // Position p in the non-identity list → b, offset in that probe's g ≥ 1 block.
      const p = start + t;
      const b = Math.floor(p / rowLen);
      index[t] = b * m * D + D + (p - b * rowLen);
    }
    for (let i = 0; i < N; i++) {
      const { moved, expected } = members[i]!;
      const base = i * chunk;
      for (let t = 0; t < len; t++) {
        const e = expected[index[t]!]!;
        expBuf[base + t] = e;
        devBuf[base + t] = moved[index[t]!]! - e;
      }
    }
    accumulateGram(devBuf, N, chunk, len, dev);
    accumulateGram(expBuf, N, chunk, len, exp);
  }
  return { N, dev, exp };
}

/** gram[i,j] += Σ_t buf[i,t]·buf[j,t] for the first `len` columns; fills both triangles. */
function accumulateGram(buf: Float64Array, N: number, stride: number, len: number, gram: Float64Array): void {
  let i = 0;
  // Rows i, i+1 against four rows j at a time: 6 loads feed 8 products (register blocking).
  for (; i + 1 < N; i += 2) {
    const a0 = i * stride;
    const a1 = a0 + stride;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const c0 = j * stride;
      const c1 = c0 + stride;
      const c2 = c1 + stride;
      const c3 = c2 + stride;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      for (let t = 0; t < len; t++) {
        const x0 = buf[a0 + t]!;
        const x1 = buf[a1 + t]!;
        const y0 = buf[c0 + t]!;
        const y1 = buf[c1 + t]!;
        const y2 = buf[c2 + t]!;
        const y3 = buf[c3 + t]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      addSymmetric(gram, N, i, j, s00);
      addSymmetric(gram, N, i, j + 1, s01);
      addSymmetric(gram, N, i, j + 2, s02);
      addSymmetric(gram, N, i, j + 3, s03);
      addSymmetric(gram, N, i + 1, j, s10);
      addSymmetric(gram, N, i + 1, j + 1, s11);
      addSymmetric(gram, N, i + 1, j + 2, s12);
      addSymmetric(gram, N, i + 1, j + 3, s13);
    }
    for (; j <= i + 1; j++) {
      addSymmetric(gram, N, i + 1, j, dot(buf, a1, j * stride, len));
      if (j <= i) addSymmetric(gram, N, i, j, dot(buf, a0, j * stride, len));
    }
  }
  for (; i < N; i++) for (let j = 0; j <= i; j++) addSymmetric(gram, N, i, j, dot(buf, i * stride, j * stride, len));
}

function dot(buf: Float64Array, a: number, c: number, len: number): number {
  let s = 0;
  for (let t = 0; t < len; t++) s += buf[a + t]! * buf[c + t]!;
  return s;
}

function addSymmetric(gram: Float64Array, N: number, i: number, j: number, v: number): void {
  gram[i * N + j]! += v;
  if (i !== j) gram[j * N + i]! += v;
}
