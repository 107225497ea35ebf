import type * as tf from '@tensorflow/tfjs-core';
import { topologyLayers } from '../checks/topology';
import type { Group, Representation } from '../groups/types';
import type { ModelJson } from '../load/modelJson';
import type { LoadedModel } from '../load/types';
import type { AuditReport } from '../report/types';
import { breakingLayer } from './breakingLayer';
import { Localiser, type LayerPart } from './localiser';

/** Localisation runs by default on layers models with at most this many layers. */
export const LOCALISE_MAX_LAYERS = 200;

/** What runAudit needs, in call order: start, fold members in, finish. */
export interface Localisation {
  /** Once the probes' orbit exists (runAudit's orbit inputs, shared, not owned). */
  start(run: { group: Group; rep: Representation; inputs: readonly tf.Tensor[] }): void;
  /**
   * Folds a loaded member's hidden layers in (a no-op when off or failed), through the member's
   * own tfjs model: no second load. The caller holds the engine lock and disposes the model.
   */
  add(model: LoadedModel): Promise<void>;
  /**
   * add()'s two halves, for a member loaded in another thread (a pool worker): part() runs it
   * there (null: off, failed before, or nothing to locate), addPart() folds the parts in here,
   * in member order, as add() would have. Same numbers as add(), by construction.
   */
  part(model: LoadedModel): Promise<LocalisePart | null>;
  addPart(part: LocalisePart | null): void;
  /** Sets report.layers/breakingLayer (and a warning when it failed or cannot apply). */
  finish(report: AuditReport): void;
  dispose(): void;
}

/** One member's per-layer rows, or why they could not be computed (the first failure in member order is the report's). */
export type LocalisePart = { rows: LayerPart; seconds: number } | { failed: string; seconds: number };

export interface LocalisationSetup {
  /** AuditSpec.localise: undefined = on for layers models with ≤ LOCALISE_MAX_LAYERS layers. */
  wanted: boolean | undefined;
  /** The first member's model JSON. */
  json: ModelJson;
  outputName?: string;
  seed: number;
  /** Members the audit will add (the intervals' memory is sized from it). */
  members: number;
  now: () => number;
}

/** Per-layer floors for runAudit (THEORY §5), streamed member by member; see localiser.ts. */
export function localisation(s: LocalisationSetup): Localisation {
  const layers = topologyLayers(s.json);
  // Said once, before any work: where no floor can come out, the second pass is not run at all.
  const skipped = skipReason(s, layers?.length ?? null);
  const on = s.wanted !== false && skipped === null;
  let failed: string | null = null;
  let localiser: Localiser | null = null;
  let seconds = 0;
  // Known only once the group is: resampled rotations have no exact action on hidden maps.
  let resampled: string | null = null;
  return {
    start({ group, rep, inputs }) {
      resampled = group.continuous?.mask ? RESAMPLED(group.name) : null;
      if (on && resampled === null) localiser = new Localiser({ group, rep, inputs, outputName: s.outputName, seed: s.seed, members: s.members });
    },
    async part(model) {
      const run = localiser;
      if (!run || failed || run.noSpatialLayer) return null;
      const t0 = s.now();
      try {
        if (!model.layersModel) throw new Error(`${model.path} is not a layers model`);
        return { rows: await run.member(model.layersModel), seconds: s.now() - t0 };
      } catch (e) {
        // Per-layer floors are extra: a model they cannot read still gets its audit.
        failed = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
        return { failed, seconds: s.now() - t0 };
      }
    },
    addPart(part) {
      if (!part || !localiser) return;
      seconds += part.seconds;
      if (failed) return;
      if ('failed' in part) failed = part.failed;
      else localiser.addPart(part.rows);
    },
    async add(model) {
      this.addPart(await this.part(model));
    },
    finish(report) {
      if (s.wanted === false) return;
      if (skipped !== null || resampled !== null || localiser?.noSpatialLayer) {
        report.layers = null;
        report.layersSkipped = skipped ?? resampled ?? NO_SPATIAL;
        return;
      }
      if (failed || !localiser) {
        report.layers = null;
        report.warnings.push(`per-layer floors not computed: ${failed ?? 'no member was run'}`);
        return;
      }
      const t0 = s.now();
      const index = new Map((layers ?? []).map((l, i) => [String((l.config as { name?: unknown } | undefined)?.name ?? ''), i]));
      report.layers = localiser.result((name, position) => index.get(name) ?? position);
      report.breakingLayer = breakingLayer(report.layers, report.findings);
      report.timing.localiseSeconds = seconds + s.now() - t0;
    },
    dispose: () => localiser?.dispose(),
  };
}

const RESAMPLED = (name: string) => `group '${name}' turns images by resampling: hidden maps have no exact action to compare, so per-layer floors are not computed (the output's floor is reported)`;

const NO_SPATIAL = "no hidden layer keeps the input's grid: the only floor is the output's, already reported";

/** Why per-layer floors cannot come out of this audit (null: they can). */
function skipReason(s: LocalisationSetup, layerCount: number | null): string | null {
  if (s.json.format === 'onnx') return 'ONNX models are not covered (TF.js layers models only)';
  if (s.json.format !== 'layers-model' || layerCount === null) return 'graph models are not covered (layers models only)';
  if (s.members < 2) return 'one model: a floor needs an ensemble of N ≥ 2 members';
  if (s.wanted !== true && layerCount > LOCALISE_MAX_LAYERS) return `more than ${LOCALISE_MAX_LAYERS} layers (localise: true runs them anyway)`;
  return null;
}
