import { EquiLensError } from '../errors';

/**
 * Caps on untrusted model files, checked before the expensive or dangerous step they guard
 * (reading, parsing, allocating). Generous for real models; a hostile file hits them first.
 * Front ends may change them (AuditSpec.limits, CLI --max-*, equilens.limits.* settings).
 */
export interface Limits {
  /** Size of the model JSON file. */
  maxJsonBytes: number;
  /** Bracket nesting depth of the model JSON (deep nesting can exhaust the parser's stack). */
  maxJsonDepth: number;
  /** Layers (layers-models) or nodes (graph models) in the topology. */
  maxTopologyNodes: number;
  /** Sum of all weight shards. */
  maxWeightBytes: number;
  /** Elements of one weight tensor, and of one layer's output per sample (quantized weights grow 4× when decoded). */
  maxTensorElements: number;
  /** Values in one input sample: the probes are allocated from it. */
  maxInputElements: number;
  /**
   * Memory one sample's working set may need (every node's or layer's output, estimated from the
   * input shape before anything is allocated); also the most the batch size estimate fills.
   * Hosts pass hostMemoryBudget(physical memory); the core's own default is the 8 GiB ceiling.
   */
  maxMemoryBytes: number;
  /** Probes in one audit (synthetic count, or taken from a file). */
  maxProbes: number;
}

/** The older name of Limits, kept for existing callers. */
export type LoadLimits = Limits;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  // Topologies are far smaller (weights live in the .bin shards); parsing 250 MB reached 3 GB.
  maxJsonBytes: 32 * 1024 * 1024,
  maxJsonDepth: 256,
  maxTopologyNodes: 200_000,
  maxWeightBytes: 4 * 1024 * 1024 * 1024,
  maxTensorElements: 2 ** 28,
  maxInputElements: 2 ** 24,
  maxMemoryBytes: 8192 * 1024 * 1024,
  maxProbes: 65_536,
};

/** The default memory budget on a host with `totalBytes` of physical memory: half of it, at most 8 GiB. */
export function hostMemoryBudget(totalBytes: number): number {
  const half = Math.floor(totalBytes / 2);
  return Number.isSafeInteger(half) && half >= 1 ? Math.min(half, DEFAULT_LIMITS.maxMemoryBytes) : DEFAULT_LIMITS.maxMemoryBytes;
}

/** Today's defaults with `given` on top; a cap that is not a positive safe integer is a usage error. */
export function resolveLimits(given: Partial<Limits> = {}): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const v = given[key];
    if (v === undefined) continue;
    if (!(Number.isSafeInteger(v) && v >= 1)) throw new EquiLensError(undefined, `limit ${key} must be a positive integer, got ${String(v)}`);
    out[key] = v;
  }
  return out;
}

/** Refuses JSON text nested deeper than `max`, scanning brackets outside strings in one pass. */
export function checkJsonDepth(text: string, max: number, file: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) throw new EquiLensError(file, `JSON is nested deeper than ${max} levels`);
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
}

/** Counts layers or graph nodes, wherever the topology keeps them. */
export function topologySize(topology: Record<string, unknown>): number {
  const node = topology.node;
  if (Array.isArray(node)) return node.length;
  const config = (topology.model_config as { config?: unknown } | undefined)?.config ?? topology.config;
  const layers = (config as { layers?: unknown } | undefined)?.layers;
  return Array.isArray(layers) ? layers.length : 0;
}

/** Largest kernel, pool, stride or dilation size accepted in a topology. */
export const MAX_WINDOW = 65_536;
const WINDOW_KEYS = new Set(['kernel_size', 'pool_size', 'strides', 'dilation_rate', 'ksize', 'dilations']);

/**
 * Refuses window sizes that are not integers in [1, MAX_WINDOW], anywhere in the topology
 * (layers configs hold numbers, graph attrs `{list: {i: ['1', …]}}`). tfjs checks only that
 * they are positive; a stride of 2^53 makes the wasm kernels read out of bounds and leaves the
 * backend broken for every later model (found by scripts/fuzz.ts).
 */
export function checkWindowSizes(topology: unknown, file: string): void {
  const stack: unknown[] = [topology];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    for (const [k, x] of Object.entries(v)) {
      if (WINDOW_KEYS.has(k)) {
        const list: unknown = (x as { list?: { i?: unknown } } | null)?.list?.i ?? x;
        for (const d of Array.isArray(list) ? (list as unknown[]) : [list]) {
          const n = typeof d === 'string' ? Number(d) : d;
          if (typeof n === 'number' && !(Number.isInteger(n) && n >= 1 && n <= MAX_WINDOW)) {
            throw new EquiLensError(file, `topology has ${k} ${String(d)}; expected an integer from 1 to ${MAX_WINDOW}`);
          }
        }
      }
      stack.push(x);
    }
  }
}

/** Most values in one input sample by default (64 MiB of float32); see Limits.maxInputElements. */
export const MAX_INPUT_ELEMENTS = DEFAULT_LIMITS.maxInputElements;

/**
 * Input dimensions (after the batch) must be free or positive integers of a sane total size:
 * a topology claiming [0.1, 0, 1] or [2^53, 16, 1] otherwise fails later with errors that
 * name no file, or allocations that throw RangeError (found by scripts/fuzz.ts).
 */
export function checkInputShapes(inputs: readonly { name: string; shape: readonly (number | null)[] }[], file: string, max = MAX_INPUT_ELEMENTS): void {
  for (const { name, shape } of inputs) {
    const dims = shape.slice(1);
    const bad = dims.find((d) => d !== null && !(Number.isInteger(d) && d >= 1));
    if (bad !== undefined) throw new EquiLensError(file, `input '${name}' has invalid dimension ${String(bad)} in [${shape.map((d) => d ?? '?').join(',')}]`);
    const size = dims.reduce<number>((a, d) => a * (d ?? 1), 1);
    if (size > max) {
      throw new EquiLensError(file, `input '${name}' has ${size} values per sample, over the ${max} limit`);
    }
  }
}

/** Bytes in MiB with one decimal for messages; plain bytes below 0.1 MiB, where that would read 0.0. */
export function mib(bytes: number): string {
  return bytes < 104_858 ? `${bytes} bytes` : `${(bytes / 1048576).toFixed(1)} MiB`;
}
