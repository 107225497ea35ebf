import { FINDING_INFO } from '../../checks/findings';
import { ARCHITECTURE_ADVISERS } from '../architecture';
import type { IndexedFinding } from '../context';
import { CONFIDENCE, score } from '../rank';
import { layersOf, restoresCondition, type FixFamily } from './family';

/** One fix per architecture finding kind, naming every layer it concerns. Structural, so always offered. */
export const architecture: FixFamily = {
  condition: 'architecture',
  advise(ctx) {
    const byKind = new Map<string, IndexedFinding[]>();
    for (const f of ctx.findings) if (f.condition === 'architecture') byKind.set(f.finding.kind, [...(byKind.get(f.finding.kind) ?? []), f]);
    return [...byKind].map(([kind, items]) => {
      const layers = layersOf(items);
      const advice = ARCHITECTURE_ADVISERS[kind]?.(items, ctx.sample, ctx.group) ?? null;
      const info = (FINDING_INFO as Record<string, { description: string } | undefined>)[kind];
      const { effect, expected } = restoresCondition(ctx, 'if it stays above 0, augmentation over the whole group is the next condition to check.');
      const confidence = Math.max(...items.map((f) => CONFIDENCE[f.finding.severity]));
      return {
        id: `architecture:${kind}`,
        condition: 'architecture' as const,
        title: advice?.title ?? `${items[0]!.finding.title}: ${layers.join(', ')}`,
        what: advice?.what ?? `Change ${layers.join(', ')}: ${items.map((f) => f.finding.evidence).join(' ')}`,
        why: `THEORY §1 condition 1, a compatible architecture (rotating or reflecting any admissible weights must give admissible weights): ${info?.description ?? items[0]!.finding.title}`,
        effect,
        expected,
        score: score(expected, ctx.relError, confidence),
        findings: items.map((f) => f.index),
        layers,
        snippets: advice?.snippets ?? {},
      };
    });
  },
};
