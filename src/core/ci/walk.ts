import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { joinPath } from '../io/paths';

/** A file or folder a walk found. */
export interface WalkEntry {
  /** '/'-path relative to the walk's root. */
  path: string;
  kind: 'file' | 'dir';
}

/** Bounds on a workspace walk, so a glob over a huge tree fails with a message instead of hanging. */
export const WALK_LIMITS = { maxDepth: 24, maxEntries: 200_000 };

/**
 * Files and folders under `root/start` (start included when it is a folder), depth first in
 * name order. Hidden folders and node_modules are skipped, as discovery skips them, unless the
 * start itself lies inside one; symlinked folders are not followed (they could loop).
 */
export async function walkTree(fs: FileSystem, root: string, start = ''): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const visit = async (rel: string, realDir: string, depth: number): Promise<void> => {
    if (depth > WALK_LIMITS.maxDepth) return;
    const entries = await fs.readDir(joinPath(root, rel)).catch(() => []);
    for (const e of entries) {
      if (e.kind === 'other') continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (out.length >= WALK_LIMITS.maxEntries) throw new EquiLensError(root, `more than ${WALK_LIMITS.maxEntries} files to search; narrow the glob`);
      if (e.kind === 'dir' && (e.name.startsWith('.') || e.name === 'node_modules')) continue;
      out.push({ path, kind: e.kind });
      if (e.kind !== 'dir') continue;
      // A folder reached through a symlink resolves elsewhere: walking it could loop or leave the tree.
      const real = await fs.realPath(joinPath(root, path)).catch(() => null);
      if (real === joinPath(realDir, e.name)) await visit(path, real, depth + 1);
    }
  };
  const st = await fs.stat(joinPath(root, start));
  if (st?.kind === 'dir') {
    if (start) out.push({ path: start, kind: 'dir' });
    await visit(start, await fs.realPath(joinPath(root, start)), 0);
  }
  return out;
}
