// Resolves a panel data-metric path against the report JSON, the way an end-to-end test would.
import type { AuditReport } from '../../src/core/report/types';
import { median } from '../../src/core/stats/elementErrors';

/**
 * 'ensemble.floorCI.0' → report.ensemble.floorCI[0]. Keys may contain dots
 * ('membersNeeded.0.01'), so the longest key present wins at each level. Derived values:
 * members.median|min|max.relError (median as the core computes it).
 */
export function valueAt(report: AuditReport, path: string): unknown {
  const errors = report.members.map((m) => m.relError);
  const finite = errors.filter((x): x is number => x !== null);
  const derived: Record<string, number | null> = {
    'members.median.relError': median(errors),
    'members.min.relError': finite.length ? Math.min(...finite) : null,
    'members.max.relError': finite.length ? Math.max(...finite) : null,
  };
  if (path in derived) return derived[path];
  return walk(report, path.split('.'));
}

function walk(node: unknown, parts: string[]): unknown {
  if (!parts.length) return node;
  if (node === null || typeof node !== 'object') return undefined;
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (key in node) return walk((node as Record<string, unknown>)[key], parts.slice(n));
  }
  return undefined;
}
