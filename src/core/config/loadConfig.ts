import { EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { errorAt, nodeAt, parseConfig } from './parse';
import { resolveAudits } from './resolve';
import type { ConfigError, EquiLensConfig, ResolvedAudit } from './types';
import { validateConfig } from './validate';

/** The config file's usual name, at the workspace root. */
export const CONFIG_FILE = 'equilens.config.json';

/** What loading a config's text gives: the config and its resolved audits, or the errors. */
export interface LoadedConfig {
  /** null when there are errors. */
  config: EquiLensConfig | null;
  audits: ResolvedAudit[];
  /** Syntax, schema and consistency errors, in file order. */
  errors: ConfigError[];
}

/** Parses, validates and resolves config text: pure, so the editor can run it on unsaved text. */
export function loadConfigText(text: string): LoadedConfig {
  const parsed = parseConfig(text);
  if (parsed.errors.length) return { config: null, audits: [], errors: parsed.errors };
  const errors = validateConfig(text, parsed.root, parsed.value);
  if (errors.length) return { config: null, audits: [], errors: sorted(errors) };
  const config = parsed.value as EquiLensConfig;
  const audits = resolveAudits(config);
  const dup = duplicateNames(text, parsed.root, audits);
  return dup.length ? { config: null, audits: [], errors: dup } : { config, audits, errors: [] };
}

/**
 * Reads and loads the config at `file`; any error becomes one EquiLensError naming the file
 * (as `shown`, e.g. relative to the working directory), line, column and JSON path.
 */
export async function readConfig(fs: FileSystem, file: string, shown = file): Promise<LoadedConfig & { config: EquiLensConfig }> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new EquiLensError(shown, 'cannot read the config file (run `equilens init` to write one)');
  }
  const loaded = loadConfigText(new TextDecoder().decode(bytes));
  const first = loaded.errors[0];
  if (first || !loaded.config) {
    const more = loaded.errors.length > 1 ? ` (and ${loaded.errors.length - 1} more)` : '';
    throw new EquiLensError(`${shown}:${first?.line ?? 1}:${first?.column ?? 1}`, `${formatConfigError(first)}${more}`);
  }
  return { ...loaded, config: loaded.config };
}

/** `audits[0].thresholds.maxFloor: expected number or null, got "5%"`. */
export function formatConfigError(e: ConfigError | undefined): string {
  if (!e) return 'invalid config';
  return e.path ? `${e.path}: ${e.message}` : e.message;
}

// Audit names label every output and match baselines, so two audits may not share one.
function duplicateNames(text: string, root: ReturnType<typeof parseConfig>['root'], audits: ResolvedAudit[]): ConfigError[] {
  const seen = new Map<string, number>();
  const out: ConfigError[] = [];
  for (const a of audits) {
    const first = seen.get(a.name);
    if (first !== undefined) {
      const node = nodeAt(root, ['audits', a.index, 'name']).value ?? nodeAt(root, ['audits', a.index]).value;
      out.push(errorAt(text, ['audits', a.index], node?.offset ?? 0, node?.length ?? 0, `audit name "${a.name}" is already used by audits[${first}]; give each a "name"`));
    } else seen.set(a.name, a.index);
  }
  return out;
}

function sorted(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => a.offset - b.offset);
}
