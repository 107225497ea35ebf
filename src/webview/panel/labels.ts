// Short names for charts, where full paths do not fit; full paths stay in tables and tooltips.

/** 'a/b/member-03/model.json' → 'member-03'; 'a/seed2.json' → 'seed2.json'. */
export function shortName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  const file = parts.at(-1) ?? path;
  return file === 'model.json' && parts.length > 1 ? parts.at(-2)! : file;
}

/** Unique chart labels, one per member: the short name, numbered when two would collide. */
export function memberLabels(paths: string[]): string[] {
  const names = paths.map(shortName);
  const unique = new Set(names).size === names.length;
  return names.map((n, i) => (unique ? n : `${i + 1} · ${n}`));
}

/** Shown in a running panel before the host has named it, and in exported files. */
export function reportTitle(r: { group: { name: string }; members: { path: string }[] }): string {
  const paths = r.members.map((m) => m.path);
  return `EquiLens · ${r.group.name} · ${paths.length === 1 ? paths[0] : commonFolder(paths) || `${paths.length} models`}`;
}

/** The deepest folder holding every path ('' when they share none). */
function commonFolder(paths: string[]): string {
  const dirs = paths.map((p) => p.split('/').slice(0, -1));
  const first = dirs[0] ?? [];
  let n = 0;
  while (n < first.length && dirs.every((d) => d[n] === first[n])) n++;
  // member-01/model.json, member-02/model.json: the ensemble is the folder above the members.
  return first.slice(0, n).join('/');
}
