import type { FileSystem } from '../io/files';
import { joinPath } from '../io/paths';
import { fingerprint } from '../load/fingerprint';
import { DEFAULT_LIMITS, type Limits } from '../load/limits';
import { isModelJson, toModelJson, type ModelJson } from '../load/modelJson';
import { isOnnxPath, readOnnxJson } from '../load/onnx/onnxFile';
import { walkTree } from '../ci/walk';

/** A model found in the workspace: a TF.js model JSON (by content) or an .onnx file (by extension, when it parses). */
export interface ScannedModel {
  /** Absolute '/'-path. */
  path: string;
  fingerprint: string;
  /** The parsed model JSON, or an .onnx file's stand-in (format 'onnx', see onnxFile.ts). */
  json: ModelJson;
}

/**
 * The parsed model when `path` is a TF.js model JSON within the size cap, or an .onnx file
 * that parses (its stand-in: structure only, the weights are not kept), else null (never throws).
 */
export async function readIfModel(fs: FileSystem, path: string, limits: Limits = DEFAULT_LIMITS, within?: string): Promise<ModelJson | null> {
  if (isOnnxPath(path)) return readOnnxJson(fs, path, limits, within).catch(() => null);
  if (!path.toLowerCase().endsWith('.json')) return null;
  const st = await fs.stat(path);
  if (!st || st.kind !== 'file' || st.size > limits.maxJsonBytes) return null;
  try {
    // `within`: a .json linked in from outside the searched folder is skipped unread.
    const text = new TextDecoder().decode(await fs.readFile(path, { maxBytes: limits.maxJsonBytes, ...(within !== undefined && { within }) }));
    // Most JSON in a workspace is configuration: skip the parse unless both keys appear.
    if (!text.includes('"modelTopology"') || !text.includes('"weightsManifest"')) return null;
    const value: unknown = JSON.parse(text);
    return isModelJson(value) ? toModelJson(value, path) : null;
  } catch {
    return null;
  }
}

/** Every model JSON and .onnx model under `root` (hidden folders and node_modules skipped), with its fingerprint. */
export async function scanModels(fs: FileSystem, root: string, limits: Limits = DEFAULT_LIMITS): Promise<ScannedModel[]> {
  const out: ScannedModel[] = [];
  for (const e of await walkTree(fs, root)) {
    if (e.kind !== 'file') continue;
    const path = joinPath(root, e.path);
    const json = await readIfModel(fs, path, limits, root);
    if (!json) continue;
    try {
      out.push({ path, fingerprint: fingerprint(json), json });
    } catch {
      // A topology the fingerprint cannot walk is not auditable either; init leaves it out.
    }
  }
  return out;
}
