import * as tf from '@tensorflow/tfjs-core';
import { makeGroup } from '../groups';
import type { Group, Representation } from '../groups/types';
import type { LoadedModel } from '../load/types';
import type { AuditReport } from '../report/types';
import { median } from '../stats/elementErrors';
import { chooseRung, lieRow, probeCurves, roundOff, rungErrors, type Evaluations, type ProbeCurves } from './centralDifference';
import { addInto, emptyEvaluations, forEachVariant, store, variants, type Variant } from './evaluations';
import { axesOf, checkLieSupport, DISPLACEMENTS, pixelsPerStep, undoOnOutput, type Generator, type OutputFrame } from './lieAction';
import { LieLayers, type LieLayersPart } from './lieLayers';
import type { LieLayer, LieReport } from './types';

/** Probes the Lie derivative uses by default (the first ones): 1 + 2·|generators|·6 evaluations each per member. */
export const LIE_PROBES = 32;

/** What runAudit needs, in call order, as for the per-layer floors (localise/auditHook.ts). */
export interface LieHook {
  /**
   * Once the group, ρ_out and the probes exist; refuses (EquiLensError) a group or
   * representation it cannot differentiate. `probes`: channels-last, not owned.
   */
  start(run: { group: Group; rep: Representation; probes: tf.Tensor; inputDtype?: string; channelsFirst: boolean; toModel?: (x: tf.Tensor) => tf.Tensor }): void;
  /** One loaded member: its end-to-end derivative, and per layer when it is a layers model. */
  add(model: LoadedModel, path: string, predict: (x: tf.Tensor) => Promise<tf.Tensor>, cancelled?: () => void): Promise<void>;
  /**
   * add()'s two halves, for a member loaded in another thread (a pool worker): part() evaluates
   * it there (null when off), addPart() folds the parts in here, in member order, as add() would.
   */
  part(model: LoadedModel, predict: (x: tf.Tensor) => Promise<tf.Tensor>, cancelled?: () => void): Promise<LiePart | null>;
  addPart(part: LiePart | null, path: string): void;
  /** Sets report.lie (after the per-layer floors, whose layer numbering it reuses). */
  finish(report: AuditReport): void;
  dispose(): void;
}

/** One member's Lie derivative evaluations (plain data, it crosses threads): end to end, and per layer or why not. */
export interface LiePart {
  e: Evaluations;
  layers: LieLayersPart | { failed: string } | null;
  seconds: number;
}

export interface LieSetup {
  wanted: boolean;
  /** The audit's group name and output representation, as given. */
  group: string;
  output: string;
  outputName?: string;
  /** Members the audit runs: per-layer ensemble values need ≥ 2. */
  members: number;
  now: () => number;
  maxProbes?: number;
}

/** The Lie derivative along the group's continuous generator (THEORY "The Lie derivative"), member by member. */
export function lieHook(s: LieSetup): LieHook {
  if (!s.wanted) return { start() {}, async add() {}, part: async () => null, addPart() {}, finish() {}, dispose() {} };
  let state: Running | null = null;
  let seconds = 0;
  // The first failure of the per-layer values among the members run in this thread (part()).
  let partFailed: string | null = null;
  return {
    start(run) {
      const generator = checkLieSupport(s.group, s.output, run.inputDtype);
      const B = Math.min(run.probes.shape[0], s.maxProbes ?? LIE_PROBES);
      const [H, W] = run.probes.shape.slice(1, 3) as [number, number];
      const perPixel = pixelsPerStep(generator, H, W);
      const steps = DISPLACEMENTS.map((d) => d / perPixel);
      const axes = axesOf(generator);
      const list = variants(axes, steps);
      const frame: OutputFrame = {
        rep: run.rep,
        inputGrid: [H, W],
        channelsFirst: run.channelsFirst,
      };
      const u = roundOff(run.probes.size / run.probes.shape[0]);
      // Which layers keep the input's grid: read with an exact group (c4, or c2 on non-square
      // inputs) even when the audit's own (rot:<n>) has no exact action on hidden maps.
      const planGroup =
        generator === 'translation'
          ? run.group
          : makeGroup(H === W ? 'c4' : 'c2', run.probes.shape.slice(1), {
              seed: 0,
            });
      const layers = new LieLayers({
        group: planGroup,
        frame,
        outputName: s.outputName,
        steps,
        axes: axes.length,
        B,
        variants: list,
        u,
      });
      state = {
        generator,
        B,
        u,
        steps,
        perPixel,
        list,
        frame,
        probes: tf.slice(run.probes, 0, B) as tf.Tensor4D,
        toModel: run.toModel,
        curves: [],
        paths: [],
        sums: emptyEvaluations(steps.length, axes.length),
        layers,
        layersFailed: null,
      };
    },
    async add(model, path, predict, cancelled) {
      this.addPart(await this.part(model, predict, cancelled), path);
    },
    async part(model, predict, cancelled) {
      if (!state) return null;
      const t0 = s.now();
      const st = state;
      const e = emptyEvaluations(st.steps.length, axesOf(st.generator).length);
      await forEachVariant(
        st.probes,
        st.list,
        predict,
        async (v, y) => {
          try {
            store(e, v, await undoOnOutput(y, st.frame, v.axis, v.t));
          } finally {
            y.dispose();
          }
        },
        cancelled,
      );
      let layers: LiePart['layers'] = null;
      if (model.layersModel && !partFailed) {
        try {
          const toModel = st.toModel ?? ((x: tf.Tensor) => x);
          layers = await st.layers.member(model.layersModel, st.probes, toModel, cancelled);
        } catch (err) {
          // runAudit's AuditCancelled (by name: importing runAudit here would be circular).
          if (err instanceof Error && err.name === 'AuditCancelled') throw err;
          // Per-layer values are extra: a model they cannot read still gets its end-to-end derivative.
          partFailed = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
          layers = { failed: partFailed };
        }
      }
      return { e, layers, seconds: s.now() - t0 };
    },
    addPart(part, path) {
      const st = state;
      if (!st || !part) return;
      const { e, layers } = part;
      st.curves.push(probeCurves(e, st.steps, st.B, e.f0.length / st.B, st.u));
      st.paths.push(path);
      addInto(st.sums, e);
      if (layers && !st.layersFailed) {
        if ('failed' in layers) st.layersFailed = layers.failed;
        else st.layers.addPart(layers);
      }
      seconds += part.seconds;
    },
    finish(report) {
      if (!state) return;
      report.lie = lieReport(state, report, seconds);
    },
    dispose() {
      state?.probes.dispose();
    },
  };
}

interface Running {
  generator: Generator;
  B: number;
  /** Relative round-off per output value (centralDifference.ts roundOff). */
  u: number;
  steps: number[];
  perPixel: number;
  list: Variant[];
  frame: OutputFrame;
  probes: tf.Tensor4D;
  toModel?: (x: tf.Tensor) => tf.Tensor;
  curves: ProbeCurves[];
  paths: string[];
  sums: Evaluations;
  layers: LieLayers;
  layersFailed: string | null;
}

/** The report section: one step for every row, chosen where the worst row's error sum is smallest. */
function lieReport(st: Running, report: AuditReport, seconds: number): LieReport {
  const names = axesOf(st.generator);
  const D = st.sums.f0.length / st.B;
  const ensembleCurves = st.curves.length >= 2 ? probeCurves(st.sums, st.steps, st.B, D, st.u) : null;
  const all = ensembleCurves ? [...st.curves, ensembleCurves] : st.curves;
  const k = chooseRung(all);
  const members = st.curves.flatMap((c, i) => lieRow(st.paths[i]!, c, k, names) ?? []);
  const ensemble = ensembleCurves ? lieRow('ensemble', ensembleCurves, k, names) : null;
  const out: LieReport = {
    generator: st.generator,
    step: st.steps[k + 1]!,
    stepPixels: DISPLACEMENTS[k + 1]!,
    unit: st.generator === 'rotation' ? 'per radian' : 'per pixel',
    ...rungErrors(all, k),
    probes: st.B,
    members,
    ensemble,
    ladder: st.steps.slice(1, -1).map((step, j) => ({ step, ...rungErrors(all, j) })),
    seconds,
  };
  const layers = layerRows(st, report, k, names);
  if (typeof layers === 'string') out.layersSkipped = layers;
  else out.layers = layers;
  return out;
}

function layerRows(st: Running, report: AuditReport, k: number, names: readonly string[]): LieLayer[] | string {
  if (st.layersFailed) return `per-layer values not computed: ${st.layersFailed}`;
  const plan = st.layers.all;
  if (!plan.length) return 'not a TF.js layers model run on tfjs (per-layer values need one)';
  const done = st.layers.layers;
  return plan.map((p) => {
    const index = report.layers?.find((l) => l.name === p.name)?.index ?? p.position;
    const l = done.indexOf(p);
    if (l < 0)
      return {
        name: p.name,
        index,
        memberMedian: null,
        ensemble: null,
        error: null,
        note: p.note ?? 'no known action',
      };
    const memberMedian = median(st.layers.memberCurves[l]!.map((c) => lieRow('', c, k, names)?.median ?? null));
    const sums = st.layers.sums[l];
    const D = sums ? sums.f0.length / st.B : 0;
    const row = sums && st.curves.length >= 2 ? lieRow('ensemble', probeCurves(sums, st.steps, st.B, D, st.u), k, names) : null;
    const note = st.curves.length < 2 ? 'one member: no ensemble' : !sums ? 'over the memory budget for the ensemble sums' : undefined;
    return {
      name: p.name,
      index,
      memberMedian,
      ensemble: row?.median ?? null,
      error: row ? row.differencingError + row.floatError : null,
      ...(note && { note }),
    };
  });
}
