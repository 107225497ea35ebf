import type { ConstantValues } from '../checks/graph/graphConsts';
import { graphNodes } from '../checks/graph/graphNodes';
import { PAD_OPS } from '../checks/graph/graphCrops';
import type { Finding } from '../checks/findings';
import { groupNeeds } from '../checks/groupNeeds';
import { topologyLayers } from '../checks/topology';
import { isObject, type ModelJson } from '../load/modelJson';
import { borderWidths } from './evidence';

/** The static checks of a (changed) model at an input shape: assembleReport's, with its options. */
export type Reanalyze = (inputShape: (number | null)[], json: ModelJson, constants: ConstantValues | undefined) => Finding[];

type Pairs = [number, number][];

/**
 * Whether the symmetric-padding fix (advice/architecture/asymmetricCropOrPad.ts) makes the model
 * compatible: every asymmetric pad or crop is made symmetric in a copy of the model (layer configs,
 * or the graph's paddings constants) and the copy is walked again. The premise fails when the
 * change leaves them asymmetric or misaligns more strided windows than before (padding changes the
 * map, and a converted model's Pad(0, 1) before a stride-2 VALID convolution is what centres it).
 * null when a finding cannot be changed in a copy (slices, causal or EXPLICIT padding): unknown.
 */
export function symmetricPaddingHolds(
  findings: readonly Finding[],
  json: ModelJson,
  constants: ConstantValues | undefined,
  group: string,
  inputShape: (number | null)[],
  analyze: Reanalyze,
  channelsFirst = false,
): boolean | null {
  const items = findings.filter((f) => f.kind === 'asymmetric-crop-or-pad');
  if (!items.length) return null;
  const copy = JSON.parse(JSON.stringify(json)) as ModelJson;
  const values = new Map(constants ?? []);
  for (const f of items) {
    const b = borderWidths(f.evidence);
    if (!b || /'causal'|EXPLICIT|explicit/.test(f.evidence)) return null;
    const done = json.format === 'graph-model' ? symmetriseConst(copy, values, f, group, channelsFirst) : symmetriseLayer(copy, f, group);
    if (!done) return null;
  }
  const misaligned = (fs: Finding[]) => fs.filter((f) => f.kind === 'stride-misaligned').length;
  const before = misaligned(analyze(inputShape, json, constants));
  const after = analyze(inputShape, copy, values);
  const changed = new Set(items.map((f) => f.layer));
  return !after.some((f) => f.kind === 'asymmetric-crop-or-pad' && changed.has(f.layer)) && misaligned(after) <= before;
}

/** [before, after] pairs made equal where the group swaps them (all four under rotations), the larger width winning. */
function symmetric(pairs: Pairs, group: string): Pairs {
  const needs = groupNeeds(group);
  const out = pairs.map((p) => [...p] as [number, number]);
  if (out.length === 1) {
    const w = Math.max(...out[0]!);
    return [[w, w]];
  }
  if (needs.square) {
    const w = Math.max(...out.flat());
    return [
      [w, w],
      [w, w],
    ];
  }
  if (needs.rows || needs.translate) out[0] = [Math.max(...out[0]!), Math.max(...out[0]!)];
  if (needs.cols || needs.translate) out[1] = [Math.max(...out[1]!), Math.max(...out[1]!)];
  return out;
}

/** Graph Pad/MirrorPad: the paddings constant's spatial rows, symmetrised, in `values`. */
function symmetriseConst(json: ModelJson, values: Map<string, readonly number[]>, f: Finding, group: string, channelsFirst: boolean): boolean {
  const nodes = graphNodes(json);
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const node = byName.get(f.node ?? f.layer ?? '');
  if (!node || !PAD_OPS.has(node.op)) return false;
  let source = byName.get(node.inputs[1] ?? '');
  for (let hops = 0; source && source.op === 'Identity' && hops < 16; hops++) source = byName.get(source.inputs[0] ?? '');
  const v = source && values.get(source.name);
  if (!source || !v) return false;
  const rank = v.length / 2;
  const axes = rank === 4 ? (channelsFirst ? [2, 3] : [1, 2]) : rank === 3 ? [1] : null;
  if (!axes) return false;
  const next = [...v];
  symmetric(
    axes.map((a) => [v[2 * a]!, v[2 * a + 1]!]),
    group,
  ).forEach(([s, e], k) => {
    next[2 * axes[k]!] = s;
    next[2 * axes[k]! + 1] = e;
  });
  values.set(source.name, next);
  return true;
}

/** Layers models: ZeroPadding/Cropping 1D/2D configs, symmetrised in place. */
function symmetriseLayer(json: ModelJson, f: Finding, group: string): boolean {
  const layer = (topologyLayers(json) ?? []).find((l) => isObject(l.config) && l.config.name === f.layer);
  const config = layer && isObject(layer.config) ? layer.config : null;
  const key = config && ('padding' in config && String(layer!.class_name).includes('ZeroPadding') ? 'padding' : 'cropping' in config ? 'cropping' : null);
  if (!config || !key) return false;
  const oneD = String(layer!.class_name).endsWith('1D');
  const pairs = widths(config[key], oneD);
  if (!pairs) return false;
  const sym = symmetric(pairs, group);
  config[key] = oneD ? sym[0] : sym;
  return true;
}

/** Keras' forms: n, [a, b] (per axis for 2-D, start/end for 1-D), [[t, b], [l, r]]. */
function widths(v: unknown, oneD: boolean): Pairs | null {
  if (typeof v === 'number')
    return oneD
      ? [[v, v]]
      : [
          [v, v],
          [v, v],
        ];
  if (!Array.isArray(v)) return null;
  if (oneD) return isNumberPair(v) ? [v] : null;
  if (v.length !== 2) return null;
  const pair = (x: unknown): [number, number] | null => (typeof x === 'number' ? [x, x] : isNumberPair(x) ? x : null);
  const [h, w] = [pair(v[0]), pair(v[1])];
  return h && w ? [h, w] : null;
}

function isNumberPair(x: unknown): x is [number, number] {
  return Array.isArray(x) && x.length === 2 && x.every((y) => typeof y === 'number');
}
