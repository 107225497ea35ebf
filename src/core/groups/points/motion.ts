import { EquiLensError } from '../../errors';
import { inversePerm } from '../perm';
import { sitePermutation } from '../siteGroup';
import type { Group } from '../types';

/*
 * How a group element moves a point, in centered pixel coordinates (X right, Y down, origin at
 * the image centre, continuous: pixel (row r, column c) is at X = c − (W−1)/2, Y = r − (H−1)/2).
 * Read off the group's own site permutations, so a model that moves a point exactly as the image
 * moves its pixels gives 0:
 *  - rotations and reflections: X' = a·X + b·Y, Y' = c·X + d·Y, read on a 3×3 grid (the same
 *    linear map on any grid the element acts on);
 *  - continuous rotations (rot:<n>, dih:<n>, so2:<m>): the group's own motion(i), exact;
 *  - cyclic shifts ('translate'): X' = X + dx, Y' = Y + dy, wrapped back into [−W/2, W/2) and
 *    [−H/2, H/2) as the image content wraps around (np.roll), read on the audited grid.
 */
export type Motion = { kind: 'linear'; m: [number, number, number, number] } | { kind: 'shift'; dx: number; dy: number; W: number; H: number };

/** The motion of every element of an image group acting on H×W images. */
export function pointMotions(group: Group, H: number, W: number): Motion[] {
  if (group.layout !== 'image') {
    throw new EquiLensError(undefined, `points need an image group (flip-h, flip-v, c2, c4, d4, translate), got '${group.name}'`);
  }
  // Continuous rotations carry their exact motion (a rotation about the centre, maybe mirrored).
  const motion = group.motion?.bind(group);
  if (motion) return group.elements.map((_, i): Motion => ({ kind: 'linear', m: motion(i) }));
  return group.elements.map((el, i) => (group.name === 'translate' ? shiftMotion(group, i, H, W) : linearMotion(group, i, el.name)));
}

/** Applies a motion to (X, Y) in centered pixel coordinates. */
export function movePoint(mo: Motion, X: number, Y: number): [number, number] {
  if (mo.kind === 'linear') return [mo.m[0] * X + mo.m[1] * Y, mo.m[2] * X + mo.m[3] * Y];
  return [wrap(X + mo.dx, mo.W), wrap(Y + mo.dy, mo.H)];
}

/** u wrapped into [−size/2, size/2). */
function wrap(u: number, size: number): number {
  const v = (((u + size / 2) % size) + size) % size;
  return v - size / 2;
}

function linearMotion(group: Group, i: number, name: string): Motion {
  const n = 3;
  const dest = inversePerm(sitePermutation(group, i, [n, n])); // dest[source site]
  const at = (site: number): [number, number] => [(site % n) - 1, Math.floor(site / n) - 1];
  const [a, c] = at(dest[1 * n + 2]!); // image of (X, Y) = (1, 0)
  const [b, d] = at(dest[2 * n + 1]!); // image of (0, 1)
  const m: [number, number, number, number] = [a, b, c, d];
  for (let s = 0; s < n * n; s++) {
    const [X, Y] = at(s);
    const [x2, y2] = at(dest[s]!);
    if (a * X + b * Y !== x2 || c * X + d * Y !== y2) {
      throw new EquiLensError(undefined, `points: element ${name} of group '${group.name}' does not move pixels by a rotation or reflection about the centre`);
    }
  }
  return { kind: 'linear', m };
}

function shiftMotion(group: Group, i: number, H: number, W: number): Motion {
  const dest = inversePerm(sitePermutation(group, i, [H, W]));
  const dy = Math.floor(dest[0]! / W);
  const dx = dest[0]! % W;
  for (let s = 0; s < H * W; s++) {
    const r = Math.floor(s / W);
    const c = s % W;
    if (dest[s] !== ((r + dy) % H) * W + ((c + dx) % W)) {
      throw new EquiLensError(undefined, `points: element ${group.elements[i]!.name} of group '${group.name}' is not a cyclic shift`);
    }
  }
  return { kind: 'shift', dx, dy, W, H };
}
