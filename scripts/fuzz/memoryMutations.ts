// Fuzz classes of issue 13: 'huge-node' graphs and layers (a node or layer whose output is far
// bigger than the files — Tile, ResizeBilinear, UpSampling2D) and 'implied-shape' mismatches
// (a layer config implying weights other than the manifest's). Each must end in a report or
// one line naming the file, before the memory is spent.
import type { Rng } from '../../src/core/rng';
import type { FuzzCase } from './types';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

/** Small enough to run, or far too big: never the slow middle (the case has 10 s). */
const FACTORS = [1, 2, 3, 10_000, 65_536, 2 ** 20, 2 ** 30];
const SIZES = [1, 2, 3, 4096, 65_536, 2 ** 20, 2 ** 31 - 1];
const UNITS = [1, 2, 3, 5, 1000, 40_000_000, 2 ** 31 - 1];

/** Parses, edits and re-serialises model.json; a no-op when the text is not a JSON object. */
function edit(c: FuzzCase, f: (json: Record<string, any>) => void): void {
  let json: any;
  try {
    json = JSON.parse(c.json);
  } catch {
    return;
  }
  if (!json || typeof json !== 'object' || !json.modelTopology || typeof json.modelTopology !== 'object') return;
  f(json);
  c.json = JSON.stringify(json);
}

/** The layers list of a Sequential or functional topology, or null. */
function layerList(json: Record<string, any>): any[] | null {
  const t = json.modelTopology;
  const config = t.model_config?.config ?? t.config;
  return Array.isArray(config?.layers) ? config.layers : null;
}

/** Adds an int32 constant: its spec at the end of the last group, its bytes at the end of that group's last shard. */
function addIntConst(c: FuzzCase, json: Record<string, any>, name: string, values: number[]): boolean {
  const group = Array.isArray(json.weightsManifest) ? json.weightsManifest[json.weightsManifest.length - 1] : undefined;
  const shard = Array.isArray(group?.paths) ? group.paths[group.paths.length - 1] : undefined;
  if (!Array.isArray(group?.weights) || typeof shard !== 'string' || !c.files[shard]) return false;
  group.weights.push({ name, shape: [values.length], dtype: 'int32' });
  const bytes = new Uint8Array(Int32Array.from(values).buffer);
  const old = c.files[shard];
  const joined = new Uint8Array(old.length + bytes.length);
  joined.set(old);
  joined.set(bytes, old.length);
  c.files[shard] = joined;
  return true;
}

/** A graph: Tile or ResizeBilinear right after the input, its consumers rewired to it. */
function hugeGraphNode(c: FuzzCase, json: Record<string, any>, rng: Rng): void {
  const nodes: any[] = json.modelTopology.node;
  const input = nodes.find((n) => n?.op === 'Placeholder');
  if (!input || typeof input.name !== 'string') return;
  const k = pick(rng, FACTORS);
  const tile = rng.int(2) === 0;
  const values = tile ? [1, k, k, 1] : [pick(rng, SIZES), pick(rng, SIZES)];
  if (!addIntConst(c, json, 'fuzz/param', values)) return;
  const f = { type: 'DT_FLOAT' };
  const param = { name: 'fuzz/param', op: 'Const', attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: { dim: [{ size: String(values.length) }] } } } } };
  const node = tile
    ? { name: 'fuzz/huge', op: 'Tile', input: [input.name, 'fuzz/param'], attr: { T: f, Tmultiples: { type: 'DT_INT32' } } }
    : { name: 'fuzz/huge', op: 'ResizeBilinear', input: [input.name, 'fuzz/param'], attr: { T: f, align_corners: { b: false }, half_pixel_centers: { b: false } } };
  for (const n of nodes) if (Array.isArray(n?.input)) n.input = n.input.map((i: unknown) => (i === input.name ? 'fuzz/huge' : i));
  nodes.push(param, node);
}

export const MEMORY_MUTATIONS = [
  {
    name: 'huge-node',
    structural: true,
    apply: (c: FuzzCase, rng: Rng) =>
      edit(c, (j) => {
        if (Array.isArray(j.modelTopology.node)) return hugeGraphNode(c, j, rng);
        const layers = layerList(j);
        if (!layers?.length) return;
        const s = pick(rng, SIZES);
        const up = { class_name: 'UpSampling2D', config: { name: 'fuzz_up', trainable: true, size: [s, s], data_format: 'channels_last', interpolation: 'nearest' } };
        layers.splice(1 + rng.int(layers.length), 0, up);
      }),
  },
  {
    name: 'implied-shape',
    structural: true,
    apply: (c: FuzzCase, rng: Rng) =>
      edit(c, (j) => {
        const layers = layerList(j)?.filter((l) => l?.config && typeof l.config === 'object');
        if (!layers?.length) return;
        const sized = layers.filter((l) => 'units' in l.config || 'filters' in l.config);
        const target = pick(rng, sized.length ? sized : layers);
        const key = 'units' in target.config ? 'units' : 'filters' in target.config ? 'filters' : pick(rng, ['units', 'filters', 'kernel_size']);
        target.config[key] = key === 'kernel_size' ? [pick(rng, UNITS), pick(rng, UNITS)] : pick(rng, UNITS);
      }),
  },
];
