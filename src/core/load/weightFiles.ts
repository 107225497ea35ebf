import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { dirname, isInside, joinPath } from '../io/paths';
import { DEFAULT_LIMITS, mib, type Limits } from './limits';
import type { ModelJson } from './modelJson';
import { groupByteLength } from './weightBytes';

/** One shard, resolved and checked, ready to read. */
export interface WeightFile {
  /** As written in the manifest (for messages). */
  entry: string;
  /** Absolute path inside the model's folder. */
  path: string;
  size: number;
}

/**
 * Resolves every manifest path and checks all of them before a single shard is read:
 * a manifest is untrusted input and must not make us read files outside the model's folder.
 * Returns the shards in data order (group by group).
 */
export async function weightFiles(fs: FileSystem, modelPath: string, json: ModelJson, limits: Pick<Limits, 'maxWeightBytes' | 'maxTensorElements'> = DEFAULT_LIMITS): Promise<WeightFile[]> {
  const { maxWeightBytes, maxTensorElements } = limits;
  const dir = dirname(modelPath);
  const groups = json.weightsManifest.map((group) => ({
    need: groupByteLength(group, modelPath, maxTensorElements),
    entries: group.paths.map((entry) => ({ entry, path: lexicalPath(dir, entry, modelPath) })),
  }));
  const realDir = await fs.realPath(dir);
  const out: WeightFile[] = [];
  for (const [g, group] of groups.entries()) {
    const files: WeightFile[] = [];
    for (const [i, { entry, path }] of group.entries.entries()) {
      const where = `(group ${g + 1}, shard ${i + 1} of ${group.entries.length})`;
      const st = await fs.stat(path);
      if (!st || st.kind !== 'file') throw new EquiLensError(modelPath, `weight file '${entry}' is missing ${where}`);
      // A symlink inside the folder may still point anywhere; judge by where it really leads.
      if (!isInside(realDir, await fs.realPath(path))) {
        throw new EquiLensError(modelPath, `weight file '${entry}' links to a file outside the model's folder`);
      }
      files.push({ entry, path, size: st.size });
    }
    checkGroupSize(files, group.need, g, modelPath);
    out.push(...files);
  }
  const total = out.reduce((sum, f) => sum + f.size, 0);
  if (total > maxWeightBytes) {
    throw new EquiLensError(modelPath, `weights total ${mib(total)}, over the ${mib(maxWeightBytes)} limit`);
  }
  return out;
}

/** The manifest path joined to the folder; refuses URLs, absolute paths and '..' escapes. */
function lexicalPath(dir: string, entry: string, modelPath: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry)) {
    // Also catches Windows drive paths (C:\…), which are absolute.
    throw new EquiLensError(modelPath, `weight path '${entry}' is a URL or drive path; only relative paths are allowed`);
  }
  const rel = entry.replace(/\\/g, '/');
  if (rel.startsWith('/')) {
    throw new EquiLensError(modelPath, `weight path '${entry}' is absolute; only relative paths are allowed`);
  }
  const path = joinPath(dir, rel);
  if (!isInside(dir, path) || path === dir) {
    throw new EquiLensError(modelPath, `weight path '${entry}' leaves the model's folder`);
  }
  return path;
}

/**
 * Compares a group's shard sizes with what its weight specs need. Converters write equal-size
 * shards with a smaller last one, so a shard below the largest (other than the last) is the
 * short one; otherwise the last shard is.
 */
function checkGroupSize(files: WeightFile[], need: number, g: number, modelPath: string): void {
  const have = files.reduce((s, f) => s + f.size, 0);
  if (have === need) return;
  const detail = `group ${g + 1} needs ${need} bytes, its ${files.length} file(s) hold ${have}`;
  if (have > need) throw new EquiLensError(modelPath, `weight files hold more bytes than the weights need: ${detail}`);
  const largest = Math.max(...files.map((f) => f.size));
  const short = files.find((f, i) => i < files.length - 1 && f.size < largest) ?? files[files.length - 1];
  if (!short) throw new EquiLensError(modelPath, `weights have no files to read from: ${detail}`);
  throw new EquiLensError(modelPath, `weight file '${short.entry}' is short (${short.size} bytes): ${detail}`);
}
