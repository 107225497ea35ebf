import type { CheckpointCollector } from '../checks/checkpoint';
import type { Group, Representation } from '../groups/types';
import type { RepresentationOptions } from '../groups/representation';
import type { Localisation } from '../localise';
import type { LieHook } from '../lie';
import type { ModelJson } from '../load/modelJson';
import type { LoadedModel, TensorInfo } from '../load/types';
import type { ProbeSet } from '../probes/types';
import type { Finding } from '../checks/findings';
import type { AuditReport, MemberResult } from '../report/types';
import type { Orbit } from '../stats/types';
import type { KindEvidence } from './memberKind';
import type { ExcludedMember } from './numerics';
import type { RecordingCollector } from '../shard/checkpoint';

/** What runAudit's streaming loop collected, handed to a finisher (the report, or a shard file). */
export interface MemberRun {
  /** Every member's model JSON (absolute), in natural order; `selected` are the ones run (0-based). */
  members: string[];
  root: string;
  selected: number[];
  /** Member 0's model JSON (read even when this run does not evaluate member 0). */
  firstJson: ModelJson;
  /** Paths as the report shows them. */
  show: (p: string) => string;
  started: number;
  now: () => number;
  /** null when no member was selected (a shard of a small ensemble): nothing was loaded. */
  evaluated: Evaluated | null;
}

/** The members' results; `first` is the first member run (member 0 unless sharded). */
export interface Evaluated {
  first: LoadedModel;
  input: TensorInfo;
  /** The report's model.input (dtype, layout) and model.fixedInputs (inputPlan.ts). */
  inputReport: Pick<AuditReport['model'], 'input' | 'fixedInputs'>;
  output: TensorInfo;
  group: Group;
  rep: Representation;
  /** What parseRepresentation was given beyond the spec (alternatives are parsed alike). */
  repOptions: RepresentationOptions;
  probes: ProbeSet;
  /** Resampled rotations: the relError a rotation-invariant function shows on these probes (null otherwise). */
  interpolationFloor: number | null;
  checkpoint: CheckpointCollector & Partial<Pick<RecordingCollector, 'scan'>>;
  localise: Localisation;
  lie: LieHook;
  /** Orbits and rows of the members with finite outputs, in member order. */
  orbits: Orbit[];
  results: MemberResult[];
  memberFindings: Finding[];
  excluded: ExcludedMember[];
  predictSeconds: number;
  /** Output shape of the first member with finite outputs ([] when none has). */
  outputShape: number[];
  /** null when no member had finite outputs (possible only in a shard). */
  kind: KindEvidence | null;
}
