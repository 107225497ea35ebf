import { pct } from '../core/report/format';
import { groupLabel } from '../core/report/groupLabel';
import { notMeasurable } from '../core/report/measurable';
import type { AuditReport } from '../core/report/types';
import { reading, READING_WORDS, type Reading } from '../core/report/verdictWords';

/** What the CodeLens and the tree remember of a model's last audit (workspaceState, per model path). */
export interface StoredResult {
  group: string;
  /** 1 for a single model; the ensemble's size otherwise. */
  members: number;
  /** The ensemble mean's relError, or the single model's. */
  relError: number | null;
  floor: number | null;
  floorCI: [number, number] | null;
  /** The report's createdAt. */
  at: string;
  /** Every member's output is constant (degenerate-output): no number of it is a pass. Absent otherwise. */
  notMeasurable?: true;
  /** The core's reading of the numbers (verdictWords.ts), so the icon says what the report says; absent in older results. */
  reading?: Reading;
}

export type ResultStatus = 'pass' | 'warn' | 'neutral' | 'none';

/** The part of a report the CodeLens and the tree show. */
export function storedResult(r: AuditReport): StoredResult {
  const e = r.ensemble;
  return {
    group: r.group.name,
    members: r.members.length,
    relError: e ? e.relError : (r.members[0]?.relError ?? null),
    floor: e?.floor ?? null,
    floorCI: e?.floorCI ?? null,
    at: r.createdAt,
    ...(notMeasurable(r) && { notMeasurable: true as const }),
    reading: reading(r),
  };
}

/**
 * 'C4 · ensemble 0.8 % · floor 0.1 %', or 'C4 · model 12.3 %' for a single model (its relError);
 * a reading that is not a plain pass or fail is named in the core's words ('· inconclusive').
 */
export function resultTitle(r: StoredResult): string {
  const group = groupLabel(r.group);
  if (r.notMeasurable) return `${group} · ${READING_WORDS['not-measurable']} (constant output)`;
  if (r.members < 2) return `${group} · model ${percent(r.relError)}`;
  const word = r.reading === 'inconclusive' || r.reading === 'not-judged' ? ` · ${READING_WORDS[r.reading]}` : '';
  return `${group} · ensemble ${percent(r.relError)} · floor ${percent(r.floor)}${word}`;
}

/**
 * The core's reading (verdictWords.ts) as an icon: pass when the conditions look satisfied; warn
 * when the floor is above 0 or the output is constant (not measurable, never a pass); neutral for
 * an inconclusive or unjudged floor, or none to judge (a single model, too few members). Results
 * stored before the reading existed: pass when the floor's interval reaches 0.
 */
export function resultStatus(r: StoredResult | undefined): ResultStatus {
  if (!r) return 'none';
  if (r.notMeasurable) return 'warn';
  // The report's own reading: a wide interval reaching 0 is inconclusive there, so no pass here either.
  if (r.reading) return r.reading === 'satisfied' ? 'pass' : r.reading === 'above-zero' ? 'warn' : 'neutral';
  if (r.members < 2 || !r.floorCI) return 'neutral';
  return r.floorCI[0] <= 1e-4 ? 'pass' : 'warn';
}

/** An ensemble's last result: the newest one its members hold from an audit of that many members. */
export function ensembleResult(size: number, memberResults: readonly (StoredResult | undefined)[]): StoredResult | undefined {
  let best: StoredResult | undefined;
  for (const r of memberResults) if (r && r.members === size && (!best || r.at > best.at)) best = r;
  return best;
}

/** 'c4' → 'C4', 'd4' → 'D4' (the core's, so the panel writes groups the same way). */
export { groupLabel };

/** One decimal and a space before '%': '0.8 %'. */
function percent(x: number | null): string {
  return pct(x, 1).replace('%', ' %');
}
