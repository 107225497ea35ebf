import type * as tf from '@tensorflow/tfjs-core';
import { withEngine } from '../audit/engineLock';
import { topologyLayers } from '../checks/topology';
import type { Group, Representation } from '../groups/types';
import type { FileSystem } from '../io/files';
import type { Limits } from '../load/limits';
import type { ModelJson } from '../load/modelJson';
import type { AuditReport } from '../report/types';
import { breakingLayer } from './breakingLayer';
import { loadLayersModelCopy, type KeptWeights } from './loadLayers';
import { Localiser } from './localiser';

/** Localisation runs by default on layers models with at most this many layers. */
export const LOCALISE_MAX_LAYERS = 200;

/** What runAudit needs, in call order: keep each load's weights, start, fold members in, finish. */
export interface Localisation {
  /** Copies the weights a load just read (LoadOptions.onWeights), so add() reads no weight file again. */
  keep(path: string, specs: readonly tf.io.WeightsManifestEntry[], bytes: Uint8Array): void;
  /** Once the probes' orbit exists (runAudit's orbit inputs, shared, not owned). */
  start(run: { group: Group; rep: Representation; inputs: readonly tf.Tensor[] }): void;
  /** Builds the member as a LayersModel and folds its layers in (a no-op when off or failed). */
  add(fs: FileSystem, path: string, limits: Limits): Promise<void>;
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
  let kept: KeptWeights | null = null;
  let seconds = 0;
  return {
    keep(path, specs, bytes) {
      // One member at a time: the next load's weights replace these.
      if (on && !failed) kept = { path, specs: [...specs], bytes: bytes.slice() };
    },
    start({ group, rep, inputs }) {
      if (on) localiser = new Localiser({ group, rep, inputs, outputName: s.outputName, seed: s.seed, members: s.members });
    },
    async add(fs, path, limits) {
      const run = localiser;
      if (!run || failed) return;
      const t0 = s.now();
      const weights = kept;
      kept = null;
      await withEngine(async () => {
        const model = await loadLayersModelCopy(fs, path, limits, weights);
        try {
          await run.add(model);
        } finally {
          model.dispose();
        }
      }).catch((e: unknown) => {
        // Per-layer floors are extra: a model they cannot read still gets its audit.
        failed = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
      });
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
    dispose: () => {
      kept = null;
      localiser?.dispose();
    },
  };
}
