import type * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { readModelJson, type ModelJson } from './modelJson';
import { weightFiles } from './weightFiles';

/**
 * A tf.io.IOHandler that loads a model through the core's FileSystem. Every shard path is
 * checked (inside the model's folder, present, right size) before any shard is read, and the
 * shards are joined into one exact-size ArrayBuffer. Pass `json` when it was already read.
 */
export function modelIOHandler(fs: FileSystem, path: string, json?: ModelJson): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const model = json ?? (await readModelJson(fs, path));
      const files = await weightFiles(fs, path, model);
      const data = new Uint8Array(files.reduce((s, f) => s + f.size, 0));
      let offset = 0;
      for (const f of files) {
        const bytes = await fs.readFile(f.path);
        // The file may have changed since it was measured; never decode misaligned data.
        if (bytes.byteLength !== f.size) {
          throw new EquiLensError(path, `weight file '${f.entry}' changed size while loading`);
        }
        data.set(bytes, offset);
        offset += bytes.byteLength;
      }
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
        weightSpecs: model.weightsManifest.flatMap((g) => g.weights),
        weightData: data.buffer,
      };
    },
  };
}
