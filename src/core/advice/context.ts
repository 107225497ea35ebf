import { FINDING_INFO, type Condition, type Finding } from '../checks/findings';
import type { AuditReport } from '../report/types';

/** The relError a fix aims below: the smaller of the two levels membersNeeded reports. */
export const TARGET = 0.01;
/** A floor interval whose lower end is at most this reaches 0 (the same cut as report/rows.ts verdict). */
export const REACHES_ZERO = 1e-4;

/** 'zero': the floor interval reaches 0; 'positive': it excludes 0; 'unknown': one model or no relative floor. */
export type FloorState = 'zero' | 'positive' | 'unknown';

/** A static finding with its index in report.findings and its theorem condition. */
export interface IndexedFinding {
  finding: Finding;
  index: number;
  condition: Condition;
}

/** What every fix family reads from a report, computed once. */
export interface AdviceContext {
  report: AuditReport;
  group: string;
  /** Per-sample input shape (no batch): [H, W, C] images, [W, C] sequences, [P, F] sets. */
  sample: number[];
  floorState: FloorState;
  floor: number | null;
  /** The error a user sees now: the ensemble mean's relError, or the single model's. */
  relError: number | null;
  findings: IndexedFinding[];
  /** An architecture finding of severity error: it explains a floor above 0 on its own. */
  archExplains: boolean;
  /** Augmentation layers in the model: together they cover the group, part of it, or there are none. */
  inModelAugmentation: 'full' | 'partial' | 'none';
}

/** Reads the facts the fix families decide on. */
export function adviceContext(report: AuditReport): AdviceContext {
  const e = report.ensemble;
  const floor = e && !e.meanNearZero ? e.floor : null;
  const ci = e?.floorCI ?? null;
  const floorState: FloorState = floor === null || ci === null ? 'unknown' : ci[0] <= REACHES_ZERO ? 'zero' : 'positive';
  // Reports from older versions, or kinds added later, may lack a known condition: skip those.
  const info = FINDING_INFO as Record<string, { condition: Condition } | undefined>;
  const findings = (report.findings ?? []).flatMap((finding, index) => {
    const condition = info[finding.kind]?.condition;
    return condition ? [{ finding, index, condition }] : [];
  });
  const augmentationLayers = findings.filter((f) => f.finding.kind === 'augmentation-layer');
  return {
    report,
    group: report.group.name,
    sample: report.probes.shape.slice(1),
    floorState,
    floor,
    relError: e ? e.relError : (report.members[0]?.relError ?? null),
    findings,
    archExplains: findings.some((f) => f.condition === 'architecture' && f.finding.severity === 'error'),
    inModelAugmentation: augmentationLayers.length === 0 ? 'none' : augmentationLayers.some((f) => f.finding.severity === 'warning') ? 'partial' : 'full',
  };
}
