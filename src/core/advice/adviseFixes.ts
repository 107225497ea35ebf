import { notMeasurable } from '../report/measurable';
import type { AuditReport } from '../report/types';
import { adviceContext, type AdviceOptions } from './context';
import { FIX_FAMILIES } from './families';
import { rankFixes } from './rank';
import { shortTitle } from './titles';
import type { Fix } from './types';

/**
 * The report's findings and statistics turned into fixes, ranked by expected effect (highest
 * first; one model: what needs no training first, see rank.ts). None when every member's output
 * is constant: nothing was measured that a fix could improve (degenerate-output).
 */
export function adviseFixes(report: AuditReport, opts: AdviceOptions = {}): Fix[] {
  if (notMeasurable(report)) return [];
  const ctx = adviceContext(report, opts);
  return rankFixes(
    FIX_FAMILIES.flatMap((family) => family.advise(ctx)),
    ctx.single,
  ).map((f) => ({ ...f, title: shortTitle(f.title) }));
}
