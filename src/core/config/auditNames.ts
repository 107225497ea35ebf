import { basename, dirname } from '../io/paths';

/**
 * Unique audit names for `equilens init`, in order. A folder audit is named after its folder, a
 * list of member files after what their names share (seed1.json, seed2.json → "seed"), a single
 * file after itself; the longer relative path when the short name is taken, then "-2", "-3", ….
 * Two ensembles of different architectures side by side in one folder used to get that folder's
 * name twice. `models` entries are relative to the config's folder; `rootName` names that folder.
 */
export function auditNames(models: readonly (string | readonly string[])[], rootName: string): string[] {
  const taken = new Set<string>();
  return models.map((m) => {
    const { short, long } = candidates(m, rootName || 'models');
    let name = !taken.has(short) ? short : long;
    for (let k = 2; taken.has(name); k++) name = `${long}-${k}`;
    taken.add(name);
    return name;
  });
}

function candidates(models: string | readonly string[], rootName: string): { short: string; long: string } {
  const isFolder = typeof models === 'string' && !/\.json$/i.test(models);
  const files = typeof models === 'string' ? [models] : models;
  const folder = isFolder ? models : commonFolder(files);
  const where = folder === '.' || folder === '' ? '' : folder;
  if (isFolder) return where ? { short: basename(where), long: where } : { short: rootName, long: rootName };
  const stems = files.map((f) => basename(f).replace(/\.json$/i, ''));
  const stem = stems.length === 1 ? stems[0]! : sharedStem(stems);
  // member-*/model.json: the file names say nothing, the folder does.
  if (!stem || stem === 'model') return where ? { short: basename(where), long: where } : { short: rootName, long: rootName };
  return { short: stem, long: where ? `${where}/${stem}` : stem };
}

/** The deepest folder holding every file ('.' when they share none). */
function commonFolder(files: readonly string[]): string {
  let parts = dirname(files[0] ?? '.').split('/');
  for (const f of files) {
    const p = dirname(f).split('/');
    let i = 0;
    while (i < parts.length && parts[i] === p[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '.';
}

/** What every name starts with, less trailing digits and separators ("seed" for seed1, seed2). */
function sharedStem(stems: readonly string[]): string {
  let prefix = stems[0] ?? '';
  for (const s of stems) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.replace(/[\d_\-. ]+$/, '');
}
