import { confinePath, type ConfigFolder } from '../config/confine';
import type { ResolvedAudit } from '../config/types';
import type { FileSystem } from '../io/files';

/**
 * Confines the file paths of one config audit other than `models` (probes, and the `.npy` files
 * of `fixedInputs`) to the config's folder: `..`, absolute paths and
 * symlinks that leave it are refused naming the key, before any audit reads them.
 */
export async function confineAuditPaths(fs: FileSystem, place: ConfigFolder, audit: ResolvedAudit): Promise<void> {
  const at = `audits[${audit.index}]`;
  if (audit.probes.path !== undefined) await confinePath(fs, place, audit.probes.path, `${at}.probes`);
  for (const [name, path] of Object.entries(audit.fixedInputs ?? {})) await confinePath(fs, place, path, `${at}.fixedInputs.${name}`);
}
