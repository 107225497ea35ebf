import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Rng } from '../../src/core/rng';
import { rot90 } from './rot90';

/** Loads dir/model.json + its weights file through tf.io.fromMemory (no file:// handler in tfjs-core). */
export async function loadMember(dir: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const [group] = json.weightsManifest;
  const bin = readFileSync(path.join(dir, group.paths[0]));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData }));
}

/** Softmax outputs on the probes rotated by k = 0…3 quarter turns, each flattened [B·C]. */
export function orbitOutputs(model: tfl.LayersModel, probes: tf.Tensor4D): Float32Array[] {
  return [0, 1, 2, 3].map((k) => tf.tidy(() => (model.predict(rot90(probes, k)) as tf.Tensor).dataSync() as Float32Array));
}

export interface EnsembleAudit {
  memberRelError: number[];
  ensembleRelError: number;
  /** Estimated relError of the infinite ensemble (THEORY.md §4) and its bootstrap 95 % interval. */
  floor: number;
  floorInterval: [number, number];
  /** Fraction of non-identity orbit points whose argmax equals the unrotated one. */
  memberAgreement: number[];
  ensembleAgreement: number;
}

/** Invariance audit under C4 of members given their orbit outputs (member → k → [B·C]). */
export function auditEnsemble(outputs: Float32Array[][], classes: number, bootstrapDraws = 500): EnsembleAudit {
  const n = outputs.length;
  const all = outputs.map((_, i) => i);
  const devs = outputs.map(deviation);
  const rng = new Rng(1234);
  const boot = Array.from({ length: bootstrapDraws }, () => floor(all.map(() => rng.int(n)))).sort((a, b) => a - b);
  const mean = [0, 1, 2, 3].map((k) => average(all.map((i) => outputs[i]![k]!)));
  return {
    memberRelError: outputs.map(relError),
    ensembleRelError: relError(mean),
    floor: floor(all),
    floorInterval: [boot[Math.floor(0.025 * bootstrapDraws)]!, boot[Math.ceil(0.975 * bootstrapDraws) - 1]!],
    memberAgreement: outputs.map((o) => agreement(o, classes)),
    ensembleAgreement: agreement(mean, classes),
  };

  /** floor = sqrt(max(0, ‖d̄‖² − s²/N) / Z) over the members idx (repeats allowed). */
  function floor(idx: number[]): number {
    const dbar = average(idx.map((i) => devs[i]!));
    let s2 = 0;
    for (const i of idx) s2 += sqDist(devs[i]!, dbar) / (idx.length - 1);
    const z = 3 * sqNorm(average(idx.map((i) => outputs[i]![0]!)));
    return Math.sqrt(Math.max(0, sqNorm(dbar) - s2 / idx.length) / z);
  }
}

function average(vs: ArrayLike<number>[]): Float64Array {
  const m = new Float64Array(vs[0]!.length);
  for (const v of vs) for (let j = 0; j < m.length; j++) m[j]! += v[j]! / vs.length;
  return m;
}

/** Stacked deviations f(g x) − f(x) over g ≠ e (invariant outputs: ρ_out is the identity). */
function deviation(orbit: ArrayLike<number>[]): Float64Array {
  const len = orbit[0]!.length;
  const d = new Float64Array(3 * len);
  for (let k = 1; k < 4; k++) for (let j = 0; j < len; j++) d[(k - 1) * len + j] = orbit[k]![j]! - orbit[0]![j]!;
  return d;
}

function relError(orbit: ArrayLike<number>[]): number {
  return Math.sqrt(sqNorm(deviation(orbit)) / (3 * sqNorm(orbit[0]!)));
}

function agreement(orbit: ArrayLike<number>[], classes: number): number {
  const b = orbit[0]!.length / classes;
  let same = 0;
  for (let k = 1; k < 4; k++) for (let i = 0; i < b; i++) if (argmax(orbit[k]!, i, classes) === argmax(orbit[0]!, i, classes)) same++;
  return same / (3 * b);
}

function argmax(v: ArrayLike<number>, row: number, classes: number): number {
  let best = 0;
  for (let c = 1; c < classes; c++) if (v[row * classes + c]! > v[row * classes + best]!) best = c;
  return best;
}

function sqNorm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

function sqDist(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s;
}
