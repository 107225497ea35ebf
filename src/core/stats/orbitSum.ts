import { check } from '../errors';
import { checkOrbit, checkSameDims } from './checkOrbit';
import type { Orbit, OrbitDims } from './types';

/**
 * Running (weighted) sum of orbits in float64, so the engine can fold members in one at a time
 * and never hold them all; mean() is the ensemble's orbit because moved/expected are linear in f.
 */
export class OrbitSum {
  private readonly moved: Float64Array;
  private readonly expected: Float64Array;
  private total = 0;

  constructor(readonly dims: OrbitDims) {
    const size = dims.B * dims.m * dims.D;
    this.moved = new Float64Array(size);
    this.expected = new Float64Array(size);
  }

  /** Adds `weight` copies of `o` (weights are resample counts on the curve). */
  add(o: Orbit, weight = 1): void {
    checkSameDims(o, this.dims, 'orbit');
    for (let i = 0; i < this.moved.length; i++) {
      this.moved[i]! += weight * o.moved[i]!;
      this.expected[i]! += weight * o.expected[i]!;
    }
    this.total += weight;
  }

  /** Total weight added so far. */
  get count(): number {
    return this.total;
  }

  /** Forgets everything added, keeping the buffers. */
  reset(): void {
    this.moved.fill(0);
    this.expected.fill(0);
    this.total = 0;
  }

  /** The mean orbit, rounded to float32 like model outputs. */
  mean(): Orbit {
    check(this.total > 0, undefined, 'cannot take the mean of an empty ensemble');
    const moved = new Float32Array(this.moved.length);
    const expected = new Float32Array(this.expected.length);
    for (let i = 0; i < moved.length; i++) {
      moved[i] = this.moved[i]! / this.total;
      expected[i] = this.expected[i]! / this.total;
    }
    return { dims: { ...this.dims }, moved, expected };
  }
}

/** The ensemble's orbit: the member-wise mean of `orbits` (all with the same dims). */
export function meanOrbit(orbits: readonly Orbit[]): Orbit {
  const first = orbits[0];
  check(first !== undefined, undefined, 'cannot take the mean of an empty ensemble');
  checkOrbit(first);
  const sum = new OrbitSum(first.dims);
  for (const o of orbits) sum.add(o);
  return sum.mean();
}
