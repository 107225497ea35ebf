import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../../errors';
import { Rng } from '../../rng';
import { shapeText } from '../siteGroup';
import type { ContinuousAction, Group, GroupElement } from '../types';
import type { RotationName } from './names';
import { exactTurn, turnImages } from './resample';

/*
 * rot:<n>, dih:<n> and so2:<m> on NHWC images. Element k turns the picture counter-clockwise by
 * angles[k] (as groups/dihedral.ts: 90° is exactly c4's rot90) after mirroring left–right when
 * flips[k] — rot45·flip-h is flip-h first, as in d4. Turns by non-right angles resample bilinearly
 * (resample.ts), and then the action is ρ(g)x = M·R_g·M·x with M the inscribed-disk mask: the
 * corners a turn moves off the image carry no symmetry information, so no element (the identity
 * included: ρ(e)x = M·x) lets a model see them. A group whose every element is an exact pixel
 * permutation on the audited grid (so2:1, the identity alone) has no mask; rot:2, rot:4, dih:2 and
 * dih:4 are permutation groups and never get here (makeGroup).
 */

/** An element: turn by `angle` radians after an optional left–right mirror. */
interface Turn {
  angle: number;
  flip: boolean;
}

/** Degrees for names: 22.5, 45, 51.4286 (4 decimals at most). */
export function degreesText(rad: number): string {
  return String(+((rad * 180) / Math.PI).toFixed(4));
}

function turnName(t: Turn): string {
  const rot = t.angle === 0 ? '' : `rot${degreesText(t.angle)}`;
  if (!t.flip) return rot || 'e';
  return rot ? `${rot}·flip-h` : 'flip-h';
}

/** The seeded angles of so2:<m>: 0 first, then m − 1 uniform angles in (0, 2π), sorted. */
function sampledAngles(m: number, seed: number): number[] {
  const rng = new Rng(seed);
  const rest = Array.from({ length: m - 1 }, () => 2 * Math.PI * rng.next()).filter((a) => a > 0);
  while (rest.length < m - 1) rest.push(2 * Math.PI * rng.next());
  return [0, ...rest.sort((a, b) => a - b)];
}

/** A continuous rotation group (or seeded sample of SO(2)) acting on images by resampling. */
export class RotationGroup implements Group {
  readonly name: string;
  readonly layout = 'image' as const;
  readonly elements: readonly GroupElement[];
  readonly fullOrder: number;
  readonly sampled: boolean;
  readonly generators: readonly string[];
  readonly continuous: ContinuousAction;
  private readonly turns: readonly Turn[];
  private readonly n: number;
  private readonly family: RotationName['family'];

  constructor(name: string, parsed: RotationName, grid: readonly number[], seed: number) {
    const { family, n } = parsed;
    this.name = name;
    this.family = family;
    this.n = n;
    const step = (2 * Math.PI) / n;
    const rotations = family === 'so2' ? sampledAngles(n, seed) : Array.from({ length: n }, (_, k) => k * step);
    this.turns = [...rotations.map((angle) => ({ angle, flip: false })), ...(family === 'dih' ? rotations.map((angle) => ({ angle, flip: true })) : [])];
    const rot = `rot${degreesText(step)}`;
    this.generators = family === 'so2' ? [] : family === 'dih' ? [rot, 'flip-h'] : [rot];
    this.elements = this.turns.map((t, k) => ({
      name: turnName(t),
      // rot^j·flip-h: the flip (generator 1) is applied first, so it is the rightmost letter.
      word: family === 'so2' ? [] : [...Array<number>(k % n).fill(0), ...(t.flip ? [1] : [])],
    }));
    this.fullOrder = this.turns.length;
    // so2:<m> is a sample of a continuous group: reports call it sampled, the floor refers to these angles.
    this.sampled = family === 'so2';
    const [H, W] = grid as [number, number];
    const exact = this.turns.every((t) => exactTurn(t.angle, H, W));
    this.continuous = {
      family,
      mask: exact ? null : 'inscribed-disk',
      angles: this.turns.map((t) => t.angle),
      flips: this.turns.map((t) => t.flip),
    };
  }

  multiply(i: number, j: number): number | null {
    if (i === 0) return j;
    if (j === 0) return i;
    if (this.family === 'so2') return null;
    const n = this.n;
    // r^a f^s · r^b f^t = r^(a + (−1)^s b) f^(s+t), since f r f = r⁻¹.
    const [a, s] = [i % n, i >= n ? 1 : 0];
    const [b, t] = [j % n, j >= n ? 1 : 0];
    const rot = (((a + (s ? -b : b)) % n) + n) % n;
    return ((s + t) % 2) * n + rot;
  }

  inverse(i: number): number | null {
    if (i === 0) return 0;
    if (this.family === 'so2') return null;
    const n = this.n;
    // Mirrored elements are their own inverses; rotations invert their angle.
    return i >= n ? i : (n - i) % n;
  }

  apply(i: number, x: tf.Tensor): tf.Tensor {
    const t = this.turns[i];
    if (!t) throw new RangeError(`group '${this.name}' has no element ${i}`);
    if (x.rank !== 4) throw new EquiLensError(undefined, `group '${this.name}' acts on [B,H,W,C] batches, got shape ${shapeText(x.shape)}`);
    // M·R·F·M·x in one pass (resample.ts); exact turns and mirrors come out as permutations.
    return turnImages(x as tf.Tensor4D, { angle: t.angle, flip: t.flip, masked: this.continuous.mask !== null });
  }

  /** The element's motion of a point in centered pixel coordinates (X right, Y down): [a, b, c, d]. */
  motion(i: number): [number, number, number, number] {
    const t = this.turns[i]!;
    const c = Math.cos(t.angle);
    const s = Math.sin(t.angle);
    const f = t.flip ? -1 : 1;
    // Counter-clockwise as displayed with Y down: (X, Y) ↦ (cX + sY, −sX + cY), after X ↦ f·X.
    const tidy = (v: number) => (Math.abs(v - Math.round(v)) < 1e-12 ? Math.round(v) + 0 : v);
    return [tidy(c * f), tidy(s), tidy(-s * f), tidy(c)];
  }
}
