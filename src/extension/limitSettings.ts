import { totalmem } from 'node:os';
import { DEFAULT_LIMITS, hostMemoryBudget, type Limits } from '../core/load/limits';

const MIB = 1024 * 1024;

/** The equilens.limits.* settings (without the 'equilens.' prefix), the cap each sets, and its unit. */
export const LIMIT_SETTINGS: readonly { name: string; key: keyof Limits; mib: boolean }[] = [
  { name: 'limits.maxModelJsonMB', key: 'maxJsonBytes', mib: true },
  { name: 'limits.maxWeightsMB', key: 'maxWeightBytes', mib: true },
  { name: 'limits.maxLayers', key: 'maxTopologyNodes', mib: false },
  { name: 'limits.maxJsonDepth', key: 'maxJsonDepth', mib: false },
  { name: 'limits.maxTensorElements', key: 'maxTensorElements', mib: false },
  { name: 'limits.maxInputElements', key: 'maxInputElements', mib: false },
  { name: 'limits.maxMemoryMB', key: 'maxMemoryBytes', mib: true },
  { name: 'limits.maxProbes', key: 'maxProbes', mib: false },
];

/** vscode's WorkspaceConfiguration.inspect() result, the parts read here. */
export interface SettingLayers {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The caps from the settings, in bytes and counts; invalid values are ignored (the default
 * stays). A cloned repository's .vscode/settings.json must not open the door it guards: in an
 * untrusted workspace, workspace and folder values may only lower a cap, never raise it.
 */
export function limitsFromSettings(inspect: (name: string) => SettingLayers | undefined, trusted: boolean, physicalBytes = totalmem()): Partial<Limits> {
  const out: Partial<Limits> = {};
  // The memory budget's default is the host's: half its physical memory, at most 8 GiB.
  const defaults: Limits = { ...DEFAULT_LIMITS, maxMemoryBytes: hostMemoryBudget(physicalBytes) };
  for (const s of LIMIT_SETTINGS) {
    const layers = inspect(s.name);
    const value = (v: unknown) => toLimit(v, s.mib);
    const user = value(layers?.globalValue);
    const local = value(layers?.workspaceFolderValue) ?? value(layers?.workspaceValue);
    const chosen = trusted ? (local ?? user) : lowest(user ?? defaults[s.key], local);
    if (chosen !== undefined && chosen !== defaults[s.key]) out[s.key] = chosen;
  }
  if (out.maxMemoryBytes === undefined && defaults.maxMemoryBytes !== DEFAULT_LIMITS.maxMemoryBytes) out.maxMemoryBytes = defaults.maxMemoryBytes;
  return out;
}

/** A setting's value as a cap (MiB → bytes), or undefined when it is not a positive number. */
function toLimit(v: unknown, mib: boolean): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const n = mib ? Math.round(v * MIB) : v;
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

function lowest(base: number, local: number | undefined): number {
  return local === undefined ? base : Math.min(base, local);
}
