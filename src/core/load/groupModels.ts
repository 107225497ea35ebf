import { basename, dirname } from '../io/paths';
import { naturalCompare } from './naturalCompare';

export interface FoundModel {
  /** Absolute '/'-path of the model JSON. */
  path: string;
  fingerprint: string;
}

export interface Ensemble {
  /** The folder an audit of this ensemble would name. */
  folder: string;
  fingerprint: string;
  /** Member model JSONs, in natural order (member-2 before member-10). */
  members: string[];
}

export interface ModelGroups {
  ensembles: Ensemble[];
  /** Models in no ensemble. */
  singles: FoundModel[];
}

/**
 * Groups model JSONs into ensembles the way the core's discoverMembers reads a folder: a folder
 * holds the models in it and in its direct subfolders (hidden ones and node_modules aside); here
 * only models sharing one fingerprint count together. Deeper folders claim their models first
 * (seeds/seed1.json joins 'seeds', not its parent); a folder keeps the two or more it has left.
 */
export function groupModels(models: readonly FoundModel[]): ModelGroups {
  const candidates = new Map<string, Ensemble>();
  const add = (folder: string, m: FoundModel) => {
    const key = `${m.fingerprint}\n${folder}`;
    const c = candidates.get(key) ?? { folder, fingerprint: m.fingerprint, members: [] };
    c.members.push(m.path);
    candidates.set(key, c);
  };
  for (const m of models) {
    const parent = dirname(m.path);
    add(parent, m);
    const name = basename(parent);
    if (parent !== dirname(parent) && !name.startsWith('.') && name !== 'node_modules') add(dirname(parent), m);
  }
  const order = [...candidates.values()].sort((a, b) => depth(b.folder) - depth(a.folder) || b.members.length - a.members.length || naturalCompare(a.folder, b.folder));
  const taken = new Set<string>();
  const ensembles: Ensemble[] = [];
  for (const c of order) {
    const members = c.members.filter((p) => !taken.has(p));
    if (members.length < 2) continue;
    for (const p of members) taken.add(p);
    ensembles.push({ ...c, members: members.sort(naturalCompare) });
  }
  return {
    ensembles: ensembles.sort((a, b) => naturalCompare(a.folder, b.folder)),
    singles: models.filter((m) => !taken.has(m.path)).sort((a, b) => naturalCompare(a.path, b.path)),
  };
}

function depth(folder: string): number {
  return folder.split('/').length;
}
