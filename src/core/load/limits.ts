import { EquiLensError } from '../errors';

/**
 * Caps on untrusted model files, checked before the expensive or dangerous step they guard
 * (reading, parsing, allocating). Generous for real models; a hostile file hits them first.
 */
export interface LoadLimits {
  /** Size of the model JSON file. */
  maxJsonBytes: number;
  /** Bracket nesting depth of the model JSON (deep nesting can exhaust the parser's stack). */
  maxJsonDepth: number;
  /** Layers (layers-models) or nodes (graph models) in the topology. */
  maxTopologyNodes: number;
  /** Sum of all weight shards. */
  maxWeightBytes: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxJsonBytes: 256 * 1024 * 1024,
  maxJsonDepth: 256,
  maxTopologyNodes: 200_000,
  maxWeightBytes: 4 * 1024 * 1024 * 1024,
};

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

export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
