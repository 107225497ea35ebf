import { FINDING_INFO, type Finding } from '../findings';
import { relativeDistance, type MemberSignatures } from './signature';

/**
 * Groups (member indices, two or more) of members that hold the same value of every weight:
 * each tensor within `tol` (relative distance, as shared-checkpoint compares them), linked
 * transitively. Members whose manifests differ in length or shape are never duplicates.
 */
export function duplicateGroups(members: readonly MemberSignatures[], tol: number): number[][] {
  const n = members.length;
  const parent = [...Array(n).keys()];
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (root(a) === root(b) || !sameModel(members[a]!, members[b]!, tol)) continue;
      parent[root(a)] = root(b);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) groups.set(root(i), [...(groups.get(root(i)) ?? []), i]);
  return [...groups.values()].filter((g) => g.length > 1).sort((x, y) => x[0]! - y[0]!);
}

function sameModel(a: MemberSignatures, b: MemberSignatures, tol: number): boolean {
  if (!a.weights.length || a.weights.length !== b.weights.length) return false;
  return a.weights.every((w, k) => {
    const v = b.weights[k]!;
    return w.shape.length === v.shape.length && w.shape.every((d, i) => d === v.shape[i]) && relativeDistance(w, v) <= tol;
  });
}

/** One duplicate-members finding per group of identical members, naming them all. */
export function duplicateMembersFindings(members: readonly MemberSignatures[], groups: readonly number[][]): Finding[] {
  const n = members.length;
  return groups.map((g) => {
    const names = g.map((i) => members[i]!.member);
    const listed = names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
    return {
      kind: 'duplicate-members' as const,
      severity: 'warning' as const,
      title: FINDING_INFO['duplicate-members'].title,
      members: names,
      evidence: `${g.length} of ${n} members hold the same weights in every layer (${listed}): one model counted ${g.length} times, so the ensemble has ${n - g.length + 1} distinct members, and the floor, its interval and the curve treat the copies as independent.`,
    };
  });
}
