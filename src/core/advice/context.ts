import { zeroFloor } from '../report/verdictWords';
import { FINDING_INFO, type Condition, type Finding } from '../checks/findings';
import type { AuditReport } from '../report/types';
import type { InputSizeAdvice } from './inputSize';
import type { Rep } from './snippets/augmentSnippets';

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
  /** Resampled rotations (report.group.mask): the interpolation floor, what "0" means for them; null otherwise. */
  resamplingFloor: number | null;
  /** The error a user sees now: the ensemble mean's relError, or the single model's. */
  relError: number | null;
  findings: IndexedFinding[];
  /** An architecture finding of severity error: it explains a floor above 0 on its own. */
  archExplains: boolean;
  /** Augmentation layers in the model: together they cover the group, part of it, or there are none. */
  inModelAugmentation: 'full' | 'partial' | 'none';
  /**
   * One model (N = 1), typically a pretrained one the user did not train: advice that needs no
   * training comes first, and advice about members (their starting law, their number) does not apply.
   */
  single: boolean;
  /** A graph model: TF.js runs it (tf.loadGraphModel) but cannot train it. */
  graph: boolean;
  /** The representation snippets can write (symmetrise, augment), or null when none can be written right (points, permuted map channels). */
  rep: Rep | null;
  /** One input size for the whole model (advice/inputSize.ts), when the audit computed it. */
  inputSize: InputSizeAdvice | null;
  premises: Premises;
}

/** What adviseFixes may be told beyond the report (facts only the audit has: the model's topology). */
export interface AdviceOptions {
  inputSize?: InputSizeAdvice | null;
  /** Premises checked on a changed copy of the model (advice/premise.ts): false = the fix cannot make the net compatible, so it is not offered. */
  premises?: Premises;
}

/** Whether a fix would do what it promises, when the audit could check it (null/absent: not known). */
export interface Premises {
  /** Symmetric cropping/padding everywhere the findings ask leaves no asymmetric border and misaligns no more strides. */
  symmetricPadding?: boolean | null;
}

/** The output action a snippet can write: invariant, maps moving like the input, or permuted classes. */
export function snippetRep(report: Pick<AuditReport, 'representation'>): Rep | null {
  const { kind, description } = report.representation;
  if (kind === 'invariant' || kind === 'classes') return kind;
  // Maps whose channels are permuted too, or stored channels first, need more than transform(y, g).
  if (kind === 'same') return description.includes('channels') ? null : 'same';
  return null;
}

/** Reads the facts the fix families decide on. */
export function adviceContext(report: AuditReport, opts: AdviceOptions = {}): AdviceContext {
  const e = report.ensemble;
  const floor = e && !e.meanNearZero ? e.floor : null;
  const ci = e?.floorCI ?? null;
  // Resampled rotations: a floor at the interpolation floor is resampling, read as 0 (report/verdictWords.ts).
  const floorState: FloorState = floor === null || ci === null ? 'unknown' : ci[0] <= Math.max(REACHES_ZERO, zeroFloor(report)) ? 'zero' : 'positive';
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
    resamplingFloor: report.group.mask ? (report.group.interpolationFloor ?? null) : null,
    relError: e ? e.relError : (report.members[0]?.relError ?? null),
    findings,
    archExplains: findings.some((f) => f.condition === 'architecture' && f.finding.severity === 'error'),
    inModelAugmentation: augmentationLayers.length === 0 ? 'none' : augmentationLayers.some((f) => f.finding.severity === 'warning') ? 'partial' : 'full',
    single: !e && report.members.length === 1,
    graph: report.model.format === 'graph-model',
    rep: snippetRep(report),
    inputSize: opts.inputSize ?? null,
    premises: opts.premises ?? {},
  };
}
