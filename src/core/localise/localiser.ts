import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Group, Representation } from '../groups/types';
import { inMetricFrame, layerValues, moveValues, pickPositions, selectPositions } from './actions';
import { LayerSums, type MemberSums } from './layerSums';
import { planLayers, type LayerPlan } from './plan';
import { layerFloor } from './layerFloor';
import type { LayerFloor } from './types';

/** Fewest positions per layer a subsample keeps (a floor over fewer says little). */
const MIN_POSITIONS = 64;

export interface LocaliserOptions {
  group: Group;
  rep: Representation;
  /** ρ_in(g)x for every element (runAudit's orbit inputs); the first `maxProbes` probes are used. */
  inputs: readonly tf.Tensor[];
  /** The audited output (a layer name), the first when absent. */
  outputName?: string;
  seed: number;
  /** Members that will be added: sizes the rows kept for the intervals. */
  members: number;
  /** Probes compared per layer (default 16): the sums grow with B·(m−1)·size. */
  maxProbes?: number;
  /** Values summed per layer, B·(m−1)·positions (default 2^18: two float64 buffers of 2 MiB). */
  maxEntries?: number;
  /** Bytes of activations held at once while a chunk of probes runs (default 192 MiB). */
  memoryBytes?: number;
  /** float64 values kept over all layers and members for the intervals (default 2^22, 32 MiB). */
  intervalValues?: number;
}

/**
 * One member's per-layer rows (Localiser.member), plain data: computed where the member is loaded
 * (this thread or a pool worker), folded in member order by Localiser.addPart. It carries the
 * plan and sizes its thread read from its first member, so a thread that runs no member (the
 * pool's main thread) can report them.
 */
export interface LayerPart {
  plan: LayerPlan[];
  /** Values per probe of each computed layer's output. */
  sizes: number[];
  /** Probes and group elements of the rows. */
  B: number;
  m: number;
  /** Per computed layer: its sums over this one member, and whether the interval's rows are kept. */
  layers: (MemberSums & { keep: boolean })[];
}

/**
 * Per-layer floors (THEORY §5), streamed: member() runs one member's layers on the orbit of the
 * probes into that member's rows, addPart() folds them into per-layer sums (LayerSums) in member
 * order; nothing of a member is kept beyond its sums. add() does both. The layer plan is read
 * from the first member; later ones are matched by position.
 */
export class Localiser {
  private plan: LayerPlan[] | null = null;
  /** Per computed layer: compared positions (null: all), values per probe, and whether rows are kept. */
  private positions: (Int32Array | null)[] = [];
  private shapes: { size: number; D: number; keep: boolean }[] = [];
  private probes: tf.Tensor[] = [];
  /** The folded members (addPart): the first part's plan and sizes, the sums. */
  private merged: { plan: LayerPlan[]; sizes: number[]; sums: LayerSums[] } | null = null;

  /** True once the plan shows no hidden layer the group moves sites of: nothing to locate, nothing is run. */
  noSpatialLayer = false;

  constructor(private readonly o: LocaliserOptions) {}

  /** Folds one member in; `model` stays the caller's. */
  async add(model: tfl.LayersModel): Promise<void> {
    this.addPart(await this.member(model));
  }

  /** One member's rows, not folded in (see LayerPart); `model` stays the caller's. */
  async member(model: tfl.LayersModel): Promise<LayerPart> {
    this.plan ??= this.start(model);
    this.noSpatialLayer = noSpatial(this.plan);
    const done = this.plan.filter((p) => p.action);
    const B = this.probes[0]?.shape[0] ?? 0;
    const part = { plan: this.plan, sizes: [] as number[], B, m: this.probes.length, layers: [] as LayerPart['layers'] };
    if (!done.length || this.noSpatialLayer) return part;
    const probe = tfl.model({ inputs: model.inputs, outputs: done.map((p) => model.layers[p.position]!.output as tfl.SymbolicTensor) });
    const chunk = this.chunkSize(done, B, model);
    const sums: LayerSums[] = [];
    for (let b0 = 0; b0 < B; b0 += chunk) await this.addChunk(probe, done, b0, Math.min(chunk, B - b0), sums);
    for (const s of sums) s.endMember();
    return { ...part, sizes: this.shapes.map((s) => s.size), layers: sums.map((s, l) => ({ ...s.memberPart(), keep: this.shapes[l]!.keep })) };
  }

  /** Folds one member's rows in (members in order: the sums are float64, their order is the report's). */
  addPart(part: LayerPart): void {
    const { B, m } = part;
    this.merged ??= { plan: part.plan, sizes: part.sizes, sums: part.layers.map((l) => new LayerSums(B, m, l.dev.length / (B * (m - 1)), l.keep)) };
    this.noSpatialLayer = noSpatial(this.merged.plan);
    if (part.layers.length !== this.merged.sums.length) throw new Error(`a member has ${part.layers.length} layers to compare, the first ${this.merged.sums.length}`);
    part.layers.forEach((l, i) => this.merged!.sums[i]!.addMember(l));
  }

  /** One LayerFloor per non-input layer, in model order; `index` from `fileIndex`. */
  result(fileIndex: (name: string, position: number) => number): LayerFloor[] {
    const plan = this.merged?.plan ?? [];
    const done = plan.filter((p) => p.action);
    return plan.map((p) => {
      const l = done.indexOf(p);
      // One seed for every layer: the same member resamples, so layers compare pairwise.
      return layerFloor(p, fileIndex(p.name, p.position), this.merged?.sums[l], this.merged?.sizes[l], this.o.seed);
    });
  }

  /** Frees the probe tensors. */
  dispose(): void {
    tf.dispose(this.probes);
    this.probes = [];
  }

  private start(model: tfl.LayersModel): LayerPlan[] {
    const { inputs, outputName } = this.o;
    const out = (outputName === undefined ? model.outputs[0] : model.outputs.find((t) => t.sourceLayer.name === outputName)) ?? model.outputs[0]!;
    // A fixed batch dimension takes whole batches of its size only.
    const fixed = model.inputs[0]?.shape[0] ?? null;
    const maxB = Math.min(this.o.maxProbes ?? 16, inputs[0]!.shape[0]);
    const B = fixed ? Math.floor(maxB / fixed) * fixed : maxB;
    this.probes = B > 0 ? inputs.map((x) => tf.slice(x, 0, B)) : [];
    return B > 0 ? planLayers(model, this.o.group, out.sourceLayer) : [];
  }

  private chunkSize(done: LayerPlan[], B: number, model: tfl.LayersModel): number {
    const fixed = model.inputs[0]?.shape[0];
    if (fixed) return fixed;
    const perProbe = done.reduce((a, p) => a + p.outputShape.slice(1).reduce<number>((x, d) => x * (d ?? 64), 1), 0);
    // Every element's activations at once, plus the values and moved copies: about 3 × 4 bytes each.
    const m = this.probes.length;
    return Math.max(1, Math.min(B, Math.floor((this.o.memoryBytes ?? 192 * 2 ** 20) / (12 * m * perProbe))));
  }

  /**
   * Probes b0…b0+nb−1 of every element in one predict (element-major rows: few calls, as tfjs's
   * fixed cost per op dominates small models), then per layer the moved values of g ≥ 1 and
   * ρ_l(g) of the identity's, read back in one transfer.
   */
  private async addChunk(probe: tfl.LayersModel, done: LayerPlan[], b0: number, nb: number, sums: LayerSums[]): Promise<void> {
    const { group, rep } = this.o;
    const m = this.probes.length;
    const fixed = probe.inputs[0]?.shape[0] ?? null;
    const flat = tf.tidy(() => {
      const x = tf.concat(this.probes.map((p) => tf.slice(p, b0, nb)));
      const out = probe.predict(x, { batchSize: fixed ?? m * nb });
      const values = (Array.isArray(out) ? out : [out]).map((y, l) => layerValues(done[l]!.action!, y));
      if (!this.shapes.length) this.makeShapes(done, values, m * nb);
      if (!sums.length) sums.push(...this.shapes.map((s) => new LayerSums(this.probes[0]!.shape[0], m, s.D)));
      const parts = values.flatMap((v, l) => {
        const at = this.positions[l] ?? null;
        const v0 = tf.slice(v, 0, nb);
        const frame = (t: tf.Tensor) => inMetricFrame(done[l]!.action!, rep, t);
        const moved = selectPositions(frame(tf.slice(v, nb)), at);
        const expected = tf.concat([...Array(m - 1).keys()].map((k) => selectPositions(frame(moveValues(done[l]!.action!, group, rep, k + 1, v0)), at)));
        return [tf.reshape(moved, [-1]), tf.reshape(expected, [-1])];
      });
      return tf.concat(parts);
    });
    const data = (await flat.data()) as Float32Array;
    flat.dispose();
    let at = 0;
    for (const s of sums) {
      const n = nb * s.D;
      const expectedAt = at + (m - 1) * n;
      for (let g = 1; g < m; g++) s.add(g, b0, nb, data.subarray(at + (g - 1) * n, at + g * n), data.subarray(expectedAt + (g - 1) * n, expectedAt + g * n));
      at += 2 * (m - 1) * n;
    }
  }

  /** Positions and sizes per layer, from the first member's first chunk (outputs of open size included). */
  private makeShapes(done: LayerPlan[], values: tf.Tensor[], rows: number): void {
    const B = this.probes[0]!.shape[0];
    const m = this.probes.length;
    const perPosition = B * (m - 1);
    // Every layer gets an equal share of the interval rows (so every floor is judged alike), at
    // least MIN_POSITIONS positions; when even those do not fit, the first layers keep theirs.
    let kept = this.o.intervalValues ?? 2 ** 22;
    const share = Math.max(MIN_POSITIONS, Math.floor(kept / (done.length * 2 * this.o.members * perPosition)));
    const budget = Math.min(this.o.maxEntries ?? 2 ** 18, Math.floor(2 ** 22 / done.length), share * perPosition);
    done.forEach((p, l) => {
      const size = values[l]!.size / rows;
      // The output keeps every value when it can, so its floor is the report's.
      const cap = p.action!.kind === 'output' ? (this.o.maxEntries ?? 2 ** 18) : budget;
      const positions = pickPositions(size, perPosition, cap, this.o.seed + p.position);
      const D = positions ? positions.length : size;
      const need = 2 * this.o.members * B * (m - 1) * D;
      this.positions[l] = positions;
      this.shapes[l] = { size, D, keep: need <= kept };
      if (need <= kept) kept -= need;
    });
  }
}

function noSpatial(plan: readonly LayerPlan[]): boolean {
  return !plan.some((p) => p.action?.kind === 'spatial' || p.action?.kind === 'flattened');
}
