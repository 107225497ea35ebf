import { axisSampling, formatCentres, isSymmetric } from '../geometry';
import type { Rule } from '../rule';

const AXES = [
  ['rows', 'rows', 0],
  ['cols', 'columns', 1],
] as const;

/**
 * A strided window grid commutes with a reflection iff its first and last windows are equally
 * far from the borders (see axisSampling); a rotation by 90° also needs equal strides; cyclic
 * translations need the stride to divide the map. Stride-1 grids are handled by
 * even-kernel-same-padding.
 */
export const strideMisaligned: Rule = {
  kind: 'stride-misaligned',
  check({ window: w, inSize, className }, { needs }) {
    if (!w || inSize === null) return [];
    const [h, wd] = inSize;
    const map = `${h ?? '?'}×${wd ?? '?'}`;
    if (needs.square && w.strides[0] !== w.strides[1]) {
      return [{ severity: 'error', evidence: `strides ${w.strides[0]}×${w.strides[1]} on a ${map} map differ per axis and swap under ${needs.breaker('rows')}.` }];
    }
    for (const [axis, label, a] of AXES) {
      const n = inSize[a];
      const s = w.strides[a];
      if (n === null || s === 1) continue;
      if (needs.translate && n % s !== 0) {
        return [{ severity: 'error', evidence: `stride ${s} on a ${map} map does not divide its ${n} ${label}: shifts of the input do not map to shifts of the output.` }];
      }
      if (!needs[axis]) continue;
      const grid = axisSampling(n, w.kernel[a], s, w.dilation[a], w.padding);
      if (isSymmetric(grid)) continue;
      const kind = w.role === 'pool' ? `${className} ${w.kernel[0]}×${w.kernel[1]}` : `kernel ${w.kernel[0]}×${w.kernel[1]}`;
      const margins =
        grid.padAfter < 0 ? `the last ${-grid.padAfter} ${label} are never read` : `TF pads ${grid.padBefore} before and ${grid.padAfter} after`;
      return [{
        severity: 'error',
        evidence: `stride ${s} on a ${map} map (${kind}, '${w.padding}' padding) centres its windows on ${label} ${formatCentres(grid.centres)} of 0…${n - 1} (${margins}): not symmetric under ${needs.breaker(axis)}.`,
      }];
    }
    return [];
  },
};
