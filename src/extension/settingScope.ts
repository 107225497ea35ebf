import { isInside } from '../core/io/paths';

/**
 * The workspace folders with the one holding `target` first (the deepest, when folders nest), the
 * others in their order: a relative path setting (equilens.probes) is read against the folder of
 * the model it applies to, as the CLI reads it against its working directory. No target, or one in
 * no folder: the folders as they are (the first folder first).
 */
export function homeFirst(folders: readonly string[], target: string | undefined): string[] {
  const home = target === undefined ? undefined : folders.filter((f) => isInside(f, target)).sort((a, b) => b.length - a.length)[0];
  return home === undefined ? [...folders] : [home, ...folders.filter((f) => f !== home)];
}
