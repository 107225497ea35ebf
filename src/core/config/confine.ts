import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { isInside, joinPath, normalizePath } from '../io/paths';

/**
 * Where the paths of one config may lead: its folder, as written and by real path. A config in a
 * pull request is untrusted; every path it names (models, globs, probes, fixed inputs) goes
 * through here before anything at that path is read.
 */
export interface ConfigFolder {
  /** The config's folder, absolute (paths in the config start here). */
  root: string;
  /** `root` with every symlink resolved. */
  realRoot: string;
  /** The config file as shown in messages (e.g. 'equilens.config.json'). */
  configFile: string;
}

/** The ConfigFolder of a config whose folder is `root`. */
export async function configFolder(fs: FileSystem, root: string, configFile: string): Promise<ConfigFolder> {
  const realRoot = await fs.realPath(root).catch(() => normalizePath(root));
  return { root: normalizePath(root), realRoot, configFile };
}

/** The refusal every escape gets: the config file, the key, and why. */
export function leavesFolder(c: ConfigFolder, key: string, detail: string): EquiLensError {
  return new EquiLensError(c.configFile, `${key}: path leaves the config's folder (${detail})`);
}

/**
 * `written` (as the config has it) joined to the config's folder, refused with the config key
 * when it is absolute, a URL or drive path, climbs out with '..', or — when something is there —
 * leads out through a symlink. A path that does not exist yet is returned (the caller says "not
 * found"); one that does is returned as written (joined), its real path checked.
 */
export async function confinePath(fs: FileSystem, c: ConfigFolder, written: string, key: string): Promise<string> {
  const abs = confineLexically(c, written, key);
  await confineReal(fs, c, abs, key, JSON.stringify(written));
  return abs;
}

/** The lexical half of confinePath (no file system): for globs, before a walk. */
export function confineLexically(c: ConfigFolder, written: string, key: string): string {
  const rel = written.replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(written)) throw leavesFolder(c, key, `"${written}" is a URL or drive path`);
  if (rel.startsWith('/')) throw leavesFolder(c, key, `"${written}" is absolute`);
  // '..' anywhere (also in a glob, where it would be matched literally otherwise) is refused.
  if (rel.split('/').includes('..')) throw leavesFolder(c, key, `"${written}" climbs out with '..'`);
  const abs = joinPath(c.root, rel);
  if (!isInside(c.root, abs)) throw leavesFolder(c, key, `"${written}"`);
  return abs;
}

/** Refuses `abs` (inside the folder as written) when its real path is elsewhere; fine when missing. */
export async function confineReal(fs: FileSystem, c: ConfigFolder, abs: string, key: string, shown: string): Promise<void> {
  const real = await fs.realPath(abs).catch(() => null);
  if (real !== null && !isInside(c.realRoot, real)) throw leavesFolder(c, key, `${shown} links to ${real}`);
}
