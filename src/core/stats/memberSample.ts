import type { Rng } from '../rng';

/** A multiset of members: the distinct indices drawn and how often each was drawn (k in all). */
export interface MemberSample {
  idx: Int32Array;
  cnt: Float64Array;
  k: number;
}

/** Every member once: the ensemble itself. */
export function wholeEnsemble(N: number): MemberSample {
  const idx = new Int32Array(N);
  for (let i = 0; i < N; i++) idx[i] = i;
  return { idx, cnt: new Float64Array(N).fill(1), k: N };
}

/** k members drawn uniformly with replacement from N (bootstrap and curve resamples). */
export function drawSample(rng: Rng, N: number, k: number): MemberSample {
  const counts = new Int32Array(N);
  for (let t = 0; t < k; t++) counts[rng.int(N)]!++;
  let distinct = 0;
  for (let i = 0; i < N; i++) if (counts[i]! > 0) distinct++;
  const idx = new Int32Array(distinct);
  const cnt = new Float64Array(distinct);
  for (let i = 0, n = 0; i < N; i++) {
    if (counts[i]! > 0) {
      idx[n] = i;
      cnt[n++] = counts[i]!;
    }
  }
  return { idx, cnt, k };
}
