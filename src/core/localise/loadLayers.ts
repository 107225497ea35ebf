import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import type { FileSystem } from '../io/files';
import { disposeIfFails } from '../load/disposeIfFails';
import { modelIOHandler } from '../load/ioHandler';
import type { Limits } from '../load/limits';
import { readModelJson } from '../load/modelJson';

/** A member's weights as the audit's load read them (LoadOptions.onWeights), copied. */
export interface KeptWeights {
  path: string;
  specs: tf.io.WeightsManifestEntry[];
  bytes: Uint8Array;
}

/**
 * A member as a tfjs LayersModel, for reading its hidden layers: the audit's LoadedModel keeps
 * its LayersModel to itself, so this builds a second one. From the weights the audit's load
 * already read (`kept`, same path) plus the member's JSON, so no weight file is read twice;
 * else through the same checked IOHandler (paths confined, sizes checked).
 */
export async function loadLayersModelCopy(fs: FileSystem, path: string, limits: Limits, kept: KeptWeights | null): Promise<tfl.LayersModel> {
  if (kept?.path !== path) return disposeIfFails(() => loadLayersModel(modelIOHandler(fs, path, undefined, { limits }), { strict: true }));
  // The member's own JSON: weight names follow its layer names, which differ between members.
  const json = await readModelJson(fs, path, limits);
  const artifacts = { modelTopology: json.modelTopology, weightSpecs: kept.specs, weightData: kept.bytes.buffer as ArrayBuffer };
  return disposeIfFails(() => loadLayersModel(tf.io.fromMemory(artifacts), { strict: true }));
}
