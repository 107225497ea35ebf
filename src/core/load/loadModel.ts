import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { EquiLensError } from '../errors';
import { checkInputFits } from './checkInputFits';
import { checkLayerShapes } from './checkLayerShapes';
import { disposeIfFails } from './disposeIfFails';
import type { FileSystem } from '../io/files';
import type { ModelAdapter } from './adapter';
import { fingerprint } from './fingerprint';
import { graphAdapter } from './graphAdapter';
import { runtimeOpError, unsupportedOp, unsupportedOpError } from './graphOps';
import { modelIOHandler } from './ioHandler';
import { layersAdapter } from './layersAdapter';
import { checkInputShapes } from './limits';
import { readModelJson, type ModelJson } from './modelJson';
import { predictInChunks } from './predictInChunks';
import type { LoadedModel, TensorInfo } from './types';

export interface LoadOptions {
  /** Default chunk size for predict() when the model's batch dimension is free (32). */
  batchSize?: number;
  /** The model JSON when the caller has read it already (discovery does). */
  json?: ModelJson;
}

/** Loads a layers or graph model through our IOHandler and wraps it as a LoadedModel. */
export async function loadModel(fs: FileSystem, path: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  const json = opts.json ?? (await readModelJson(fs, path));
  const handler = modelIOHandler(fs, path, json);
  let adapter: ModelAdapter;
  try {
    // A failed load frees what tfjs allocated before failing (layer variables, decoded weights).
    adapter = await disposeIfFails(async () => {
      const loaded = await loadAdapter(handler, json, path);
      checkInputShapes(loaded.inputs, path);
      return loaded;
    });
  } catch (e) {
    throw asEquiLensError(e, json, path);
  }
  return wrap(adapter, json, path, opts.batchSize ?? 32);
}

async function loadAdapter(handler: ReturnType<typeof modelIOHandler>, json: ModelJson, path: string): Promise<ModelAdapter> {
  if (json.format === 'layers-model') {
    const model = await loadLayersModel(handler, { strict: true });
    const adapter = layersAdapter(model, path);
    // The input first: a bad input dimension is the cause of any empty layer output after it.
    checkInputShapes(adapter.inputs, path);
    checkLayerShapes(model, path);
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

function wrap(adapter: ModelAdapter, json: ModelJson, path: string, defaultBatch: number): LoadedModel {
  const model: LoadedModel = {
    path,
    format: json.format,
    inputs: adapter.inputs,
    outputs: adapter.outputs,
    finalActivation: adapter.finalActivation,
    fingerprint: fingerprint(json),
    async predict(x, opts = {}) {
      const input = pick(adapter.inputs, opts.input, 'input', path);
      const output = pick(adapter.outputs, opts.output, 'output', path);
      // Our message names both shapes; tfjs's would name internal tensors.
      checkInputFits(model, x.shape.slice(1), input.name);
      const fixed = input.shape[0];
      const size = fixed ?? Math.max(1, opts.batchSize ?? defaultBatch);
      try {
        return await predictInChunks(x, size, fixed !== null, (chunk) => adapter.run(chunk, input.name, output.name));
      } catch (e) {
        throw asEquiLensError(e, json, path);
      }
    },
    dispose: () => adapter.dispose(),
  };
  return model;
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
