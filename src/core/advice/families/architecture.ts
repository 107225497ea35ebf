import { FINDING_INFO } from '../../checks/findings';
import { ARCHITECTURE_ADVISERS } from '../architecture';
import type { IndexedFinding } from '../context';
import { CONFIDENCE, score } from '../rank';
import { layersOf, restoresCondition, type FixFamily } from './family';
import { nameList } from '../titles';
import type { Snippets } from '../types';
import { resizeAdvice } from '../architecture/resizeInputs';

/** One fix per architecture finding kind, naming every layer it concerns. Structural, so always offered. */
export const architecture: FixFamily = {
  condition: 'architecture',
  advise(ctx) {
    const byKind = new Map<string, IndexedFinding[]>();
    for (const f of ctx.findings) if (f.condition === 'architecture') byKind.set(f.finding.kind, [...(byKind.get(f.finding.kind) ?? []), f]);
    // A fix whose premise was checked and fails (symmetric padding that leaves the net incompatible) is not offered.
    if (ctx.premises.symmetricPadding === false) byKind.delete('asymmetric-crop-or-pad');
    return [...byKind].map(([kind, items]) => {
      const layers = layersOf(items);
      // Misaligned strides: one input size for the whole model when the audit found one (inputSize.ts).
      const sized = kind === 'stride-misaligned' && ctx.inputSize ? resizeAdvice(items, ctx.inputSize, ctx) : undefined;
      const advice = sized !== undefined ? sized : (ARCHITECTURE_ADVISERS[kind]?.(items, ctx.sample, ctx.group) ?? null);
      const info = (FINDING_INFO as Record<string, { description: string } | undefined>)[kind];
      const { effect, expected } = restoresCondition(ctx, 'if it stays above 0, augmentation over the whole group is the next condition to check.');
      const confidence = Math.max(...items.map((f) => CONFIDENCE[f.finding.severity]));
      return {
        id: `architecture:${kind}`,
        condition: 'architecture' as const,
        title: advice?.title ?? `${items[0]!.finding.title}: ${nameList(layers)}`,
        what: (advice?.what ?? `Change ${layers.join(', ')}: ${items.map((f) => f.finding.evidence).join(' ')}`) + (ctx.graph && sized === undefined ? GRAPH_NOTE : ''),
        why: `THEORY §1 condition 1, a compatible architecture (rotating or reflecting any admissible weights must give admissible weights): ${info?.description ?? items[0]!.finding.title}`,
        effect,
        expected,
        score: score(expected, ctx.relError, confidence),
        findings: items.map((f) => f.index),
        layers,
        // A graph model's layers cannot be edited in TF.js: the change is made in the source model (Keras, PyTorch).
        snippets: ctx.graph && sized === undefined ? withoutTfjs(advice?.snippets ?? {}) : (advice?.snippets ?? {}),
      };
    });
  },
};

const GRAPH_NOTE = ' This is a graph model: make the change in the model it was converted from, train it again and convert it anew.';

function withoutTfjs(s: Snippets): Snippets {
  const { tfjs: _dropped, ...rest } = s;
  return rest;
}
