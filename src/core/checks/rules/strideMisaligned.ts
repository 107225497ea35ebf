import { dims, mapText } from '../describe';
import { axisSampling, formatCentres, isSymmetric } from '../geometry';
import { axisNeeds } from '../groupNeeds';
import type { Rule } from '../rule';

/**
 * A strided window grid commutes with a reflection iff its first and last windows are equally
 * far from the borders (see axisSampling); a rotation by 90° also needs equal strides; cyclic
 * translations and shifts need the stride to divide the map. Stride-1 grids are judged by
 * even-kernel-same-padding ('same') and asymmetric-crop-or-pad (explicit or causal pads).
 */
export const strideMisaligned: Rule = {
  kind: 'stride-misaligned',
  check({ window: w, inSize, className, rank }, { needs }) {
    if (!w || inSize === null) return [];
    const map = mapText(inSize, rank);
    if (needs.square && rank === 2 && w.strides[0] !== w.strides[1]) {
      return [{ severity: 'error', evidence: `strides ${w.strides[0]}×${w.strides[1]} on ${map} differ per axis and swap under ${needs.breaker('rows')}.` }];
    }
    for (const { axis, label, reflect, translate, breaker } of axisNeeds(needs, rank)) {
      const n = inSize[axis];
      const s = w.strides[axis];
      if (n === null || s === 1) continue;
      if (translate && n % s !== 0) {
        return [{ severity: 'error', evidence: `stride ${s} on ${map} does not divide its ${n} ${label}: shifts of the input do not map to shifts of the output.` }];
      }
      if (!reflect) continue;
      const grid = axisSampling(n, w.kernel[axis], s, w.dilation[axis], w.padding, w.pads?.[axis]);
      if (isSymmetric(grid)) continue;
      const kind = w.role === 'pool' ? `${className} ${dims(w.kernel, rank)}` : `kernel ${dims(w.kernel, rank)}`;
      const margins = grid.padAfter < 0 ? `the last ${-grid.padAfter} ${label} are never read` : `TF pads ${grid.padBefore} before and ${grid.padAfter} after`;
      return [
        {
          severity: 'error',
          evidence: `stride ${s} on ${map} (${kind}, '${w.padding}' padding) centres its windows on ${label} ${formatCentres(grid.centres)} of 0…${n - 1} (${margins}): not symmetric under ${breaker}.`,
        },
      ];
    }
    return [];
  },
};
