import { dirname, isInside } from '../core/io/paths';
import { nodeFiles } from './nodeFiles';

/**
 * True when `path` lies inside one of `folders` both as written and by real path (symlinks
 * resolved on both sides): a link inside the audit's folder to ~/.ssh is outside. A missing
 * path is judged by its nearest existing parent, so `stat` can still answer "nothing there".
 */
export async function confinedTo(folders: readonly string[], path: string): Promise<boolean> {
  if (!folders.some((f) => isInside(f, path))) return false;
  const real = await realOrParent(path);
  if (real === null) return false;
  for (const f of folders) {
    const rf = await nodeFiles.realPath(f).catch(() => null);
    if (rf !== null && isInside(rf, real)) return true;
  }
  return false;
}

async function realOrParent(path: string): Promise<string | null> {
  for (let p = path, tail = ''; ;) {
    const real = await nodeFiles.realPath(p).catch(() => null);
    if (real !== null) return tail ? `${real}/${tail}` : real;
    const up = dirname(p);
    if (up === p) return null;
    const name = p.slice(up === '/' ? 1 : up.length + 1);
    tail = tail ? `${name}/${tail}` : name;
    p = up;
  }
}
