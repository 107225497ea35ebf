import type { Finding } from '../checks/findings';
import type { Fix } from '../advice/types';
import type { BreakingLayer, LayerFloor } from '../localise/types';
import type { LieReport } from '../lie/types';
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
  /** Where it ran and on which device (absent in reports from before issue 4). */
  compute?: ComputeInfo;
  model: {
    format: 'layers-model' | 'graph-model' | 'onnx';
    fingerprint: string;
    /**
     * The audited input: its declared dtype ('float32' | 'int32' | 'uint8' | …, even where tfjs
     * feeds uint8 as int32) and layout ('NHWC' | 'NCHW' | 'NWC' | 'NCW' | 'NC'); both absent in
     * reports from before issue 12.
     */
    input: { name: string; shape: (number | null)[]; dtype?: string; layout?: string };
    /** The other inputs, held fixed: name and value source (a .npy path, or 'zeros [1,…]'); absent when there are none. */
    fixedInputs?: { name: string; source: string }[];
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
    /**
     * Continuous rotations that resample (rot:<n>, dih:<n>, so2:<m> other than the exact c2/c4/d4):
     * x and ρ_in(g)x are both masked to the inscribed disk. Absent for permutation groups.
     */
    mask?: 'inscribed-disk';
    /**
     * With `mask`: the relError an exactly rotation-invariant function of the masked image (each
     * probe's radial profile) shows under this resampling on the audit's probes; relErrors near it
     * are resampling, not the model. For so2:<m> it refers to the sampled angles. null when the
     * probes' profiles are all 0.
     */
    interpolationFloor?: number | null;
  };
  /** description spells the rule, e.g. 'points (y, x, score; unit frame; flip-h swaps 1↔2, …)'. */
  representation: { kind: 'invariant' | 'same' | 'classes' | 'points'; description: string };
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
  /** What to change, ranked by expected effect (src/core/advice); absent in reports from before fixes. */
  fixes?: Fix[];
  /** Only when asked for (AuditSpec.pictures): the probes where the ensemble mean breaks most. */
  pictures?: ProbePicture[];
  /**
   * THEORY §5: each layer's ensemble-mean activation floor, in model order (layers models;
   * null when not computed: graph models, over 200 layers, or it failed, see warnings;
   * absent when turned off with AuditSpec.localise = false).
   */
  layers?: LayerFloor[] | null;
  /**
   * Why `layers` is null without being tried: the per-layer pass cannot give a floor here (one
   * model, a graph model, over 200 layers, no hidden layer on the input's grid). Said once; absent otherwise.
   */
  layersSkipped?: string;
  /** The first layer whose floor jumps (localise/breakingLayer.ts); null when none does. */
  breakingLayer?: BreakingLayer | null;
  /** Only when asked for (AuditSpec.lie, --lie): the Lie derivative along the group's continuous generator (src/core/lie). */
  lie?: LieReport;
  /** localiseSeconds: the per-layer floors' share of totalSeconds (building and running each member again). */
  timing: { totalSeconds: number; predictSeconds: number; localiseSeconds?: number };
}

/** Where an audit ran: the front end's process and the device behind the backend. */
export interface ComputeInfo {
  /** 'cli': the equilens command; 'extensionHost': VS Code's audit worker; 'webview': the report panel. */
  place: 'cli' | 'extensionHost' | 'webview' | 'library';
  /** The GPU ('NVIDIA GeForce RTX 4090 (webgpu)'), or the CPU for CPU backends; null when unknown. */
  adapter: string | null;
  /** True for a software GPU (SwiftShader, llvmpipe): right numbers, a CPU's speed. null for CPUs. */
  software: boolean | null;
  /** Why it ran there (equilens.compute in the editor), e.g. 'hardware GPU in the webview: …'. */
  reason?: string;
}

export interface MemberResult extends FunctionMetrics {
  /** Model JSON path, relative to the working directory when inside it. */
  path: string;
  /**
   * 'points' representations only (THEORY §2): mean over probes, non-identity elements and
   * points of the (x, y) distance between f(ρ_in(g)x) and ρ_out(g)f(x), in input pixels.
   */
  pointErrorPx?: number;
}

/** The ensemble mean's metrics plus THEORY §4's statistics (floor, interval, curve, …). */
export interface EnsembleResult extends FunctionMetrics, EnsembleStats {
  size: number;
  /** As MemberResult.pointErrorPx, for the ensemble mean. */
  pointErrorPx?: number;
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
