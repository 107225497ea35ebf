import * as tf from '@tensorflow/tfjs-core';
import { gridRank, SiteGroup } from '../groups/siteGroup';
import type { Group } from '../groups/types';
import type { ProbeSet } from '../probes/types';

/**
 * ρ_in(g)x_b for every element, computed once per audit and shared by all members
 * (transforming inputs is the same work for every member, so it is not repeated).
 */
export function orbitInputs(group: Group, probes: ProbeSet): tf.Tensor[] {
  return group.elements.map((_, i) => {
    // Site groups permute sites: a plain index gather on the probes' array gives the same values as
    // group.apply's tf.gather without a trip through the backend (on wasm, most of an ONNX audit's
    // time outside predict went there).
    // A masked action (continuous rotations) masks the identity's probes too: ρ(e)x = M·x.
    const data = i === 0 && !group.continuous?.mask ? probes.data : gatherSites(group, i, probes);
    if (data) return tf.tensor(data, probes.shape, 'float32');
    return tf.tidy(() => group.apply(i, tf.tensor(probes.data, probes.shape, 'float32')));
  });
}

/** ρ_in(g)x for a site group's element as a new array; null when group.apply must do it (other groups, or to report why it cannot act). */
function gatherSites(group: Group, i: number, probes: ProbeSet): Float32Array | null {
  if (!(group instanceof SiteGroup)) return null;
  const rank = gridRank(group.layout);
  if (probes.shape.length < rank + 1) return null;
  const perm = group.sites(i, probes.shape.slice(1, 1 + rank));
  const sites = perm.length;
  const channels = probes.shape.slice(1 + rank).reduce((a, b) => a * b, 1);
  const per = sites * channels;
  const src = probes.data;
  const out = new Float32Array(src.length);
  for (let b = 0; b < probes.shape[0]!; b++) {
    const base = b * per;
    for (let s = 0; s < sites; s++) {
      const from = base + perm[s]! * channels;
      const to = base + s * channels;
      for (let c = 0; c < channels; c++) out[to + c] = src[from + c]!;
    }
  }
  return out;
}

export function disposeAll(ts: tf.Tensor[]): void {
  for (const t of ts) t.dispose();
}
