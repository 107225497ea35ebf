import { pct } from '../core/report/format';
import { notMeasurable } from '../core/report/measurable';
import type { AuditReport } from '../core/report/types';

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
  };
}

/** 'C4 · ensemble 0.8 % · floor 0.1 %', or 'C4 · relError 12.3 %' for a single model. */
export function resultTitle(r: StoredResult): string {
  const group = groupLabel(r.group);
  if (r.notMeasurable) return `${group} · not measurable (constant output)`;
  if (r.members < 2) return `${group} · relError ${percent(r.relError)}`;
  return `${group} · ensemble ${percent(r.relError)} · floor ${percent(r.floor)}`;
}

/**
 * pass: the floor's interval reaches 0 (the threshold the core's verdict uses); warn: it is
 * clearly above 0, or the output is constant (not measurable, never a pass); neutral: audited, but no floor to judge (a single model, too few members).
 */
export function resultStatus(r: StoredResult | undefined): ResultStatus {
  if (!r) return 'none';
  if (r.notMeasurable) return 'warn';
  if (r.members < 2 || !r.floorCI) return 'neutral';
  return r.floorCI[0] <= 1e-4 ? 'pass' : 'warn';
}

/** An ensemble's last result: the newest one its members hold from an audit of that many members. */
export function ensembleResult(size: number, memberResults: readonly (StoredResult | undefined)[]): StoredResult | undefined {
  let best: StoredResult | undefined;
  for (const r of memberResults) if (r && r.members === size && (!best || r.at > best.at)) best = r;
  return best;
}

/** 'c4' → 'C4', 'd4' → 'D4'; other group names as they are. */
export function groupLabel(name: string): string {
  return /^[cd]\d+$/.test(name) ? name.toUpperCase() : name;
}

/** One decimal and a space before '%': '0.8 %'. */
function percent(x: number | null): string {
  return pct(x, 1).replace('%', ' %');
}
