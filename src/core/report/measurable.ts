import type { AuditReport } from './types';

/** The verdict when every audited member's output is constant: the symmetry cannot be judged on it. */
export const NOT_MEASURABLE =
  'not measurable: the audited output does not depend on the input (degenerate-output), so its equivariance error says nothing — this is not a pass; audit another output or check the probes';

/**
 * True when a degenerate-output finding names every member: a constant is trivially symmetric,
 * so no number of the report may read as a pass (verdict, `equilens check`, the advice).
 */
export function notMeasurable(r: Pick<AuditReport, 'findings' | 'members'>): boolean {
  const named = new Set((r.findings ?? []).filter((f) => f.kind === 'degenerate-output').flatMap((f) => f.members ?? (f.member ? [f.member] : [])));
  return r.members.length > 0 && r.members.every((m) => named.has(m.path));
}
