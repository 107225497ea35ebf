import type * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { readModelJson, type ModelJson } from './modelJson';
import { dirname } from '../io/paths';
import { weightFiles, type WeightFile } from './weightFiles';

export interface IOHandlerOptions {
  limits?: Limits;
  /** Called with the manifest entries and the joined shard bytes once read (before tfjs decodes them). */
  onWeights?: (specs: tf.io.WeightsManifestEntry[], data: Uint8Array) => void;
}

/**
 * A tf.io.IOHandler that loads a model through the core's FileSystem. Every shard path is
 * checked (inside the model's folder, present, right size) before any shard is read, and the
 * shards are joined into one exact-size ArrayBuffer. Pass `json` when it was already read.
 */
export function modelIOHandler(fs: FileSystem, path: string, json?: ModelJson, opts: IOHandlerOptions = {}): tf.io.IOHandler {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const model = json ?? (await readModelJson(fs, path, limits));
      const files = await weightFiles(fs, path, model, limits);
      const data = new Uint8Array(files.reduce((s, f) => s + f.size, 0));
      let offset = 0;
      // Read confined: the check weightFiles made is repeated on the opened file itself, so a
      // shard swapped for a link to another file after that check is refused, not read.
      const within = dirname(path);
      for (const f of files) {
        const bytes = await readShard(fs, f, within, path);
        // The file may have changed since it was measured; never decode misaligned data.
        if (bytes.byteLength !== f.size) {
          throw new EquiLensError(path, `weight file '${f.entry}' changed size while loading`);
        }
        data.set(bytes, offset);
        offset += bytes.byteLength;
      }
      const weightSpecs = model.weightsManifest.flatMap((g) => g.weights);
      opts.onWeights?.(weightSpecs, data);
      return {
        modelTopology: model.modelTopology,
        format: model.format,
        generatedBy: model.generatedBy,
        convertedBy: model.convertedBy,
        trainingConfig: model.trainingConfig,
        signature: model.signature,
        userDefinedMetadata: model.userDefinedMetadata,
        modelInitializer: model.modelInitializer,
        initializerSignature: model.initializerSignature,
        weightSpecs,
        weightData: data.buffer,
      };
    },
  };
}

async function readShard(fs: FileSystem, f: WeightFile, within: string, modelPath: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(f.path, { within, maxBytes: f.size });
  } catch (e) {
    const why = e instanceof EquiLensError ? e.problem : `cannot be read (${(e as { code?: string }).code ?? String(e)})`;
    throw new EquiLensError(modelPath, `weight file '${f.entry}' ${why}`);
  }
}
