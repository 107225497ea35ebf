import { dims } from '../describe';
import { axisNeeds } from '../groupNeeds';
import type { Rule } from '../rule';
import { effectiveKernel } from '../step';

/**
 * With stride 1 and 'same' padding TF pads ⌊(k−1)/2⌋ before and the rest after, so an even
 * window is padded unevenly and its reflection reads other pixels. (Strided windows are
 * judged by stride-misaligned, which sees the map size.)
 */
export const evenKernelSamePadding: Rule = {
  kind: 'even-kernel-same-padding',
  check({ window: w, inSize, rank }, { needs }) {
    if (!w || inSize === null || w.padding !== 'same') return [];
    const bad = axisNeeds(needs, rank).find(({ axis, reflect }) => reflect && w.strides[axis] === 1 && effectiveKernel(w, axis) % 2 === 0);
    if (!bad) return [];
    const kEff = effectiveKernel(w, bad.axis);
    return [
      {
        severity: 'error',
        evidence: `${rank === 1 ? `window of ${dims(w.kernel, rank)}` : `${dims(w.kernel, rank)} window`} with 'same' padding spans ${kEff} ${bad.label}: TF pads ${Math.floor((kEff - 1) / 2)} before and ${Math.ceil((kEff - 1) / 2)} after, not symmetric under ${bad.breaker}.`,
      },
    ];
  },
};
