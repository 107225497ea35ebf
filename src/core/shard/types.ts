import type { Finding } from '../checks/findings';
import type { WeightSignature } from '../checks/checkpoint/signature';
import type { ModelJson } from '../load/modelJson';
import type { AuditReport, ComputeInfo } from '../report/types';

/** Which members a shard audits: `index` is 1-based (1…count); member j (0-based) belongs to shard (j mod count) + 1. */
export interface ShardSelection {
  index: number;
  count: number;
}

/**
 * What `equilens audit --shard i/n` writes (schema/shard.schema.json, shardVersion 1): the audit's
 * identity, and per member it evaluated what the report's statistics need, so `equilens merge`
 * gives the report a single run would. Fields are only ever added within shardVersion 1.
 */
export interface ShardFile {
  format: 'equilens-shard';
  shardVersion: 1;
  tool: { name: 'equilens'; version: string };
  createdAt: string;
  shard: ShardSelection;
  /** Equal in every shard of one audit; merge refuses shards whose identities differ. */
  audit: ShardIdentity;
  backend: string;
  compute?: ComputeInfo;
  /** What this shard's run saw; null when it holds no member (more shards than members). */
  run: ShardRun | null;
  /** The members it evaluated, in index order. */
  members: ShardMember[];
  timing: { totalSeconds: number; predictSeconds: number };
}

/** The audit a shard belongs to: everything that changes the merged report's numbers. */
export interface ShardIdentity {
  /** The targets given, relative to the working directory when inside it. */
  targets: string[];
  /** The folder members are told relative to in errors (discovery's root). */
  root: string;
  /** Every member of the audit (paths as the report shows them); the position is the member index. */
  members: string[];
  /** Architecture hash of member 0 (load/fingerprint.ts). */
  fingerprint: string;
  group: string;
  output: string;
  /** Probe file or folder (null: synthetic), the most taken (null: all), normalisation. */
  probes: { path: string | null; count: number | null; mean: number[] | null; std: number[] | null };
  seed: number;
  inputName: string | null;
  outputName: string | null;
  /** The input settings of issue 12 (absent when none is set): layout asked, sizes given, fixed inputs' files. */
  inputs?: { layout: string | null; shape: number[] | null; fixed: Record<string, string> | null };
  /** AuditSpec.outputKind as asked (null: auto); absent in shards from before issue 12. */
  outputKind?: string | null;
  /** AuditSpec.localise as asked (null: the default); the merged report says why it has no per-layer floors. */
  localise: boolean | null;
}

/** Report sections as this shard's run computed them; merge takes the shard holding member 0's. */
export interface ShardRun {
  model: AuditReport['model'];
  group: AuditReport['group'];
  representation: AuditReport['representation'];
  probes: AuditReport['probes'];
  /** Hash of the probe values, so shards that read different probe data are refused. */
  probesDigest: string;
  /** Output shape of the first member with finite outputs (batch first); null when none has. */
  outputShape: number[] | null;
  /** Only in the shard holding member 0: its model JSON (static findings, shared-checkpoint's layer names). */
  firstJson?: ModelJson;
}

/** One evaluated member. */
export interface ShardMember {
  /** 0-based position in ShardIdentity.members. */
  index: number;
  path: string;
  /** Findings made while running it (non-finite weights or outputs). */
  findings: Finding[];
  /** What shared-checkpoint and the static checks keep of its weights (checks/checkpoint); null when its load read none. */
  scan: ShardScan | null;
  /** Its orbit, float32 little-endian in base64 ([b][g][d]); null when its outputs were not all finite. */
  orbit: ShardOrbit | null;
  /** Set when the member was left out of the statistics. */
  nonFinite?: { bad: number; total: number };
}

/** An Orbit (stats/types.ts) as text: 2·B·m·D float32, i.e. ≈ 10.7·B·m·D bytes of JSON. */
export interface ShardOrbit {
  B: number;
  m: number;
  D: number;
  moved: string;
  expected: string;
}

/** checks/checkpoint's WeightScan as JSON: signatures in manifest order, small int constants by name. */
export interface ShardScan {
  weights: ShardSignature[];
  constants: [string, number[]][];
}

/** A WeightSignature with NaN/±Infinity written as strings (JSON has no such numbers; NaN weights give them). */
export type ShardSignature = Omit<WeightSignature, 'norm' | 'proj'> & { norm: JsonNumber; proj: JsonNumber[] };

/** A number as JSON can hold it. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';
