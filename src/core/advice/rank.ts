import type { Severity } from '../checks/findings';
import type { Fix, FixCondition } from './types';

/** How sure a finding makes us that its fix applies: an error is structural, info only a hint. */
export const CONFIDENCE: Record<Severity, number> = { error: 1, warning: 0.5, info: 0.25 };

/**
 * Ranking score: the expected drop of the audited error × confidence ÷ cost. An unknown drop
 * (one model: no floor) counts as half the error now, since removing a cause removes at most
 * all of it; cost is the factor a fix adds to every prediction (symmetrisation: ×m).
 */
export function score(expected: Fix['expected'], errorNow: number | null, confidence: number, cost = 1): number {
  const { from, to } = expected;
  const drop = from !== null && to !== null ? Math.max(0, from - to) : 0.5 * (errorNow ?? 0);
  return (drop * confidence) / cost;
}

// Ties (equal scores) go to the cause before the remedy, in THEORY §1's order.
const ORDER: FixCondition[] = ['architecture', 'initialisation', 'augmentation', 'ensemble-size', 'symmetrisation', 'distillation'];

/**
 * What a fix asks of the owner of one pretrained model: 0 nothing but inference (symmetrise),
 * 1 fine-tuning the weights it has (fine-tune with augmentation, distil), 2 training again.
 */
export function trainingNeeded(f: Fix): 0 | 1 | 2 {
  if (f.condition === 'symmetrisation') return 0;
  if (f.condition === 'distillation' || f.id === 'augmentation:fine-tune') return 1;
  return 2;
}

/**
 * Fixes by expected effect, highest first; ties by condition, then by the first finding. With
 * one model (`single`, N = 1: usually a pretrained model, not an ensemble its user trains) what
 * needs less training comes first (trainingNeeded), then the score.
 */
export function rankFixes(fixes: Fix[], single = false): Fix[] {
  const first = (f: Fix) => f.findings[0] ?? Number.MAX_SAFE_INTEGER;
  const stage = (f: Fix) => (single ? trainingNeeded(f) : 0);
  return [...fixes].sort((a, b) => stage(a) - stage(b) || b.score - a.score || ORDER.indexOf(a.condition) - ORDER.indexOf(b.condition) || first(a) - first(b));
}
