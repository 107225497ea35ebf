import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { FindingKind } from '../../core/checks/findings';

/** Offsets [start, end) in the model JSON's text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One layer (or graph node) object of a model JSON, located in its text. */
export interface LayerNode {
  name: string;
  index: number;
  node: Node;
}

// The config properties a finding is about, most specific first; the layer object is the fallback.
const PROPERTIES: Record<FindingKind, readonly string[]> = {
  'kernel-not-square': ['kernel_size', 'pool_size'],
  'dilation-not-isotropic': ['dilation_rate'],
  'even-kernel-same-padding': ['padding', 'kernel_size', 'pool_size'],
  'stride-misaligned': ['strides', 'pool_size'],
  'asymmetric-crop-or-pad': ['cropping', 'padding'],
  'init-not-invariant': ['kernel_initializer'],
  'frozen-layer': ['trainable'],
  'augmentation-layer': ['mode', 'factor'],
  // Found while running a member: about no property (never produced by the static analysis).
  'non-finite-weights': [],
  'non-finite-output': [],
  'shared-checkpoint': [],
  'duplicate-members': [],
  'degenerate-output': [],
  'representation-mismatch': [],
};

/**
 * The layer objects of a layers model (read where the core's topologyLayers reads them) or the
 * nodes of a graph model, with the names and indices findings use; [] when the text is neither.
 */
export function layerNodes(text: string): LayerNode[] {
  const root = parseTree(text);
  if (!root) return [];
  const topo = findNodeAtLocation(root, ['modelTopology']);
  if (topo?.type !== 'object') return [];
  const modelConfig = findNodeAtLocation(topo, ['model_config']);
  const base = modelConfig?.type === 'object' ? modelConfig : topo;
  const config = findNodeAtLocation(base, ['config']);
  const layers = config?.type === 'array' ? config : config?.type === 'object' ? findNodeAtLocation(config, ['layers']) : undefined;
  if (layers?.type === 'array') {
    // The core drops non-object entries before numbering, so the indices match its layerIndex.
    return (layers.children ?? []).filter((n) => n.type === 'object').map((node, index) => ({ node, index, name: layerName(node) ?? `#${index}` }));
  }
  const nodes = findNodeAtLocation(topo, ['node']);
  if (nodes?.type !== 'array') return [];
  return (nodes.children ?? []).filter((n) => n.type === 'object').map((node, index) => ({ node, index, name: stringAt(node, ['name']) ?? `#${index}` }));
}

/** The layer a finding names: by name first (names are unique in Keras), else by index. */
export function findLayer(layers: readonly LayerNode[], name: string, index: number): LayerNode | undefined {
  return layers.find((l) => l.name === name) ?? layers.find((l) => l.index === index);
}

/** Span of the layer object, or of the config property `kind` is about when the layer has it. */
export function findingSpan(layer: LayerNode, kind: FindingKind, evidence = ''): TextSpan {
  // init-not-invariant names the offending key first ("bias_initializer is Identity, …").
  const named = kind === 'init-not-invariant' ? /^(\w+_initializer)\b/.exec(evidence)?.[1] : undefined;
  for (const key of named ? [named, ...PROPERTIES[kind]] : PROPERTIES[kind]) {
    const prop = findNodeAtLocation(layer.node, ['config', key]);
    if (prop) return span(prop);
  }
  return span(layer.node);
}

/** Longest line a property's own span is underlined on; past it the model JSON is minified (one line). */
const READABLE_LINE = 300;

/**
 * The span to underline: `at` itself, or on a minified model JSON (its line longer than
 * READABLE_LINE) the layer's config object (the layer object for graph nodes), so the entry
 * covers the layer rather than one token at an off-screen column.
 */
export function readableSpan(text: string, layer: LayerNode, at: TextSpan): TextSpan {
  if (lineLength(text, at.start) <= READABLE_LINE) return at;
  const config = findNodeAtLocation(layer.node, ['config']);
  return span(config?.type === 'object' ? config : layer.node);
}

/** Span of the layer with `name` (or at `index`) and, for a finding kind, of its most specific property. */
export function layerRange(text: string, name: string, index: number, kind?: FindingKind, evidence?: string): TextSpan | null {
  const layer = findLayer(layerNodes(text), name, index);
  if (!layer) return null;
  return kind ? findingSpan(layer, kind, evidence) : span(layer.node);
}

/** The innermost layer whose object contains `offset`, or undefined outside every layer. */
export function layerAt(layers: readonly LayerNode[], offset: number): LayerNode | undefined {
  return layers.find((l) => offset >= l.node.offset && offset < l.node.offset + l.node.length);
}

function lineLength(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return (end < 0 ? text.length : end) - start;
}

function layerName(node: Node): string | undefined {
  return stringAt(node, ['config', 'name']) ?? stringAt(node, ['name']);
}

function stringAt(node: Node, path: string[]): string | undefined {
  const hit = findNodeAtLocation(node, path);
  return hit?.type === 'string' && typeof hit.value === 'string' ? hit.value : undefined;
}

function span(node: Node): TextSpan {
  return { start: node.offset, end: node.offset + node.length };
}
