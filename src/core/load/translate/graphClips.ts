import type { GraphBuilder } from './graphBuilder';
import type { OnnxNodeSpec } from './onnxEncode';

/**
 * Merges chains of clamps (Relu, Clip — converters spell ReLU6 as Relu → Minimum(6) →
 * Maximum(0)) into one Clip where the value between them has no other reader. onnxruntime
 * fuses a conv with one activation and keeps it in its blocked layout; a second clamp after it
 * costs a layout change out and back. Exact: clamping to [a, b] then [c, d] is clamping to
 * [max(a, c), min(b, d)] when the two intervals overlap (other chains are left alone).
 */
export function mergeClamps(g: GraphBuilder, outputs: readonly string[]): void {
  const readers = new Map<string, number>();
  for (const n of g.nodes) for (const i of n.inputs) readers.set(i, (readers.get(i) ?? 0) + 1);
  for (const o of outputs) readers.set(o, (readers.get(o) ?? 0) + 1);
  const consts = new Map(g.initializers.map((t) => [t.name, t.data]));
  const producer = new Map<string, OnnxNodeSpec>();
  const removed = new Set<OnnxNodeSpec>();
  const bounds = (n: OnnxNodeSpec): [number, number] | null => {
    if (n.op === 'Relu') return [0, Infinity];
    if (n.op !== 'Clip') return null;
    const read = (name: string | undefined, none: number): number | null => {
      if (!name) return none;
      const d = consts.get(name);
      return d instanceof Float32Array && d.length === 1 ? d[0]! : null;
    };
    const lo = read(n.inputs[1], -Infinity);
    const hi = read(n.inputs[2], Infinity);
    return lo === null || hi === null ? null : [lo, hi];
  };
  for (const n of g.nodes) {
    const outer = bounds(n);
    const p = producer.get(n.inputs[0]!);
    const inner = p && bounds(p);
    if (outer && p && inner && readers.get(n.inputs[0]!) === 1) {
      const lo = Math.max(outer[0], inner[0]);
      const hi = Math.min(outer[1], inner[1]);
      if (lo <= hi) {
        removed.add(p);
        n.op = 'Clip';
        const [l, h] = [Float32Array.of(lo), Float32Array.of(hi)];
        n.inputs = [p.inputs[0]!, g.float('lo', [], l), g.float('hi', [], h)];
        consts.set(n.inputs[1]!, l);
        consts.set(n.inputs[2]!, h);
        delete n.attrs;
      }
    }
    for (const o of n.outputs) producer.set(o, n);
  }
  const kept = g.nodes.filter((n) => !removed.has(n));
  g.nodes.splice(0, g.nodes.length, ...kept);
  // Bounds no node reads any more (onnxruntime would warn about each).
  const read = new Set(kept.flatMap((n) => n.inputs));
  const used = g.initializers.filter((t) => read.has(t.name));
  g.initializers.splice(0, g.initializers.length, ...used);
}
