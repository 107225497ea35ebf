import type { ResolvedAudit } from '../config/types';
import { cleanPattern, globBase, globMatcher, isGlob } from '../config/glob';
import { configFolder, confineLexically, confinePath, confineReal, type ConfigFolder } from '../config/confine';
import { CONFIG_FILE } from '../config/loadConfig';
import { readIfModel } from '../config/scanModels';
import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { joinPath, relativeTo } from '../io/paths';
import { discoverMembers } from '../load/discoverMembers';
import { isOnnxPath } from '../load/onnx/onnxFile';
import { DEFAULT_LIMITS, type Limits } from '../load/limits';
import { confineAuditPaths } from './confineAudit';
import { walkTree } from './walk';

/** One ensemble (or single model) to audit: what `equilens audit <targets>` would audit. */
export interface AuditUnit {
  /** The audit's name, with the folder after it when one entry yields several ensembles. */
  name: string;
  audit: ResolvedAudit;
  /** Absolute targets for the engine: one folder, or model files. */
  targets: string[];
  /** Absolute member model JSONs, as discovery found them. */
  members: string[];
}

/**
 * The ensembles an audit's `models` select, relative to `root`. A folder is one ensemble (its
 * models and those of its direct subfolders, as `equilens audit <folder>` finds them); the model
 * files an entry selects form one ensemble, like several files on the command line. Folders a
 * glob matches that hold no model, or only models an earlier (shallower) one took, are skipped.
 */
export async function expandAudit(fs: FileSystem, root: string, audit: ResolvedAudit, limits: Limits = DEFAULT_LIMITS, configFile: string = CONFIG_FILE): Promise<AuditUnit[]> {
  const folders: string[] = [];
  const files: string[] = [];
  const named = new Set<string>();
  const place = await configFolder(fs, root, configFile);
  // Every path the config names stays in its folder, by real path, before anything is read.
  await confineAuditPaths(fs, place, audit);
  for (const [i, pattern] of audit.models.entries()) {
    const key = `audits[${audit.index}].models${audit.models.length > 1 ? `[${i}]` : ''}`;
    await select(fs, place, key, audit, pattern, { folders, files, named }, limits);
  }
  const found: { root: string; members: string[]; targets: string[] }[] = [];
  const taken = new Set<string>();
  for (const folder of [...new Set(folders)].sort((a, b) => a.split('/').length - b.split('/').length)) {
    // A folder named outright must hold models; one a glob swept up may not.
    const m = named.has(folder) ? await discoverMembers(fs, [folder], limits) : await discoverMembers(fs, [folder], limits).catch(noModel);
    if (!m || m.members.every((p) => taken.has(p))) continue;
    m.members.forEach((p) => taken.add(p));
    found.push({ root: m.root, members: m.members, targets: [folder] });
  }
  const rest = [...new Set(files)].filter((f) => !taken.has(f));
  if (rest.length) {
    const m = await discoverMembers(fs, rest, limits);
    found.push({ root: m.root, members: m.members, targets: rest });
  }
  if (!found.length) throw new EquiLensError(place.configFile, `audit "${audit.name}": its models (${audit.models.join(', ')}) match no TF.js or ONNX model`);
  return found.map((f) => ({
    name: found.length === 1 ? audit.name : `${audit.name} · ${relativeTo(root, f.root)}`,
    audit,
    targets: f.targets,
    members: f.members,
  }));
}

interface Selected {
  folders: string[];
  files: string[];
  /** Folders and files named without a glob. */
  named: Set<string>;
}

async function select(fs: FileSystem, place: ConfigFolder, key: string, audit: ResolvedAudit, pattern: string, into: Selected, limits: Limits): Promise<void> {
  const root = place.root;
  if (!isGlob(pattern)) {
    const abs = await confinePath(fs, place, cleanPattern(pattern), key);
    const st = await fs.stat(abs);
    if (!st) throw new EquiLensError(abs, `not found (models of audit "${audit.name}")`);
    (st.kind === 'dir' ? into.folders : into.files).push(abs);
    into.named.add(abs);
    return;
  }
  confineLexically(place, pattern, key);
  // The walk starts at the pattern's literal folder: a link there would list another folder.
  await confineReal(fs, place, joinPath(root, globBase(pattern)), key, `"${pattern}" starts in ${globBase(pattern) || '.'}, which`);
  const matches = globMatcher(pattern, place.configFile, key);
  let matched = 0;
  for (const e of await walkTree(fs, root, globBase(pattern))) {
    if (!matches(e.path)) continue;
    const abs = joinPath(root, e.path);
    // The walk does not enter linked folders, but a match may itself be a link to elsewhere.
    await confineReal(fs, place, abs, key, `"${pattern}" matches ${e.path}, which`);
    if (e.kind === 'dir') into.folders.push(abs);
    // A glob may sweep up configs and metadata: only model JSONs count; an .onnx file is always
    // meant as a model (a broken one fails in discovery, naming it, as on the command line).
    else if (isOnnxPath(abs) || (await readIfModel(fs, abs, limits, place.realRoot))) into.files.push(abs);
    else continue;
    matched++;
  }
  if (!matched) throw new EquiLensError(place.configFile, `${key}: audit "${audit.name}": the pattern "${pattern}" matches no model or folder`);
}

// A folder a glob matched that holds no model is not an ensemble; other errors still count.
function noModel(e: unknown): null {
  if (e instanceof EquiLensError && e.problem.startsWith('no TF.js model JSON or .onnx model found')) return null;
  throw e;
}
