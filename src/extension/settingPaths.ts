import { isInside, joinPath, normalizePath } from '../core/io/paths';

/** A path setting's value, confined to the workspace folders, or why it was refused. */
export type ConfinedSetting = { path: string } | { refused: string };

/**
 * A path from a setting that a workspace can set (its .vscode/settings.json is part of the
 * repository, so a pull request can write it), kept inside the workspace folders: relative
 * values start at the first folder (callers put the model's folder first: homeFirst); absolute ones, '..' escapes and symlinks whose real path
 * leaves every folder are refused. `folders` are absolute '/'-paths; `realPath` resolves
 * symlinks (null when nothing is there: a missing path is judged as written). No `vscode`
 * here, so it is tested directly.
 */
export function confineSettingPath(setting: string, value: string, folders: readonly string[], realPath: (p: string) => string | null): ConfinedSetting {
  const refuse = (why: string): ConfinedSetting => ({ refused: `${setting}: path leaves the workspace folder (${why}); use EquiLens: Select Probes… for files elsewhere` });
  const written = value.replace(/\\/g, '/');
  if (!folders.length) return refuse(`"${value}" with no workspace folder open`);
  const isAbs = written.startsWith('/') || /^[A-Za-z]:\//.test(written);
  const abs = isAbs ? normalizePath(written) : joinPath(folders[0]!, written);
  const home = folders.find((f) => isInside(f, abs));
  if (!home) return refuse(`"${value}"`);
  const real = realPath(abs);
  if (real !== null && !folders.some((f) => isInside(realPath(f) ?? f, real))) return refuse(`"${value}" links to ${real}`);
  return { path: abs };
}
