import { EquiLensError } from '../errors';
import { architecture, fingerprint } from './fingerprint';
import { firstDifference } from './firstDifference';
import type { ModelJson } from './modelJson';

/**
 * Throws when ensemble members differ in architecture, naming the members that differ from
 * the majority (ties go to the group of the first member) and the first difference.
 */
export function checkSameArchitecture(members: { name: string; json: ModelJson }[], root: string): void {
  const groups = new Map<string, { name: string; json: ModelJson }[]>();
  for (const m of members) {
    const fp = fingerprint(m.json);
    groups.set(fp, [...(groups.get(fp) ?? []), m]);
  }
  if (groups.size <= 1) return;
  // Map keeps insertion order, so on a tie the first member's group wins.
  const majority = [...groups.values()].reduce((best, g) => (g.length > best.length ? g : best));
  const odd = members.filter((m) => !majority.includes(m));
  const [first, ...rest] = majority;
  const [oddFirst] = odd;
  // groups.size > 1: the majority and the odd members are both non-empty.
  if (!first || !oddFirst) return;
  const others = rest.length === 0 ? first.name : `the other ${majority.length} members`;
  const listed = odd
    .slice(0, 3)
    .map((m) => m.name)
    .join(', ');
  const names = odd.length <= 3 ? listed : `${listed} and ${odd.length - 3} more`;
  const verb = odd.length === 1 ? 'has' : 'have';
  const diff = firstDifference(architecture(oddFirst.json), architecture(first.json));
  const what = diff?.replace(/^topology\./, '') ?? 'topology differs';
  throw new EquiLensError(root, `${names} ${verb} a different architecture than ${others} (${what})`);
}
