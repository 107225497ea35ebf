/**
 * How the audited group acts on one layer's output (THEORY §5):
 * - 'spatial': a map [B, …grid, C]; the group moves its sites (any grid it can act on, so a
 *   16×16 map pooled to 8×8 is rotated on 8×8), channels untouched;
 * - 'flattened': a Flatten of such a map; the induced permutation of its entries;
 * - 'trivial': features after global pooling, or a Dense after a Flatten (ρ̄ permutes its
 *   rows), and what follows them: the mean of these is invariant;
 * - 'output': the audited output, moved by ρ_out (the report's representation);
 * - 'skipped': no known action; `note` says why.
 */
export type LayerAction = 'spatial' | 'flattened' | 'trivial' | 'output' | 'skipped';

/**
 * One layer's ensemble-mean statistics (THEORY §5; §4's floor applied to h∘φ_l): hidden layers
 * are read as their channel energy h(φ_l) = mean over channels of φ_l² at each site (see
 * actions.ts layerValues for why), the output as it is (its floor is the report's floor).
 */
export interface LayerFloor {
  name: string;
  /** Position in the model file's layer list: the same numbering as Finding.layerIndex. */
  index: number;
  className: string;
  /** Batch first, as the model records it. */
  outputShape: (number | null)[];
  action: LayerAction;
  /** Why a number is missing: the layer's action is unknown, N < 2, or the mean is ≈ 0. */
  note?: string;
  /** sqrt(max(0, ‖d̄‖² − s²/N) / Z) of φ_l; null when skipped, N < 2 or the mean is ≈ 0. */
  floor: number | null;
  /** Bootstrap 95 % interval over members, as for the output's floor; null when not computed (memory budget, N < 2). */
  floorCI: [number, number] | null;
  /** sqrt(max(0, ‖d̄‖² − s²/N) / (B·(m−1))), the floor without the scale (THEORY §4); null when skipped. */
  floorAbs: number | null;
  /** relError of the ensemble mean's activations, sqrt(‖d̄‖² / Z). */
  relError: number | null;
  /** Median over members of each member's own relError at this layer. */
  memberMedianRelError: number | null;
  /** Activation values per probe compared, of how many (fewer when a large map is subsampled). */
  positions: { used: number; total: number } | null;
}

/** The first layer whose floor jumps (breakingLayer.ts states the rule). */
export interface BreakingLayer {
  name: string;
  index: number;
  floor: number;
  /** The largest resolved floor before it (interval above 0); 0 when none: the input is exact. */
  previousFloor: number;
  /** One sentence tying a static finding on this layer (or before it) to the jump. */
  staticFinding?: string;
}
