import { isObject, type ModelJson } from '../../load/modelJson';
import type { Size } from '../step';

/** One node of a graph model's GraphDef JSON. */
export interface GraphNode {
  /** Position among the topology's node objects (what findings report as layerIndex). */
  index: number;
  name: string;
  op: string;
  /**
   * Producers of the data inputs, in order; null for an input read from a second output
   * (name:1), whose shape is not the node's. Control inputs (^name) are dropped.
   */
  inputs: (string | null)[];
  attr: Record<string, unknown>;
}

/** The graph's nodes in file order. */
export function graphNodes(json: ModelJson): GraphNode[] {
  const nodes = Array.isArray(json.modelTopology.node) ? json.modelTopology.node.filter(isObject) : [];
  return nodes.map((n, index) => ({
    index,
    name: String(n.name),
    op: String(n.op),
    inputs: (Array.isArray(n.input) ? n.input.map(String) : [])
      .filter((i) => !i.startsWith('^'))
      .map((i) => {
        const [name, port] = i.split(':');
        return port === undefined || port === '0' ? name! : null;
      }),
    attr: isObject(n.attr) ? n.attr : {},
  }));
}

/**
 * The nodes in an order where every node comes after its data inputs (Kahn's algorithm; the
 * file's order is not guaranteed). Nodes on cycles (loops) come last, in file order.
 */
export function topoOrder(nodes: GraphNode[]): GraphNode[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const waiting = new Map<string, number>();
  const users = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const known = n.inputs.filter((i): i is string => i !== null && byName.has(i));
    waiting.set(n.name, known.length);
    for (const i of known) {
      const list = users.get(i);
      if (list) list.push(n);
      else users.set(i, [n]);
    }
  }
  const order = nodes.filter((n) => waiting.get(n.name) === 0);
  for (let k = 0; k < order.length; k++) {
    for (const u of users.get(order[k]!.name) ?? []) {
      const left = waiting.get(u.name)! - 1;
      waiting.set(u.name, left);
      if (left === 0) order.push(u);
    }
  }
  const placed = new Set(order);
  return [...order, ...nodes.filter((n) => !placed.has(n))];
}

/** An int attr ({i: '2'}); null when absent. */
export function intAttr(attr: Record<string, unknown>, key: string): number | null {
  const v = attr[key];
  const i = isObject(v) ? v.i : undefined;
  const n = typeof i === 'string' || typeof i === 'number' ? Number(i) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** An int-list attr ({list: {i: ['1', '2', '2', '1']}}); null when absent or empty. */
export function intList(attr: Record<string, unknown>, key: string): number[] | null {
  const v = attr[key];
  const list = isObject(v) && isObject(v.list) ? v.list.i : undefined;
  if (!Array.isArray(list) || list.length === 0) return null;
  const out = list.map(Number);
  return out.every(Number.isFinite) ? out : null;
}

/** A string attr ({s: base64}), decoded; null when absent or not base64. */
export function strAttr(attr: Record<string, unknown>, key: string): string | null {
  const v = attr[key];
  if (!isObject(v) || typeof v.s !== 'string') return null;
  try {
    return atob(v.s);
  } catch {
    return null;
  }
}

/** A TensorShapeProto ({dim: [{size: '-1'}, …]}) as sizes (−1 → null); null when the rank is unknown. */
export function shapeProto(v: unknown): Size[] | null {
  if (!isObject(v) || v.unknownRank === true) return null;
  const dims = Array.isArray(v.dim) ? v.dim : [];
  return dims.map((d) => {
    const n = isObject(d) ? Number(d.size ?? -1) : -1;
    return Number.isInteger(n) && n >= 0 ? n : null;
  });
}
