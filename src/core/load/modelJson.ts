import type * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { checkJsonDepth, checkWindowSizes, DEFAULT_LIMITS, mib, topologySize, type Limits } from './limits';
import { checkWeightShapes } from './tensorElements';
import type { ModelFormat, ModelJson } from './types';
import { isOnnxPath, readOnnxJson } from './onnx/onnxFile';

// In types.ts, so onnx/onnxFile.ts need not import this module (no import cycle).
export type { ModelJson } from './types';

/** Reads and validates a TF.js model JSON, whatever the file is called; an .onnx file gives its stand-in (onnx/onnxFile.ts). */
export async function readModelJson(fs: FileSystem, path: string, limits: Limits = DEFAULT_LIMITS): Promise<ModelJson> {
  if (isOnnxPath(path)) return readOnnxJson(fs, path, limits);
  const st = await fs.stat(path);
  if (st && st.size > limits.maxJsonBytes) {
    throw new EquiLensError(path, `model JSON is ${mib(st.size)}, over the ${mib(limits.maxJsonBytes)} limit`);
  }
  let bytes: Uint8Array;
  try {
    // A regular file only (a /dev/zero link or a FIFO is refused unread), size judged on the open file.
    bytes = await fs.readFile(path, { maxBytes: limits.maxJsonBytes });
  } catch (e) {
    if (e instanceof EquiLensError) throw e;
    throw new EquiLensError(path, 'cannot read the model file');
  }
  return parseModelJson(new TextDecoder().decode(bytes), path, limits);
}

/** Parses model JSON text; `path` only names the file in errors. */
export function parseModelJson(text: string, path: string, limits: Limits = DEFAULT_LIMITS): ModelJson {
  checkJsonDepth(text, limits.maxJsonDepth, path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8 quotes the text around the error, newlines included: keep the message on one line.
    throw new EquiLensError(path, `is not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  return checkModelLimits(toModelJson(value, path), path, limits);
}

/** The caps a parsed model JSON must meet (layer/node count, window sizes, weight element counts). */
export function checkModelLimits(json: ModelJson, path: string, limits: Limits = DEFAULT_LIMITS): ModelJson {
  const nodes = topologySize(json.modelTopology);
  if (nodes > limits.maxTopologyNodes) {
    throw new EquiLensError(path, `topology has ${nodes} layers/nodes, over the ${limits.maxTopologyNodes} limit`);
  }
  checkWindowSizes(json.modelTopology, path);
  checkWeightShapes(json.weightsManifest, limits.maxTensorElements, path);
  return json;
}

/** Validates an already parsed model JSON; `path` only names the file in errors. */
export function toModelJson(value: unknown, path: string): ModelJson {
  if (!isObject(value)) throw new EquiLensError(path, 'is not a TF.js model JSON (not an object)');
  if (!isObject(value.modelTopology)) {
    throw new EquiLensError(path, 'is not a TF.js model JSON (no modelTopology)');
  }
  if (!Array.isArray(value.weightsManifest)) {
    throw new EquiLensError(path, 'is not a TF.js model JSON (no weightsManifest)');
  }
  const format = detectFormat(value);
  if (format === null) {
    throw new EquiLensError(
      path,
      value.format === undefined
        ? 'unknown model format: no "format" field and the topology is neither a layers model nor a graph'
        : `unknown model format '${String(value.format)}' (expected 'layers-model' or 'graph-model')`,
    );
  }
  checkManifest(value.weightsManifest, path);
  return { ...(value as unknown as tf.io.ModelJSON), modelTopology: value.modelTopology, format };
}

/** True when `value` looks like a TF.js model JSON of a known format (for finding models by content). */
export function isModelJson(value: unknown): boolean {
  return isObject(value) && isObject(value.modelTopology) && Array.isArray(value.weightsManifest) && detectFormat(value) !== null;
}

/** The declared format, else the one the topology's shape implies; null when neither is known. */
function detectFormat(json: Record<string, unknown>): ModelFormat | null {
  if (json.format === 'layers-model' || json.format === 'graph-model') return json.format;
  // Old exports and some converters leave `format` out; anything else declared is unknown.
  if (json.format !== undefined && json.format !== null) return null;
  const topo = json.modelTopology as Record<string, unknown>;
  if (Array.isArray(topo.node)) return 'graph-model';
  if (isObject(topo.model_config) || (typeof topo.class_name === 'string' && isObject(topo.config))) {
    return 'layers-model';
  }
  return null;
}

/** Checks the manifest's shape so later code can trust paths and weight specs. */
function checkManifest(manifest: unknown[], path: string): void {
  // tfjs keeps one tensor per name and leaks the other: a repeated name is an error, not a choice.
  const names = new Set<string>();
  manifest.forEach((group, g) => {
    const where = `weightsManifest group ${g + 1}`;
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new EquiLensError(path, `${where} needs "paths" and "weights" lists`);
    }
    if (!group.paths.every((p) => typeof p === 'string')) {
      throw new EquiLensError(path, `${where} has a non-string path`);
    }
    for (const w of group.weights) {
      const ok = isObject(w) && typeof w.name === 'string' && typeof w.dtype === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isInteger(d) && (d as number) >= 0);
      if (!ok) throw new EquiLensError(path, `${where} has a weight without a name, dtype or valid shape`);
      const name = w.name as string;
      if (names.has(name)) throw new EquiLensError(path, `${where} repeats the weight name '${name}'`);
      names.add(name);
    }
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
