import type { AuditReport } from '../report/types';
import { adviceContext } from './context';
import { FIX_FAMILIES } from './families';
import { rankFixes } from './rank';
import type { Fix } from './types';

/** The report's findings and statistics turned into fixes, ranked by expected effect (highest first). */
export function adviseFixes(report: AuditReport): Fix[] {
  const ctx = adviceContext(report);
  return rankFixes(FIX_FAMILIES.flatMap((family) => family.advise(ctx)));
}
