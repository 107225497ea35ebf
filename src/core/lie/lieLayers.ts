import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Group } from '../groups/types';
import { layerValues } from '../localise/actions';
import { planLayers, type LayerPlan } from '../localise/plan';
import { probeCurves, type Evaluations, type ProbeCurves } from './centralDifference';
import { addInto, emptyEvaluations, forEachVariant, store, type Variant } from './evaluations';
import { undoOnOutput, type OutputFrame } from './lieAction';

/** float64 values the ensemble's per-layer sums may hold over all layers (32 MiB). */
const SUM_BUDGET = 2 ** 22;

/**
 * One member's per-layer values (LieLayers.member), plain data: computed where the member is
 * loaded, folded in member order by LieLayers.addPart. Per computed layer its curves and, when
 * the ensemble sums keep that layer, its evaluations (null: over the budget, not sent).
 */
export interface LieLayersPart {
  plan: LayerPlan[];
  layers: { curves: ProbeCurves; evals: Evaluations | null }[];
}

/**
 * Per-layer Lie derivatives on the values the per-layer floors compare (localise/actions.ts
 * layerValues: channel energy of hidden maps, moved spatially; invariant features; the output by
 * ρ_out). Each member's curves are kept (a few numbers per probe), the ensemble's as running sums.
 */
export class LieLayers {
  private plan: LayerPlan[] | null = null;
  /** [layer][member] curves; the ensemble's sums per layer (null: over the memory budget). */
  readonly memberCurves: ProbeCurves[][] = [];
  readonly sums: (Evaluations | null)[] = [];
  private budget = SUM_BUDGET;
  /** Per computed layer: whether the ensemble sums keep it (decided on the first member run here). */
  private readonly kept: boolean[] = [];

  constructor(
    private readonly o: {
      group: Group;
      frame: OutputFrame;
      outputName?: string;
      steps: readonly number[];
      axes: number;
      B: number;
      variants: readonly Variant[];
      u: number;
    },
  ) {}

  /** The layers run (those with an action), in model order; empty before the first member. */
  get layers(): LayerPlan[] {
    return (this.plan ?? []).filter((p) => p.action);
  }

  /** Every non-input layer (for names and notes). */
  get all(): LayerPlan[] {
    return this.plan ?? [];
  }

  /** Runs one member's hidden layers on every variant of `probes` (fed as the model takes them) and folds them in. */
  async add(model: tfl.LayersModel, probes: tf.Tensor4D, feed: (x: tf.Tensor) => tf.Tensor, cancelled?: () => void): Promise<void> {
    this.addPart(await this.member(model, probes, feed, cancelled));
  }

  /**
   * add()'s first half: one member's curves and evaluations, not folded in. Which layers the
   * ensemble sums keep is decided on this thread's first member, from the layers' sizes alone
   * (the same decision in every thread running members of one architecture).
   */
  async member(model: tfl.LayersModel, probes: tf.Tensor4D, feed: (x: tf.Tensor) => tf.Tensor, cancelled?: () => void): Promise<LieLayersPart> {
    this.plan ??= this.makePlan(model);
    const done = this.layers;
    if (!done.length) return { plan: this.plan, layers: [] };
    const probe = tfl.model({
      inputs: model.inputs,
      outputs: done.map((p) => model.layers[p.position]!.output as tfl.SymbolicTensor),
    });
    const { steps, axes, B, frame } = this.o;
    const evals = done.map(() => emptyEvaluations(steps.length, axes));
    await forEachVariant(
      probes,
      this.o.variants,
      async (x) => {
        const fed = feed(x);
        const out = probe.predict(fed, { batchSize: B });
        if (fed !== x) fed.dispose();
        return Array.isArray(out) ? out : [out];
      },
      async (v, ys) => {
        for (const [l, y] of ys.entries()) {
          const p = done[l]!;
          const values = layerValues(p.action!, y);
          const rows = p.action!.kind === 'output' ? await undoOnOutput(values, frame, v.axis, v.t) : await undoHidden(values, p, frame, v);
          values.dispose();
          store(evals[l]!, v, rows);
        }
        tf.dispose(ys);
      },
      cancelled,
    );
    const layers = evals.map((e, l) => {
      const D = e.f0.length / B;
      if (this.kept[l] === undefined) {
        const need = e.f0.length * (1 + 2 * steps.length * axes);
        this.kept[l] = need <= this.budget;
        if (need <= this.budget) this.budget -= need;
      }
      return { curves: probeCurves(e, steps, B, D, this.o.u), evals: this.kept[l] ? e : null };
    });
    return { plan: this.plan, layers };
  }

  /** add()'s second half: folds one member's part in (members in order: the sums are float64). */
  addPart(part: LieLayersPart): void {
    this.plan ??= part.plan;
    const { steps, axes } = this.o;
    part.layers.forEach((p, l) => {
      (this.memberCurves[l] ??= []).push(p.curves);
      if (this.sums[l] === undefined) this.sums[l] = p.evals ? emptyEvaluations(steps.length, axes) : null;
      if (this.sums[l] && p.evals) addInto(this.sums[l], p.evals);
    });
  }

  private makePlan(model: tfl.LayersModel): LayerPlan[] {
    const { outputName } = this.o;
    const out = (outputName === undefined ? model.outputs[0] : model.outputs.find((t) => t.sourceLayer.name === outputName)) ?? model.outputs[0]!;
    return planLayers(model, this.o.group, out.sourceLayer);
  }
}

/** ρ_l(g_t)⁻¹ on a hidden layer's values: maps (and unflattened maps) like a 'same' output, invariant features stay. */
async function undoHidden(values: tf.Tensor, p: LayerPlan, frame: OutputFrame, v: Variant): Promise<Float64Array> {
  if (p.action!.kind === 'trivial') return Float64Array.from((await values.data()) as Float32Array);
  const map = tf.expandDims(values, -1);
  try {
    return await undoOnOutput(map, { ...frame, channelsFirst: false }, v.axis, v.t, 'same');
  } finally {
    map.dispose();
  }
}
