import * as path from 'node:path';
import { touches, unitInputs } from '../../core/ci/changed';
import { expandAudit, type AuditUnit } from '../../core/ci/units';
import { readConfig } from '../../core/config/loadConfig';
import { relativeTo } from '../../core/io/paths';
import { changedSince } from '../../node/git';
import { nodeFiles, toPosix } from '../../node/nodeFiles';

/** What a check run will audit: stage one of parse → plan → run → render. */
export interface CheckPlan {
  /** The config's folder (symlinks resolved): model and probe paths start here. */
  root: string;
  /** The config file as the user named it, for messages. */
  configFile: string;
  units: AuditUnit[];
  /** --changed-since: the ref, and the units left out because none of their files changed. */
  changedSince?: { ref: string; unchanged: string[] };
}

/**
 * Reads the config, expands every audit into ensembles, and keeps those --changed-since selects.
 * Selection is one step on `units`, so a later one (e.g. sharding) can follow it.
 */
export async function planCheck(configArg: string, changedRef?: string): Promise<CheckPlan> {
  const abs = toPosix(configArg);
  const configFile = relativeTo(toPosix(process.cwd()), abs);
  const { audits } = await readConfig(nodeFiles, abs, configFile);
  // git reports resolved paths: compare like with like.
  const configReal = await nodeFiles.realPath(abs);
  const root = path.posix.dirname(configReal);
  const units: AuditUnit[] = [];
  for (const a of audits) units.push(...(await expandAudit(nodeFiles, root, a, undefined, configFile)));
  if (changedRef === undefined) return { root, configFile, units };
  const changed = await changedSince(root, changedRef);
  // A changed config can change any audit's thresholds or settings: all of them run.
  if (changed.files.has(configReal)) return { root, configFile, units, changedSince: { ref: changedRef, unchanged: [] } };
  const kept: AuditUnit[] = [];
  const unchanged: string[] = [];
  for (const u of units) {
    if (touches(await unitInputs(nodeFiles, root, u), changed.files)) kept.push(u);
    else unchanged.push(u.name);
  }
  return { root, configFile, units: kept, changedSince: { ref: changedRef, unchanged } };
}
