import { touches } from '../../core/ci/changed';
import { isInside, joinPath, relativeTo } from '../../core/io/paths';

/** A change as the git extension's API (v1) reports it: only the fields read here. */
export interface GitChangeLike {
  uri: { fsPath: string };
  originalUri?: { fsPath: string };
  renameUri?: { fsPath: string };
}

/** A repository's state as the git extension's API (v1) reports it; untrackedChanges is absent in older VS Code. */
export interface GitStateLike {
  workingTreeChanges: readonly GitChangeLike[];
  indexChanges: readonly GitChangeLike[];
  untrackedChanges?: readonly GitChangeLike[];
  mergeChanges?: readonly GitChangeLike[];
}

/** What an audit reads: model JSONs and weights (every member's), probe files and folders (core's unitInputs). */
export interface UnitInputs {
  files: string[];
  folders: string[];
}

/** A candidate for Check Changed Models: a unit, what it reads, and the config it comes from, if any. */
export interface Candidate<U> {
  unit: U;
  inputs: UnitInputs;
  /** Absolute '/'-path of its equilens.config.json. */
  configFile?: string;
}

/**
 * Every file changed against HEAD ('/'-paths): staged, unstaged, untracked and merge changes,
 * both names of a rename (the old name may be what an audit still points at).
 */
export function changedPaths(state: GitStateLike, toPath: (fsPath: string) => string): Set<string> {
  const out = new Set<string>();
  const lists = [state.workingTreeChanges, state.indexChanges, state.untrackedChanges ?? [], state.mergeChanges ?? []];
  for (const c of lists.flat()) for (const u of [c.uri, c.originalUri, c.renameUri]) if (u) out.add(toPath(u.fsPath));
  return out;
}

/**
 * git names files under the repository's real path; the workspace may open it through a symlink.
 * Paths under `real` are moved under `shown` so they compare with the workspace's paths.
 */
export function rebasePaths(paths: ReadonlySet<string>, real: string, shown: string): Set<string> {
  if (real === shown) return new Set(paths);
  return new Set([...paths].map((p) => (isInside(real, p) ? joinPath(shown, relativeTo(real, p)) : p)));
}

/**
 * The candidates a change touches, as `equilens check --changed-since` picks them: a changed
 * input (any member's JSON or weights, so one changed member changes its ensemble; the probes),
 * or a changed config, which can change every audit it declares.
 */
export function selectChanged<U>(candidates: readonly Candidate<U>[], changed: ReadonlySet<string>): { selected: U[]; unchanged: U[] } {
  const selected: U[] = [];
  const unchanged: U[] = [];
  for (const c of candidates) {
    const hit = (c.configFile !== undefined && changed.has(c.configFile)) || touches(c.inputs, changed);
    (hit ? selected : unchanged).push(c.unit);
  }
  return { selected, unchanged };
}
