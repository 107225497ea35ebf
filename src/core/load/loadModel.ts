import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import { checkInputFits } from './checkInputFits';
import { checkLayerShapes } from './checkLayerShapes';
import { disposeIfFails } from './disposeIfFails';
import type { FileSystem } from '../io/files';
import type { ModelAdapter } from './adapter';
import { chunkFeeds, feedTensor, fixedBatch } from './feedInputs';
import { estimateBatchSize, ioActivationBytes, memoryBudget } from './batchSize';
import { fingerprint } from './fingerprint';
import { graphAdapter } from './graphAdapter';
import { runtimeOpError, unsupportedOp, unsupportedOpError } from './graphOps';
import { modelIOHandler } from './ioHandler';
import { layersAdapter } from './layersAdapter';
import { memoryPreflight, type MemoryPreflight } from './memoryPreflight';
import { checkInputShapes, DEFAULT_LIMITS, type Limits } from './limits';
import { readModelJson, type ModelJson } from './modelJson';
import { nonFiniteWeights, type NonFiniteWeight } from './nonFiniteWeights';
import { nonFiniteParameters } from './paddingValues';
import type { OnnxEngine } from './onnx/engine';
import { loadOnnxAdapter } from './onnx/onnxAdapter';
import { predictInChunks } from './predictInChunks';
import { findByName } from './tensorNames';
import { chooseEngine, type EngineChoice } from './translate/chooseEngine';
import type { LoadedModel, MemberEngine, TensorInfo } from './types';

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
  /** Runs .onnx members (the host's, see AuditHost.onnx); absent: an ONNX member is refused with how to install one. */
  onnx?: OnnxEngine;
  /** Which engine runs TF.js layers models (default 'auto': translated to ONNX and run by `onnx` when possible). */
  engine?: EngineChoice;
}

/** Loads a layers or graph model through our IOHandler and wraps it as a LoadedModel. */
export async function loadModel(fs: FileSystem, path: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const json = opts.json ?? (await readModelJson(fs, path, limits));
  // ONNX: the host's engine checks and runs the graph; no TF.js preflight or weight manifest.
  if (json.format === 'onnx') {
    let adapter: ModelAdapter;
    try {
      adapter = await loadOnnxAdapter(fs, path, limits, opts.onnx);
    } catch (e) {
      throw asEquiLensError(e, json, path);
    }
    try {
      checkInputShapes(adapter.inputs, path, limits.maxInputElements);
    } catch (e) {
      adapter.dispose();
      throw e;
    }
    return wrap(adapter, json, path, opts, NO_PREFLIGHT);
  }
  // Every node's output estimated from the input shape, refused over the budget before tfjs allocates it.
  const memory = await memoryPreflight(json, path, limits);
  let nonFinite: NonFiniteWeight[] = [];
  const handler = modelIOHandler(fs, path, json, {
    limits,
    onWeights: (specs, data) => {
      memory.onWeights(specs, data);
      // Padding values (PadV2's −Inf before a max pool) are not parameters: only these count.
      nonFinite = nonFiniteParameters(json, nonFiniteWeights(specs, data, path));
      opts.onWeights?.(specs, data);
    },
  });
  let adapter: ModelAdapter;
  let engine: MemberEngine | undefined;
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
  // TF.js checked and decoded everything above; only then is the forward pass moved to onnxruntime.
  if ((json.format === 'layers-model' || json.format === 'graph-model') && opts.onnx) {
    try {
      ({ adapter, engine } = await chooseEngine(adapter, path, opts.engine ?? 'auto', opts.onnx));
    } catch (e) {
      adapter.dispose();
      throw asEquiLensError(e, json, path);
    }
  }
  // On onnxruntime, tfjs's per-layer sizes do not size the batch (its planner reuses buffers): as for .onnx files.
  const model = wrap(adapter, json, path, opts, engine && 'onnx' in engine ? { ...memory, bytesPerSample: () => null } : memory);
  if (engine) Object.assign(model, { engine });
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

function wrap(adapter: ModelAdapter, json: ModelJson, path: string, load: LoadOptions, memory: MemoryPreflight): LoadedModel {
  // Lowered by every out-of-memory halving, so later calls (the next group element) start there.
  let limit = load.batchLimit ?? null;
  const model: LoadedModel = {
    path,
    format: json.format,
    inputs: adapter.inputs,
    outputs: adapter.outputs,
    finalActivation: (name) => adapter.finalActivation(name),
    fingerprint: fingerprint(json),
    activationBytesPerSample: adapter.activationBytesPerSample,
    ...(adapter.layersModel && { layersModel: adapter.layersModel }),
    get batchLimit() {
      return limit;
    },
    async predict(probes, opts = {}) {
      const input = pick(adapter.inputs, opts.input, 'input', path);
      const output = pick(adapter.outputs, opts.output, 'output', path);
      // Our message names both shapes; tfjs's would name internal tensors.
      const x = feedTensor(probes, opts.feed);
      try {
        checkInputFits(model, x.shape.slice(1), input.name);
        await memory.checkInput(input.name, x.shape.slice(1));
        const fixed = input.shape[0] ?? fixedBatch(opts.feed, adapter.inputs);
        const wanted = opts.batchSize ?? load.batchSize ?? startBatch(adapter, x, output, memory, load.limits ?? DEFAULT_LIMITS);
        const size = fixed ?? Math.max(1, Math.min(wanted, limit ?? Infinity));
        const run = async (chunk: tf.Tensor) => {
          const { feeds, owned } = chunkFeeds(input.name, chunk, opts.feed, adapter.inputs);
          try {
            return await adapter.run(feeds, output.name);
          } finally {
            tf.dispose(owned);
          }
        };
        return await predictInChunks(x, size, fixed !== null, run, (s) => (limit = Math.min(s, limit ?? Infinity)));
      } catch (e) {
        throw asEquiLensError(e, json, path);
      } finally {
        if (x !== probes) x.dispose();
      }
    },
    dispose: () => adapter.dispose(),
  };
  return model;
}

/** ONNX members: sizes unknown before running, nothing to check per input. */
const NO_PREFLIGHT: MemoryPreflight = { onWeights: () => {}, bytesPerSample: () => null, checkInput: () => {} };

/** The estimated batch size on the current backend; models of unknown sizes are estimated from x's. */
function startBatch(adapter: ModelAdapter, x: tf.Tensor, output: TensorInfo, memory: MemoryPreflight, limits: Limits): number {
  const known = [adapter.activationBytesPerSample, memory.bytesPerSample()].filter((b): b is number => b !== null);
  const bytes = known.length ? Math.max(...known) : ioActivationBytes([x.shape], [output.shape]);
  // The backend's pool, and never more than the memory budget (--max-memory-mb).
  return estimateBatchSize(bytes, Math.min(memoryBudget(tf.getBackend()), limits.maxMemoryBytes));
}

/** The named input/output, or the first; unknown names list the ones there are. */
function pick(infos: readonly TensorInfo[], name: string | undefined, what: string, path: string): TensorInfo {
  const found = name === undefined ? infos[0] : findByName(infos, name);
  if (!found) {
    const known = infos.map((i) => `'${i.name}'`).join(', ') || 'none';
    throw new EquiLensError(path, name === undefined ? `the model has no ${what}` : `no ${what} named '${name}' (the model has ${known})`);
  }
  return found;
}

/** tfjs throws plain Errors with multi-line messages; users get one line naming the file. */
function asEquiLensError(e: unknown, json: ModelJson, path: string): EquiLensError {
  if (e instanceof EquiLensError) return e;
  const op = json.format === 'graph-model' ? runtimeOpError(e, json, path) : null;
  if (op) return op;
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
  const layer = /^Unknown layer: (\w+)/.exec(msg);
  if (layer) return new EquiLensError(path, `unsupported layer '${layer[1]}'`);
  return new EquiLensError(path, msg);
}
