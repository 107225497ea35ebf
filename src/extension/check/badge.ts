import type { AuditOutcome } from '../../core/ci/types';
import type { ThresholdName } from '../../core/config/types';
import type { StoredResult } from '../results';
import { shortCheck } from './summary';

/** What the tree remembers of a check (workspaceState, per member path): the audit, its report's time, each threshold's verdict. */
export interface StoredCheck {
  audit: string;
  /** The report's createdAt: the verdict belongs to that audit and no later one. */
  at: string;
  members: number;
  checks: { threshold: ThresholdName; status: 'pass' | 'fail' | 'skip'; message: string; value: number | null; limit: number }[];
}

/** How the tree marks a row after a check. */
export interface CheckBadge {
  failed: boolean;
  /** Appended to the row's description: '✗ maxFloor (87.4 % > 5 %)' or '✓ 3 thresholds'. */
  description: string;
  /** Appended to the tooltip: one line per threshold, with the core's message. */
  tooltip: string;
}

/** The part of a check outcome the tree keeps. */
export function storedCheck(o: AuditOutcome): StoredCheck {
  return {
    audit: o.name,
    at: o.report.createdAt,
    members: o.report.members.length,
    checks: o.checks.map((c) => ({ threshold: c.threshold, status: c.status, message: c.message, value: c.value, limit: c.limit })),
  };
}

/** An ensemble's last check: the newest its members hold from a check of that many members (like ensembleResult). */
export function ensembleCheck(size: number, memberChecks: readonly (StoredCheck | undefined)[]): StoredCheck | undefined {
  let best: StoredCheck | undefined;
  for (const c of memberChecks) if (c && c.members === size && (!best || c.at > best.at)) best = c;
  return best;
}

const MARK = { pass: '✓', fail: '✗', skip: '–' } as const;

/**
 * The badge for a row whose last audit was a check with thresholds; undefined when the last
 * audit was another one (its verdict would describe numbers no longer shown) or set no thresholds.
 */
export function checkBadge(check: StoredCheck | undefined, last: StoredResult | undefined): CheckBadge | undefined {
  if (!check || !last || check.at !== last.at || check.checks.length === 0) return undefined;
  const failed = check.checks.filter((c) => c.status === 'fail');
  const held = check.checks.filter((c) => c.status === 'pass').length;
  const description = failed.length ? `✗ ${failed.map((c) => shortCheck(c)).join(', ')}` : `✓ ${held} threshold${held === 1 ? '' : 's'}`;
  const lines = check.checks.map((c) => `${MARK[c.status]} ${c.threshold}: ${c.message}`);
  const head = failed.length ? `Check "${check.audit}": ${failed.length} of ${check.checks.length} thresholds fail` : `Check "${check.audit}": thresholds hold`;
  return { failed: failed.length > 0, description, tooltip: [head, ...lines].join('\n') };
}
