/**
 * When an ensemble's floor "ends near the interpolation floor" (issue 16, the paper's prediction
 * for the compatible support). The tolerance is the floor's own resolution: the width of its 95 %
 * bootstrap interval. With N = 8 members the floor is not known better than that, so a gap to the
 * interpolation floor smaller than the interval's width is one the data cannot tell from
 * resampling alone; a gap larger than it is a bias of the ensemble's own.
 *
 * Why not "the interval contains the interpolation floor": the interpolation floor is measured on
 * one invariant function (each probe's radial profile, src/core/groups/continuous/floor.ts), a
 * smooth average of the image. A classifier built from 5×5 edge detectors reacts more to the
 * slight blur of a bilinear turn than a ring average does, so even an ensemble that is invariant
 * up to resampling sits somewhat above it (measured on the C16 examples: ensemble errors of
 * 3–5 % on the exact quarter turns against 5.5–8 % on the resampled ones).
 */
export function nearInterpolationFloor(floor: number, floorCI: readonly [number, number], interpolationFloor: number): boolean {
  return floor - interpolationFloor <= floorCI[1] - floorCI[0];
}

/** One line on both ensembles, from the numbers (never assumed). */
export function c16Conclusion(
  compatible: { floor: number; floorCI: readonly [number, number] },
  asymmetric: { floor: number; floorCI: readonly [number, number] },
  interpolationFloor: number,
): string {
  const c = nearInterpolationFloor(compatible.floor, compatible.floorCI, interpolationFloor);
  const a = nearInterpolationFloor(asymmetric.floor, asymmetric.floorCI, interpolationFloor);
  if (c && !a) {
    return "as the theorem predicts: with a rotation-compatible support the ensemble ends near the interpolation floor (within its floor's 95 % interval width), with an asymmetric support it stays clearly above it.";
  }
  return `NOT as the theorem predicts: compatible support ${c ? 'near' : 'above'} the interpolation floor, asymmetric support ${a ? 'near' : 'above'} it.`;
}
