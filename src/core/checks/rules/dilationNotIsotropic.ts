import type { Rule } from '../rule';

/** C4/D4 swap the two axes, so their dilation rates must agree. */
export const dilationNotIsotropic: Rule = {
  kind: 'dilation-not-isotropic',
  check({ window: w, inSize, rank }, { needs }) {
    if (!needs.square || rank !== 2 || !w || inSize === null || w.dilation[0] === w.dilation[1]) return [];
    return [{ severity: 'error', evidence: `dilation ${w.dilation[0]}×${w.dilation[1]} becomes ${w.dilation[1]}×${w.dilation[0]} under ${needs.breaker('rows')}.` }];
  },
};
