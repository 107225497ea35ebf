/**
 * Site permutations as plain typed arrays. Convention everywhere in EquiLens:
 * p[site] = the source site, so transforming x gives out[site] = x[p[site]] (a gather).
 */

/** The identity permutation of n sites. */
export function identityPerm(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}

/**
 * Permutation of the product a·b (apply b first, then a).
 * b gives y[s] = x[pb[s]]; a then gives z[s] = y[pa[s]] = x[pb[pa[s]]].
 */
export function productPerm(pa: Int32Array, pb: Int32Array): Int32Array {
  const out = new Int32Array(pa.length);
  for (let s = 0; s < pa.length; s++) out[s] = pb[pa[s]!]!;
  return out;
}

/** The inverse permutation: inv[p[s]] = s. */
export function inversePerm(p: Int32Array): Int32Array {
  const inv = new Int32Array(p.length);
  for (let s = 0; s < p.length; s++) inv[p[s]!] = s;
  return inv;
}

export function isIdentityPerm(p: Int32Array): boolean {
  for (let s = 0; s < p.length; s++) if (p[s] !== s) return false;
  return true;
}

export function samePerm(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let s = 0; s < a.length; s++) if (a[s] !== b[s]) return false;
  return true;
}

/** True when p holds each of 0…n−1 exactly once. */
export function isPermutation(p: ArrayLike<number>): boolean {
  const seen = new Uint8Array(p.length);
  for (let s = 0; s < p.length; s++) {
    const v = p[s]!;
    if (!Number.isInteger(v) || v < 0 || v >= p.length || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

/** A short hash key (FNV-1a), so large permutations can be looked up without long strings. */
export function permKey(p: Int32Array): string {
  let h = 0x811c9dc5;
  for (let s = 0; s < p.length; s++) h = Math.imul(h ^ p[s]!, 0x01000193);
  return `${p.length}:${h >>> 0}`;
}

/** Permutation of the word w0·w1·…·wk (applied right to left) from its generators' permutations. */
export function wordPerm(word: readonly number[], generator: (k: number) => Int32Array, n: number): Int32Array {
  let p = identityPerm(n);
  for (const k of word) p = productPerm(p, generator(k));
  return p;
}
