import { fitErrorModel, floorOf } from '../stats/errorModel';
import { median } from '../stats/elementErrors';
import { layerFloorInterval } from './layerInterval';
import type { SampleMoments } from '../stats/sampleMoments';
import type { Orbit } from '../stats/types';

/** One member's contribution to a layer's sums (LayerSums.memberPart): plain data, it crosses threads. */
export interface MemberSums {
  dev: Float64Array;
  exp: Float64Array;
  devSq: number;
  expSq: number;
}

/** THEORY §4's numbers for one layer, from LayerSums. */
export interface LayerStats {
  floor: number | null;
  /** Bootstrap 95 % interval over members; null when the rows were not kept or N < 2. */
  floorCI: [number, number] | null;
  floorAbs: number;
  relError: number | null;
  memberMedianRelError: number | null;
  meanNearZero: boolean;
}

/**
 * Sufficient statistics of §4's floor for one layer, folded in member by member: Σ_i d_i and
 * Σ_i e_i (vectors over b, g≠e and the compared positions) and each member's ‖d_i‖², ‖e_i‖².
 * They give ‖d̄‖², s² = (Σ‖d_i‖² − N‖d̄‖²)/(N−1) and Z = ‖ē‖² exactly, without keeping any
 * member's vectors (a Gram matrix, as ensembleStats keeps, would need them all at once).
 * Row layout is an Orbit's without the identity: [b][g−1][d]. With `keepRows` it also keeps
 * each member's vectors (2·B·(m−1)·D float64), which the bootstrap interval needs: the caller
 * grants that only within a memory budget.
 */
export class LayerSums {
  private readonly sumDev: Float64Array;
  private readonly sumExp: Float64Array;
  private readonly devSq: number[] = [];
  private readonly expSq: number[] = [];
  private dev = 0;
  private exp = 0;
  private readonly rows: { dev: Float64Array[]; exp: Float64Array[] } | null;
  private current: { dev: Float64Array; exp: Float64Array } | null = null;

  constructor(
    readonly B: number,
    readonly m: number,
    readonly D: number,
    keepRows = false,
  ) {
    this.rows = keepRows ? { dev: [], exp: [] } : null;
    this.sumDev = new Float64Array(B * (m - 1) * D);
    this.sumExp = new Float64Array(B * (m - 1) * D);
  }

  /** Adds the current member's rows for element g ≥ 1 and probes b0…b0+nb−1 ([nb][D] from `at`). */
  add(g: number, b0: number, nb: number, moved: ArrayLike<number>, expected: ArrayLike<number>, at = 0): void {
    const { D, m } = this;
    if (this.rows) this.current ??= { dev: new Float64Array(this.sumDev.length), exp: new Float64Array(this.sumDev.length) };
    const keep = this.current;
    for (let b = 0; b < nb; b++) {
      const dst = ((b0 + b) * (m - 1) + g - 1) * D;
      const src = at + b * D;
      for (let d = 0; d < D; d++) {
        // float64 from float32 values, like orbitGrams: the same numbers as ensembleStats.
        const e = expected[src + d]!;
        const v = moved[src + d]! - e;
        this.sumDev[dst + d]! += v;
        this.sumExp[dst + d]! += e;
        this.dev += v * v;
        this.exp += e * e;
        if (keep) {
          keep.dev[dst + d] = v;
          keep.exp[dst + d] = e;
        }
      }
    }
  }

  /** Closes the current member: its ‖d_i‖² and ‖e_i‖² are kept, the next add starts a new one. */
  endMember(): void {
    this.devSq.push(this.dev);
    this.expSq.push(this.exp);
    if (this.rows && this.current) {
      this.rows.dev.push(this.current.dev);
      this.rows.exp.push(this.current.exp);
      this.current = null;
    }
    this.dev = 0;
    this.exp = 0;
  }

  /**
   * The one member this LayerSums holds, as plain data (its Σ are that member's vectors, its own
   * ‖d‖², ‖e‖²): computed where the member is loaded (a pool worker), folded in by addMember.
   */
  memberPart(): MemberSums {
    if (this.devSq.length !== 1) throw new RangeError(`memberPart: holds ${this.devSq.length} members, not 1`);
    return { dev: this.sumDev, exp: this.sumExp, devSq: this.devSq[0]!, expSq: this.expSq[0]! };
  }

  /**
   * Folds in one member's part (memberPart of a fresh LayerSums of the same shape): the same
   * float64 sums, in the same order, as add()…endMember() on that member here.
   */
  addMember(p: MemberSums): void {
    if (p.dev.length !== this.sumDev.length || p.exp.length !== this.sumExp.length) throw new RangeError('addMember: a part of another shape');
    for (let i = 0; i < p.dev.length; i++) {
      this.sumDev[i]! += p.dev[i]!;
      this.sumExp[i]! += p.exp[i]!;
    }
    this.devSq.push(p.devSq);
    this.expSq.push(p.expSq);
    // The part's vectors are this member's rows (0 + v = v): kept as they are, not copied.
    if (this.rows) {
      this.rows.dev.push(p.dev);
      this.rows.exp.push(p.exp);
    }
  }

  /** Adds a whole member orbit (its own layout [b][g][d], identity rows skipped). */
  addOrbit(o: Orbit): void {
    const { B, m, D } = o.dims;
    for (let b = 0; b < B; b++) for (let g = 1; g < m; g++) this.add(g, b, 1, o.moved, o.expected, (b * m + g) * D);
    this.endMember();
  }

  /** Members closed so far. */
  get count(): number {
    return this.devSq.length;
  }

  /** The moments sampleMoments would give for the whole ensemble. */
  moments(): SampleMoments {
    const k = this.devSq.length;
    const devSq = sqNorm(this.sumDev) / (k * k);
    const Z = sqNorm(this.sumExp) / (k * k);
    const devTrace = sum(this.devSq);
    const expTrace = sum(this.expSq);
    const spread = (trace: number, meanSq: number) => (k > 1 ? Math.max(0, (trace - k * meanSq) / (k - 1)) : 0);
    return { k, devSq, s2: spread(devTrace, devSq), Z, zS2: spread(expTrace, Z), memberZ: expTrace / k };
  }

  /** floor (with its interval when rows were kept), floorAbs, the mean's and the members' median relError. */
  stats(seed = 0): LayerStats {
    const mo = this.moments();
    const model = fitErrorModel(mo);
    // Per (probe, element) like ensembleStats (THEORY §4), not per value.
    const entries = this.B * (this.m - 1);
    const own = this.devSq.map((d, i) => (this.expSq[i]! > 0 ? Math.sqrt(d / this.expSq[i]!) : null));
    return {
      floor: floorOf(model),
      floorCI: this.rows && floorOf(model) !== null ? layerFloorInterval(this.rows.dev, this.rows.exp, model.s2, seed) : null,
      floorAbs: entries > 0 ? Math.sqrt(model.bias2 / entries) : 0,
      relError: mo.Z > 0 ? Math.sqrt(mo.devSq / mo.Z) : null,
      memberMedianRelError: median(own),
      meanNearZero: model.meanNearZero,
    };
  }
}

function sqNorm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
