import type { Finding } from '../checks/findings';
import type { EnsembleStats, FunctionMetrics, OutputKind } from '../stats/types';

/**
 * The JSON report, a public contract (schemaVersion 1, schema/report.schema.json).
 * Add fields freely; never rename or remove one without bumping schemaVersion.
 */
export interface AuditReport {
  schemaVersion: 1;
  tool: { name: 'equilens'; version: string };
  createdAt: string;
  /** Where the engine ran: 'wasm (SIMD)', 'cpu (plain JavaScript)', 'tensorflow (tfjs-node-gpu)'. */
  backend: string;
  model: {
    format: 'layers-model' | 'graph-model';
    fingerprint: string;
    input: { name: string; shape: (number | null)[] };
    output: { name: string; shape: (number | null)[] };
    finalActivation: 'softmax' | 'sigmoid' | null;
  };
  group: {
    name: string;
    /** Number of elements used (the sample size when sampled). */
    order: number;
    fullOrder: number;
    sampled: boolean;
    elements: string[];
  };
  representation: { kind: 'invariant' | 'same' | 'classes'; description: string };
  probes: { count: number; source: 'npy' | 'images' | 'synthetic'; shape: number[]; description: string };
  outputKind: OutputKind;
  outputKindReason: string;
  members: MemberResult[];
  /** null for a single model. */
  ensemble: EnsembleResult | null;
  /** relError per non-identity group element: which rotations/flips hurt most. */
  perElement: ElementResult[];
  warnings: string[];
  /** Static reading of the topology against THEORY §1's conditions (layers-models; [] otherwise). */
  findings: Finding[];
  /** Only when asked for (AuditSpec.pictures): the probes where the ensemble mean breaks most. */
  pictures?: ProbePicture[];
  timing: { totalSeconds: number; predictSeconds: number };
}

export interface MemberResult extends FunctionMetrics {
  /** Model JSON path, relative to the working directory when inside it. */
  path: string;
}

/** The ensemble mean's metrics plus THEORY §4's statistics (floor, interval, curve, …). */
export interface EnsembleResult extends FunctionMetrics, EnsembleStats {
  size: number;
}

export interface ElementResult {
  element: string;
  /** The ensemble mean's relError for this element alone (the single model's when N = 1). */
  ensembleRelError: number | null;
  /** Median over members of each member's relError for this element. */
  memberMedianRelError: number | null;
}

/** For one probe: the input, its transform, and what the ensemble mean did with both. */
export interface ProbePicture {
  probe: number;
  element: string;
  /** Per-sample input shape: [H, W, C] images, [W, C] sequences, [P, F] sets; values row-major. */
  shape: number[];
  input: number[];
  transformed: number[];
  /** Output shape per probe (no batch): [C] for classes, [h, w, c] for maps. */
  outputShape: number[];
  /** ρ_out(g) f̄(x): what an equivariant mean would output. */
  expected: number[];
  /** f̄(ρ_in(g) x): what the mean actually output. */
  moved: number[];
}
