import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { basename, dirname, isInside, joinPath, normalizePath, relativeTo } from '../io/paths';
import { checkSameArchitecture } from './checkSameArchitecture';
import { checkJsonDepth, DEFAULT_LIMITS, mib, type Limits } from './limits';
import { checkModelLimits, isModelJson, readModelJson, toModelJson, type ModelJson } from './modelJson';
import { naturalCompare } from './naturalCompare';
import { isOnnxPath, readOnnxJson } from './onnx/onnxFile';

export interface Members {
  /** Absolute paths of the members' model JSONs, in natural order. */
  members: string[];
  /** The folder the members are reported relative to. */
  root: string;
  ensemble: boolean;
}

/**
 * Finds the model JSONs behind the user's targets (absolute files or folders). A folder
 * contributes the model JSONs in it and in its direct subfolders, found by content, so
 * seed1.json, member-3/model.json and tfjs_model/model.json all work, and .onnx files by
 * extension. Members must share one architecture (and format).
 */
export async function discoverMembers(fs: FileSystem, targets: string[], limits: Limits = DEFAULT_LIMITS): Promise<Members> {
  if (targets.length === 0) throw new EquiLensError(undefined, 'no model given');
  const found = new Map<string, ModelJson>();
  const folders: string[] = [];
  for (const raw of targets) {
    const target = normalizePath(raw);
    const st = await fs.stat(target);
    if (!st) throw new EquiLensError(target, 'not found');
    if (st.kind === 'dir') {
      folders.push(target);
      const skipped = { count: 0 };
      const inFolder = await modelsIn(fs, target, { limits, skipped });
      if (inFolder.size === 0) {
        const note = skipped.count ? ` (${skipped.count} .json file(s) over the ${mib(limits.maxJsonBytes)} limit not read)` : '';
        throw new EquiLensError(target, `no TF.js model JSON or .onnx model found in this folder or its direct subfolders${note}`);
      }
      for (const [p, json] of inFolder) found.set(p, json);
    } else {
      // An explicit file must be a model; say why not instead of skipping it.
      found.set(target, await readModelJson(fs, target, limits));
    }
  }
  const members = [...found.keys()].sort(naturalCompare);
  // One folder given: report members relative to it, even when all sit in one subfolder.
  const root = targets.length === 1 && folders.length === 1 && folders[0] !== undefined ? folders[0] : commonFolder(members);
  checkSameArchitecture(
    members.map((m) => ({ name: relativeTo(root, m), json: found.get(m)! })),
    root,
  );
  return { members, root, ensemble: members.length > 1 };
}

/** Model JSONs directly in `dir` and in its direct subfolders (hidden ones and node_modules skipped). */
async function modelsIn(fs: FileSystem, dir: string, caps: Caps): Promise<Map<string, ModelJson>> {
  const out = new Map<string, ModelJson>();
  const entries = await fs.readDir(dir).catch(() => {
    throw new EquiLensError(dir, 'cannot list this folder');
  });
  const realDir = await fs.realPath(dir);
  for (const e of entries) {
    const p = joinPath(dir, e.name);
    if (e.kind === 'file') await addIfModel(fs, p, out, realDir, caps);
    else if (e.kind === 'dir' && !e.name.startsWith('.') && e.name !== 'node_modules' && (await staysIn(fs, p, realDir))) {
      // An unreadable subfolder holds no members we could load anyway.
      const subs = await fs.readDir(p).catch(() => []);
      for (const sub of subs) if (sub.kind === 'file') await addIfModel(fs, joinPath(p, sub.name), out, realDir, caps);
    }
  }
  return out;
}

/** The caps, and a count of the .json files too big to read. */
interface Caps {
  limits: Limits;
  skipped: { count: number };
}

/**
 * Only '.json' and '.onnx' files are opened: weight shards can be gigabytes and are never models; a .json
 * over the size cap is not read either (counted, so the error can say so). Unreadable or
 * unrelated JSON (configs, metadata) is skipped, not an error; a model JSON must meet the caps
 * before anything walks it (fingerprinting recurses).
 */
async function addIfModel(fs: FileSystem, path: string, out: Map<string, ModelJson>, realRoot: string, caps: Caps): Promise<void> {
  // An .onnx file is always meant as a model: a bad one is an error naming it, not skipped.
  if (isOnnxPath(path)) {
    if (await staysIn(fs, path, realRoot)) out.set(path, await readOnnxJson(fs, path, caps.limits, realRoot));
    return;
  }
  if (!basename(path).toLowerCase().endsWith('.json') || !(await staysIn(fs, path, realRoot))) return;
  const st = await fs.stat(path);
  if (st && st.size > caps.limits.maxJsonBytes) {
    caps.skipped.count++;
    return;
  }
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder().decode(await fs.readFile(path, { within: realRoot, maxBytes: caps.limits.maxJsonBytes }));
    value = JSON.parse(text);
  } catch {
    return;
  }
  if (!isModelJson(value)) return;
  // V8 parses deep nesting without recursion; the depth cap guards what walks the tree later.
  checkJsonDepth(text, caps.limits.maxJsonDepth, path);
  out.set(path, checkModelLimits(toModelJson(value, path), path, caps.limits));
}

/**
 * False for a symlinked file or folder leading outside the folder the user gave (found by
 * scripts/fuzz.ts): a pull request could otherwise make discovery read ~/ or /.
 */
async function staysIn(fs: FileSystem, path: string, realRoot: string): Promise<boolean> {
  const real = await fs.realPath(path).catch(() => null);
  return real !== null && isInside(realRoot, real);
}

/** The deepest folder containing every path. */
function commonFolder(paths: string[]): string {
  const [first] = paths;
  if (first === undefined) throw new RangeError('commonFolder: no paths');
  let root = dirname(first);
  while (!paths.every((p) => isInside(root, p))) root = dirname(root);
  return root;
}
