import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import { checkInputFits } from './checkInputFits';
import { checkLayerShapes } from './checkLayerShapes';
import { disposeIfFails } from './disposeIfFails';
import type { FileSystem } from '../io/files';
import type { ModelAdapter } from './adapter';
import { estimateBatchSize, ioActivationBytes, memoryBudget } from './batchSize';
import { fingerprint } from './fingerprint';
import { graphAdapter } from './graphAdapter';
import { runtimeOpError, unsupportedOp, unsupportedOpError } from './graphOps';
import { modelIOHandler } from './ioHandler';
import { layersAdapter } from './layersAdapter';
import { checkInputShapes, DEFAULT_LIMITS, type Limits } from './limits';
import { readModelJson, type ModelJson } from './modelJson';
import { nonFiniteWeights, type NonFiniteWeight } from './nonFiniteWeights';
import { predictInChunks } from './predictInChunks';
import type { LoadedModel, TensorInfo } from './types';

export interface LoadOptions {
  /** Default chunk size for predict() when the model's batch dimension is free (default: estimated). */
  batchSize?: number;
  /** A batch size known to fit from an earlier model of the same architecture; predict starts no higher. */
  batchLimit?: number;
  /** The model JSON when the caller has read it already (discovery does). */
  json?: ModelJson;
  /** Caps on the files (DEFAULT_LIMITS when absent). */
  limits?: Limits;
  /** Sees the weights' manifest entries and bytes as read (the audit's shared-checkpoint signatures); must not keep `data`. */
  onWeights?: (specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array) => void;
}

/** Loads a layers or graph model through our IOHandler and wraps it as a LoadedModel. */
export async function loadModel(fs: FileSystem, path: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const json = opts.json ?? (await readModelJson(fs, path, limits));
  let nonFinite: NonFiniteWeight[] = [];
  const handler = modelIOHandler(fs, path, json, {
    limits,
    onWeights: (specs, data) => {
      nonFinite = nonFiniteWeights(specs, data, path);
      opts.onWeights?.(specs, data);
    },
  });
  let adapter: ModelAdapter;
  try {
    // A failed load frees what tfjs allocated before failing (layer variables, decoded weights).
    adapter = await disposeIfFails(async () => {
      const loaded = await loadAdapter(handler, json, path, limits);
      checkInputShapes(loaded.inputs, path, limits.maxInputElements);
      return loaded;
    });
  } catch (e) {
    throw asEquiLensError(e, json, path);
  }
  const model = wrap(adapter, json, path, opts);
  // NaN/Infinity weights are reported (a finding), not refused: the audit decides what they cost.
  return nonFinite.length ? Object.assign(model, { nonFiniteWeights: nonFinite }) : model;
}

async function loadAdapter(handler: ReturnType<typeof modelIOHandler>, json: ModelJson, path: string, limits: Limits): Promise<ModelAdapter> {
  if (json.format === 'layers-model') {
    const model = await loadLayersModel(handler, { strict: true });
    const adapter = layersAdapter(model, path);
    // The input first: a bad input dimension is the cause of any empty layer output after it.
    checkInputShapes(adapter.inputs, path, limits.maxInputElements);
    checkLayerShapes(model, path, limits.maxTensorElements);
    return adapter;
  }
  const graph = await loadGraphModel(handler);
  const bad = unsupportedOp(graph);
  if (bad) {
    graph.dispose();
    throw unsupportedOpError(path, bad.op, bad.node);
  }
  return graphAdapter(graph, json);
}

function wrap(adapter: ModelAdapter, json: ModelJson, path: string, load: LoadOptions): LoadedModel {
  // Lowered by every out-of-memory halving, so later calls (the next group element) start there.
  let limit = load.batchLimit ?? null;
  const model: LoadedModel = {
    path,
    format: json.format,
    inputs: adapter.inputs,
    outputs: adapter.outputs,
    finalActivation: adapter.finalActivation,
    fingerprint: fingerprint(json),
    activationBytesPerSample: adapter.activationBytesPerSample,
    ...(adapter.layersModel && { layersModel: adapter.layersModel }),
    get batchLimit() {
      return limit;
    },
    async predict(x, opts = {}) {
      const input = pick(adapter.inputs, opts.input, 'input', path);
      const output = pick(adapter.outputs, opts.output, 'output', path);
      // Our message names both shapes; tfjs's would name internal tensors.
      checkInputFits(model, x.shape.slice(1), input.name);
      const fixed = input.shape[0];
      const wanted = opts.batchSize ?? load.batchSize ?? startBatch(adapter, x, output);
      const size = fixed ?? Math.max(1, Math.min(wanted, limit ?? Infinity));
      const run = (chunk: tf.Tensor) => adapter.run(chunk, input.name, output.name);
      try {
        return await predictInChunks(x, size, fixed !== null, run, (s) => (limit = Math.min(s, limit ?? Infinity)));
      } catch (e) {
        throw asEquiLensError(e, json, path);
      }
    },
    dispose: () => adapter.dispose(),
  };
  return model;
}

/** The estimated batch size on the current backend; models of unknown sizes are estimated from x's. */
function startBatch(adapter: ModelAdapter, x: tf.Tensor, output: TensorInfo): number {
  const bytes = adapter.activationBytesPerSample ?? ioActivationBytes([x.shape], [output.shape]);
  return estimateBatchSize(bytes, memoryBudget(tf.getBackend()));
}

/** The named input/output, or the first; unknown names list the ones there are. */
function pick(infos: readonly TensorInfo[], name: string | undefined, what: string, path: string): TensorInfo {
  const found = name === undefined ? infos[0] : infos.find((i) => i.name === name);
  if (!found) {
    const known = infos.map((i) => `'${i.name}'`).join(', ') || 'none';
    throw new EquiLensError(
      path,
      name === undefined ? `the model has no ${what}` : `no ${what} named '${name}' (the model has ${known})`,
    );
  }
  return found;
}

/** tfjs throws plain Errors with multi-line messages; users get one line naming the file. */
function asEquiLensError(e: unknown, json: ModelJson, path: string): EquiLensError {
  if (e instanceof EquiLensError) return e;
  const op = json.format === 'graph-model' ? runtimeOpError(e, json, path) : null;
  if (op) return op;
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
  const layer = /^Unknown layer: (\w+)/.exec(msg);
  if (layer) return new EquiLensError(path, `unsupported layer '${layer[1]}'`);
  return new EquiLensError(path, msg);
}
