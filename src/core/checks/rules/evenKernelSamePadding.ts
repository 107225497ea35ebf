import type { Rule } from '../rule';

const AXES = [
  ['rows', 'rows'],
  ['cols', 'columns'],
] as const;

/**
 * With stride 1 and 'same' padding TF pads ⌊(k−1)/2⌋ before and the rest after, so an even
 * window is padded unevenly and its reflection reads other pixels. (Strided windows are
 * judged by stride-misaligned, which sees the map size.)
 */
export const evenKernelSamePadding: Rule = {
  kind: 'even-kernel-same-padding',
  check({ window: w, inSize }, { needs }) {
    if (!w || inSize === null || w.padding !== 'same') return [];
    const bad = AXES.filter(([axis], a) => {
      const kEff = (w.kernel[a] - 1) * w.dilation[a] + 1;
      return needs[axis] && w.strides[a] === 1 && kEff % 2 === 0;
    });
    if (bad.length === 0) return [];
    const [axis, label] = bad[0]!;
    const a = axis === 'rows' ? 0 : 1;
    const kEff = (w.kernel[a] - 1) * w.dilation[a] + 1;
    return [{
      severity: 'error',
      evidence: `${w.kernel[0]}×${w.kernel[1]} window with 'same' padding spans ${kEff} ${label}: TF pads ${Math.floor((kEff - 1) / 2)} before and ${Math.ceil((kEff - 1) / 2)} after, not symmetric under ${needs.breaker(axis)}.`,
    }];
  },
};
