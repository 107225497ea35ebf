import type { Rule } from '../rule';
import { borders } from '../topology';

/** Cropping/padding must be equal on opposite borders that the group swaps, and on both axes under rotations. */
export const asymmetricCropOrPad: Rule = {
  kind: 'asymmetric-crop-or-pad',
  check({ className, config, inSize }, { needs }) {
    if (inSize === null || (className !== 'Cropping2D' && className !== 'ZeroPadding2D')) return [];
    const [[top, bottom], [left, right]] =
      className === 'Cropping2D' ? borders(config.cropping, 0) : borders(config.padding, 1);
    const what = className === 'Cropping2D' ? 'crops' : 'pads';
    const sides = `${what} top ${top}, bottom ${bottom}, left ${left}, right ${right}`;
    if (needs.rows && top !== bottom) return [{ severity: 'error', evidence: `${sides}: top ≠ bottom, not symmetric under ${needs.breaker('rows')}.` }];
    if (needs.cols && left !== right) return [{ severity: 'error', evidence: `${sides}: left ≠ right, not symmetric under ${needs.breaker('cols')}.` }];
    if (needs.square && top !== left) return [{ severity: 'error', evidence: `${sides}: rows and columns differ, not symmetric under ${needs.breaker('rows')}.` }];
    return [];
  },
};
