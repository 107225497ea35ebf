import type { Rule } from '../rule';

/** C4/D4 rotate a kh×kw window into kw×kh: only square kernels and pools are compatible. */
export const kernelNotSquare: Rule = {
  kind: 'kernel-not-square',
  check({ window: w, inSize, rank }, { needs }) {
    if (!needs.square || rank !== 2 || !w || inSize === null || w.kernel[0] === w.kernel[1]) return [];
    const what = w.role === 'conv' ? 'kernel' : 'pool window';
    return [{ severity: 'error', evidence: `${w.kernel[0]}×${w.kernel[1]} ${what} becomes ${w.kernel[1]}×${w.kernel[0]} under ${needs.breaker('rows')}.` }];
  },
};
