import type { GraphModel } from '@tensorflow/tfjs-converter';
import { EquiLensError } from '../errors';
import type { FinalActivation } from './types';
import { isObject, type ModelJson } from './modelJson';

/** The converter's mapped graph; not public API, so every access is guarded. */
interface MappedNode {
  name: string;
  op: string;
  category?: string;
  inputs: MappedNode[];
}

/**
 * Finds an op the converter cannot run among the nodes the outputs depend on, right after
 * loading. tfjs-converter maps each node with its op list (and registered custom ops) and
 * leaves `category` empty for unknown ops, which otherwise fail only at the first predict.
 * Returns null when none is found or the mapped graph is not reachable.
 */
export function unsupportedOp(model: GraphModel): { op: string; node: string } | null {
  const graph = (model as unknown as { executor?: { graph?: { outputs?: MappedNode[] } } }).executor?.graph;
  if (!graph || !Array.isArray(graph.outputs)) return null;
  const seen = new Set<string>();
  const stack = [...graph.outputs];
  while (stack.length) {
    const node = stack.pop();
    if (!node || seen.has(node.name)) continue;
    seen.add(node.name);
    if (typeof node.op === 'string' && node.category === undefined) return { op: node.op, node: node.name };
    if (Array.isArray(node.inputs)) stack.push(...node.inputs);
  }
  return null;
}

export function unsupportedOpError(path: string, op: string, node: string): EquiLensError {
  return new EquiLensError(path, `unsupported op '${op}' (node '${node}')`);
}

/** Turns the converter's run-time "Unknown op" errors into the same message as at load time. */
export function runtimeOpError(e: unknown, json: ModelJson, path: string): EquiLensError | null {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /Unknown op '([^']+)'/.exec(msg) ?? /Custom op (\S+) is not registered/.exec(msg);
  if (!m) return null;
  const node = graphNodes(json).find((n) => n.op === m[1]);
  return unsupportedOpError(path, m[1]!, node?.name ?? '?');
}

/**
 * The final activation: the op producing `outputNode`, looking through ops that only pass
 * values on (Identity, Reshape, …) the way converted models end.
 */
export function graphActivation(json: ModelJson, outputNode: string): FinalActivation {
  const byName = new Map(graphNodes(json).map((n) => [n.name, n]));
  const passOn = new Set(['Identity', 'IdentityN', 'Reshape', 'Squeeze', 'StopGradient']);
  for (let node = byName.get(outputNode), hops = 0; node && hops < 100; hops++) {
    if (node.op === 'Softmax') return 'softmax';
    if (node.op === 'Sigmoid') return 'sigmoid';
    const [input] = node.input;
    if (!passOn.has(node.op) || input === undefined) return null;
    node = byName.get(input.replace(/^\^/, '').split(':')[0]!);
  }
  return null;
}

interface JsonNode {
  name: string;
  op: string;
  input: string[];
}

function graphNodes(json: ModelJson): JsonNode[] {
  const nodes = Array.isArray(json.modelTopology.node) ? json.modelTopology.node : [];
  return nodes.filter(isObject).map((n) => ({
    name: String(n.name),
    op: String(n.op),
    input: Array.isArray(n.input) ? n.input.map(String) : [],
  }));
}
