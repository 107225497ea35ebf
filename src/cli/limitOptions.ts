import { InvalidArgumentError, Option, type Command } from 'commander';
import { totalmem } from 'node:os';
import { DEFAULT_LIMITS, hostMemoryBudget, type Limits } from '../core/load/limits';

const MIB = 1024 * 1024;

/** The --max-* options as commander parses them (camelCase, already in bytes or counts). */
export interface LimitOptions {
  maxModelJsonMb?: number;
  maxWeightsMb?: number;
  maxLayers?: number;
  maxJsonDepth?: number;
  maxTensorElements?: number;
  maxInputElements?: number;
  maxMemoryMb?: number;
  maxProbes?: number;
}

/** One `--max-*` flag: the cap it sets, and its unit on the command line (MiB or a count). */
interface LimitFlag {
  flags: string;
  /** Commander's camelCase name of the option. */
  name: keyof LimitOptions;
  key: keyof Limits;
  mib: boolean;
  help: string;
}

/** The caps on untrusted model files the CLI can change (see Limits and SECURITY.md). */
export const LIMIT_FLAGS: readonly LimitFlag[] = [
  { flags: '--max-model-json-mb <n>', name: 'maxModelJsonMb', key: 'maxJsonBytes', mib: true, help: 'largest model JSON file, in MiB' },
  { flags: '--max-weights-mb <n>', name: 'maxWeightsMb', key: 'maxWeightBytes', mib: true, help: "largest total of a model's weight files, in MiB" },
  { flags: '--max-layers <n>', name: 'maxLayers', key: 'maxTopologyNodes', mib: false, help: 'most layers (layers-models) or nodes (graph models)' },
  { flags: '--max-json-depth <n>', name: 'maxJsonDepth', key: 'maxJsonDepth', mib: false, help: 'deepest bracket nesting of a model JSON' },
  { flags: '--max-tensor-elements <n>', name: 'maxTensorElements', key: 'maxTensorElements', mib: false, help: "most elements of one weight, or of one layer's output per sample" },
  { flags: '--max-input-elements <n>', name: 'maxInputElements', key: 'maxInputElements', mib: false, help: 'most values in one input sample' },
  { flags: '--max-memory-mb <n>', name: 'maxMemoryMb', key: 'maxMemoryBytes', mib: true, help: "most memory one sample's node outputs may need, estimated before loading, in MiB" },
  { flags: '--max-probes <n>', name: 'maxProbes', key: 'maxProbes', mib: false, help: 'most probes in one audit' },
];

/** This machine's default memory budget: half its physical memory, at most 8192 MiB. */
export function hostLimits(): Partial<Limits> {
  return { maxMemoryBytes: hostMemoryBudget(totalmem()) };
}

/** Adds the --max-* flags to `cmd`, each showing its default. */
export function addLimitOptions(cmd: Command): Command {
  for (const f of LIMIT_FLAGS) {
    const def = hostLimits()[f.key] ?? DEFAULT_LIMITS[f.key];
    const shown = f.key === 'maxMemoryBytes' ? `${Math.floor(def / MIB)}: half of physical memory, at most 8192` : f.mib ? def / MIB : def;
    cmd.addOption(new Option(f.flags, `${f.help} (default ${shown})`).argParser(f.mib ? positiveMib : positiveCount));
  }
  return cmd;
}

/** The caps given on the command line, in the engine's units (bytes, counts); absent ones stay default. */
export function limitsFromOptions(opts: LimitOptions): Partial<Limits> {
  const out: Partial<Limits> = hostLimits();
  for (const f of LIMIT_FLAGS) {
    const v = opts[f.name];
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

/** MiB (fractions allowed) to whole bytes, at least one. */
function positiveMib(v: string): number {
  const n = Number(v);
  const bytes = Math.round(n * MIB);
  if (!Number.isFinite(n) || bytes < 1 || !Number.isSafeInteger(bytes)) throw new InvalidArgumentError('expected a positive number of MiB');
  return bytes;
}

function positiveCount(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}
