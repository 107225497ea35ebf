import type { SiteGroupSpec } from './siteGroup';

/** Spec of 'reverse' on sequences: order 2, out[t] = in[W−1−t]; acts on sequences of any length. */
export function reverseSpec(): SiteGroupSpec {
  const reversed = ([w]: readonly number[]) => Int32Array.from({ length: w! }, (_, t) => w! - 1 - t);
  const identity = ([w]: readonly number[]) => Int32Array.from({ length: w! }, (_, t) => t);
  return {
    name: 'reverse',
    layout: 'sequence',
    generators: ['reverse'],
    elements: [
      { name: 'e', word: [], sites: identity },
      { name: 'reverse', word: [0], sites: reversed },
    ],
    fullOrder: 2,
    sampled: false,
    // Two sites already tell e and reverse apart.
    tableGrid: [2],
  };
}
