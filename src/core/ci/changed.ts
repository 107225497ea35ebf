import type { FileSystem } from '../io/files';
import { dirname, isInside, joinPath } from '../io/paths';
import { readIfModel } from '../config/scanModels';
import type { AuditUnit } from './units';

/**
 * The files an audit's result depends on: every member's model JSON and weight files (all of
 * them: one changed member changes the ensemble), and its probes (a file, or a folder's contents).
 */
export async function unitInputs(fs: FileSystem, root: string, unit: Pick<AuditUnit, 'members'> & { audit: { probes: { path?: string } } }): Promise<{ files: string[]; folders: string[] }> {
  const files: string[] = [];
  for (const m of unit.members) {
    files.push(m);
    const json = await readIfModel(fs, m);
    for (const group of json?.weightsManifest ?? []) for (const p of group.paths) files.push(joinPath(dirname(m), p));
  }
  const folders: string[] = [];
  const probes = unit.audit.probes.path;
  if (probes) {
    const abs = joinPath(root, probes);
    ((await fs.stat(abs))?.kind === 'dir' ? folders : files).push(abs);
  }
  return { files, folders };
}

/** True when a changed file is one of the inputs or lies in one of the input folders (pure). */
export function touches(inputs: { files: string[]; folders: string[] }, changed: ReadonlySet<string>): boolean {
  if (inputs.files.some((f) => changed.has(f))) return true;
  return inputs.folders.length > 0 && [...changed].some((c) => inputs.folders.some((d) => isInside(d, c)));
}
