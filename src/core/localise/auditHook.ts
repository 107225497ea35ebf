import type * as tf from '@tensorflow/tfjs-core';
import { topologyLayers } from '../checks/topology';
import type { Group, Representation } from '../groups/types';
import type { ModelJson } from '../load/modelJson';
import type { LoadedModel } from '../load/types';
import type { AuditReport } from '../report/types';
import { breakingLayer } from './breakingLayer';
import { Localiser } from './localiser';

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
  /** Sets report.layers/breakingLayer (and a warning when it failed or cannot apply). */
  finish(report: AuditReport): void;
  dispose(): void;
}

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
  const fits = s.json.format === 'layers-model' && layers !== null && (s.wanted === true || layers.length <= LOCALISE_MAX_LAYERS);
  const on = s.wanted !== false && fits;
  let failed: string | null = fits ? null : s.json.format === 'layers-model' ? `more than ${LOCALISE_MAX_LAYERS} layers` : 'graph models are not covered (layers models only)';
  let localiser: Localiser | null = null;
  let seconds = 0;
  return {
    start({ group, rep, inputs }) {
      if (on) localiser = new Localiser({ group, rep, inputs, outputName: s.outputName, seed: s.seed, members: s.members });
    },
    async add(model) {
      const run = localiser;
      if (!run || failed) return;
      const t0 = s.now();
      try {
        if (!model.layersModel) throw new Error(`${model.path} is not a layers model`);
        await run.add(model.layersModel);
      } catch (e) {
        // Per-layer floors are extra: a model they cannot read still gets its audit.
        failed = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
      }
      seconds += s.now() - t0;
    },
    finish(report) {
      if (s.wanted === false) return;
      if (failed || !localiser) {
        report.layers = null;
        if (s.wanted === true || fits) report.warnings.push(`per-layer floors not computed: ${failed ?? 'no member was run'}`);
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
