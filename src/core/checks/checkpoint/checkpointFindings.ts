import type { ModelJson } from '../../load/modelJson';
import { FINDING_INFO, type Finding } from '../findings';
import { sameWeights, TOLERANCE, type Cluster } from './compare';
import { weightOwners, type WeightOwner } from './owners';
import type { MemberSignatures, WeightSignature } from './signature';
import { duplicateGroups, duplicateMembersFindings } from './duplicateMembers';

// In signature.ts, so duplicateMembers.ts need not import this module (no import cycle).
export type { MemberSignatures } from './signature';

/**
 * One shared-checkpoint finding per layer holding a kernel (a weight of rank ≥ 2) that two or
 * more members share (see sameWeights). Weights are matched by manifest position: members have one architecture,
 * but tfjs numbers their layer names per session. `json` (the first member's) names the layers.
 */
export function sharedCheckpointFindings(json: ModelJson, members: readonly MemberSignatures[], tol = TOLERANCE): Finding[] {
  const ref = members[0]?.weights ?? [];
  if (members.length < 2) return [];
  // Identical members are one finding; their shared layers are not repeated one line each.
  const duplicates = duplicateGroups(members, tol);
  const groupOf = new Map(duplicates.flatMap((g, k) => g.map((i) => [i, k] as const)));
  const withinOneGroup = (c: Cluster) => c.members.every((i) => groupOf.has(i) && groupOf.get(i) === groupOf.get(c.members[0]!));
  const owners = weightOwners(
    json,
    ref.map((w) => w.name),
  );
  const layers = new Map<string, { owner: WeightOwner; parts: { weight: string; clusters: Cluster[] }[] }>();
  ref.forEach((w, k) => {
    const owner = owners[k];
    // Vectors (biases, per-channel scales) are moved by no group action on inputs: members
    // started from ρ̄(g)θ₀ (THEORY §1's remedy) legitimately share them.
    if (!owner || w.shape.length < 2) return;
    const same = (s: WeightSignature | undefined) => s && s.shape.length === w.shape.length && s.shape.every((d, i) => d === w.shape[i]);
    const clusters = sameWeights(
      members.map((m) => (same(m.weights[k]) ? m.weights[k] : undefined)),
      tol,
    ).filter((c) => !withinOneGroup(c));
    if (clusters.length === 0) return;
    const entry = layers.get(owner.layer) ?? { owner, parts: [] };
    entry.parts.push({ weight: owner.weight, clusters });
    layers.set(owner.layer, entry);
  });
  const perLayer = [...layers.values()].map(({ owner, parts }) => {
    const involved = [...new Set(parts.flatMap((p) => p.clusters.flatMap((c) => c.members)))].sort((a, b) => a - b);
    const max = Math.max(...parts.flatMap((p) => p.clusters.map((c) => c.maxDistance)));
    return {
      kind: 'shared-checkpoint' as const,
      severity: 'warning' as const,
      title: FINDING_INFO['shared-checkpoint'].title,
      layer: owner.layer,
      ...(owner.layerIndex !== undefined && { layerIndex: owner.layerIndex }),
      ...(owner.node !== undefined && { node: owner.node }),
      members: involved.map((i) => members[i]!.member),
      evidence: `${describe(parts, members)} (max relative distance ${max.toExponential(1)}).`,
    };
  });
  return [...duplicateMembersFindings(members, duplicates), ...mergeManyLayers(perLayer, members.length)];
}

/** From this many layers shared by the same members on, they are one finding (a frozen backbone shares a hundred). */
export const MERGE_LAYERS = 4;

/**
 * Layers whose weights the same members share, MERGE_LAYERS or more of them, as one finding on
 * the first (listing all in `layers`): one line each would bury every other finding.
 */
function mergeManyLayers(findings: Finding[], n: number): Finding[] {
  const bySet = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = (f.members ?? []).join('\n');
    bySet.set(key, [...(bySet.get(key) ?? []), f]);
  }
  return findings.flatMap((f) => {
    const same = bySet.get((f.members ?? []).join('\n'))!;
    if (same.length < MERGE_LAYERS) return [f];
    if (same[0] !== f) return [];
    const names = same.map((x) => x.layer!);
    const max = Math.max(...same.map((x) => Number(/max relative distance ([^)]+)\)/.exec(x.evidence)?.[1] ?? 0)));
    const who = f.members!.length === n ? `all ${n} members` : `${f.members!.length} of ${n} members`;
    return [
      {
        ...f,
        layers: names,
        evidence: `${names.length} layers hold the same weights in ${who} (${names.slice(0, 3).join(', ')} and ${names.length - 3} more; max relative distance ${max.toExponential(1)}): frozen, or barely moved by training.`,
      },
    ];
  });
}

/** "8 of 8 members have the same kernel and bias; …", weights with the same groups told together. */
function describe(parts: { weight: string; clusters: Cluster[] }[], members: readonly MemberSignatures[]): string {
  const byGroups = new Map<string, { weights: string[]; clusters: Cluster[] }>();
  for (const p of parts) {
    const key = p.clusters.map((c) => c.members.join(',')).join('|');
    const entry = byGroups.get(key) ?? { weights: [], clusters: p.clusters };
    entry.weights.push(p.weight);
    byGroups.set(key, entry);
  }
  const n = members.length;
  return [...byGroups.values()]
    .map(({ weights, clusters }) => {
      const what = weights.length === 1 ? weights[0] : `${weights.slice(0, -1).join(', ')} and ${weights.at(-1)}`;
      if (clusters.length > 1) return `${n} members fall into ${clusters.length} groups with the same ${what} (${clusters.map((c) => c.members.length).join(', ')} members)`;
      const c = clusters[0]!;
      // Name a few members when not all share it (the finding's `members` lists every one).
      const names = c.members.length < n && c.members.length <= 3 ? ` (${c.members.map((i) => members[i]!.member).join(', ')})` : '';
      return `${c.members.length} of ${n} members${names} have the same ${what}`;
    })
    .join('; ');
}
