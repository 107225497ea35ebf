import type { ModelJson } from './modelJson';
import { isObject } from './modelJson';

/**
 * Stable hash of a model's architecture: the topology with names, versions, initializer /
 * regularizer settings and weight data left out, so members trained from different seeds
 * match while any change of layers, shapes or wiring does not.
 */
export function fingerprint(json: ModelJson): string {
  const bytes = new TextEncoder().encode(canonicalJson(architecture(json)));
  // Two 32-bit FNV-1a passes with different offset bases: 64 bits without BigInt or Node crypto.
  return hex(fnv1a(bytes, 0x811c9dc5)) + hex(fnv1a(bytes, 0x5bd1e995));
}

/** The architecture the fingerprint hashes, as plain data (also used to explain differences). */
export function architecture(json: ModelJson): unknown {
  // The ONNX stand-in holds its structure already canonical (onnx/onnxGraph.ts summary).
  if (json.format === 'onnx') return { format: json.format, topology: json.modelTopology };
  if (json.format === 'layers-model') {
    return { format: json.format, topology: strip(renameAll(json.modelTopology, layerNames(json.modelTopology))) };
  }
  const names = graphNodeNames(json.modelTopology);
  const topology = strip(renameInputs(json.modelTopology, names));
  // Graph weights are Const nodes whose shapes may live only in the manifest.
  const weights = json.weightsManifest
    .flatMap((g) => g.weights)
    .map((w) => [names.get(w.name) ?? w.name, w.dtype, w.shape])
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  return { format: json.format, topology, weights };
}

/** JSON with object keys sorted, so key order in the file does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Keys that vary between identically built members or do not change what the model computes. */
const DROPPED = new Set(['keras_version', 'backend', 'training_config', 'versions', 'device', 'experimentalDebugInfo', 'seed']);
const DROPPED_SUFFIXES = ['_initializer', '_regularizer', '_constraint'];

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (DROPPED.has(k) || DROPPED_SUFFIXES.some((s) => k.endsWith(s))) continue;
    out[k] = strip(x);
  }
  return out;
}

/**
 * Layer (and model) names in order of appearance → '#0', '#1', … Names come from objects
 * that have a class_name, so nested models are covered too.
 */
function layerNames(topology: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    if (typeof v.class_name === 'string') {
      const config = isObject(v.config) ? v.config : {};
      for (const n of [v.name, config.name]) if (typeof n === 'string' && !names.has(n)) names.set(n, `#${names.size}`);
    }
    // Sorted keys, so the tokens do not depend on key order in the file.
    Object.keys(v)
      .sort()
      .forEach((k) => visit(v[k]));
  };
  visit(topology);
  return names;
}

/** Keys whose strings refer to layers; elsewhere a string like 'softmax' is a setting, not a name. */
const NAME_KEYS = new Set(['name', 'inbound_nodes', 'input_layers', 'output_layers']);

/** Replaces layer names in their places: names, inbound_nodes, input_layers, output_layers. */
function renameAll(v: unknown, names: Map<string, string>, inNames = false): unknown {
  if (typeof v === 'string') return inNames ? (names.get(v) ?? v) : v;
  if (Array.isArray(v)) return v.map((x) => renameAll(x, names, inNames));
  if (!isObject(v)) return v;
  const entries = Object.entries(v).map(([k, x]) => [k, renameAll(x, names, inNames || NAME_KEYS.has(k))]);
  return Object.fromEntries(entries);
}

function graphNodeNames(topology: Record<string, unknown>): Map<string, string> {
  const names = new Map<string, string>();
  const nodes = Array.isArray(topology.node) ? topology.node : [];
  for (const n of nodes) if (isObject(n) && typeof n.name === 'string') names.set(n.name, `#${names.size}`);
  return names;
}

/** Node names and the references in `input` lists ('name', 'name:1', '^name') become tokens. */
function renameInputs(v: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => renameInputs(x, names));
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'name' && typeof x === 'string') out[k] = names.get(x) ?? x;
    else if (k === 'input' && Array.isArray(x)) out[k] = (x as unknown[]).map((s) => (typeof s === 'string' ? renameRef(s, names) : s));
    else out[k] = renameInputs(x, names);
  }
  return out;
}

function renameRef(ref: string, names: Map<string, string>): string {
  const m = /^(\^?)([^:]+)(.*)$/.exec(ref);
  if (!m) return ref;
  // All three groups always take part in a match.
  const token = names.get(m[2]!);
  return token ? m[1]! + token + m[3]! : ref;
}

function fnv1a(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
