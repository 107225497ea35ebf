/**
 * The Lie derivative section of the report (THEORY §3, "The Lie derivative"; docs/lie.md).
 * Every value is per probe ‖L f(x_b)‖ / ‖f(x_b)‖, summarised over probes.
 */
export interface LieReport {
  /** 'rotation' (about the image centre, inputs masked to the inscribed disk) or 'translation' (x and y, circular). */
  generator: 'rotation' | 'translation';
  /** The central-difference step chosen from the ladder: radians (rotation) or pixels (translation). */
  step: number;
  /** The step as the largest displacement it causes, in input pixels (at the disk's rim for rotations). */
  stepPixels: number;
  /** Units of every value: 'per radian' or 'per pixel'. */
  unit: string;
  /** The largest differencingError over the rows (members and ensemble) at `step`. */
  differencingError: number;
  /** The largest floatError over the rows at `step`. */
  floatError: number;
  /** Probes used (the first ones of the audit's). */
  probes: number;
  members: LieRow[];
  /** The ensemble mean f̄ (L f̄ = mean of the members' L f_i); null for a single model. */
  ensemble: LieRow | null;
  /** Per layer, parallel to report.layers (matched by index); absent when not computed. */
  layers?: LieLayer[];
  /** Why `layers` is absent (not a layers model, one member, …). */
  layersSkipped?: string;
  /** The step ladder as evaluated: per step its largest error sum; lets a reader see the trade-off. */
  ladder: { step: number; differencingError: number; floatError: number }[];
  /** Seconds spent on it (every member evaluated again on the ladder, per layer too). */
  seconds: number;
}

/** One function's Lie derivative (a member or the ensemble mean). */
export interface LieRow {
  /** Member path, or 'ensemble'. */
  path: string;
  /** Median over probes of ‖L f(x_b)‖ / ‖f(x_b)‖. */
  median: number;
  /** Quartiles and maximum over probes (the per-probe spread). */
  q1: number;
  q3: number;
  max: number;
  /** Translation only: the median for each generator alone. */
  x?: number;
  y?: number;
  /** Median over probes of the per-probe Richardson estimate 2·max(‖D_h − D_2h‖, ‖D_h − D_h/2‖) / ‖f‖ (D_h: the central difference at step h). */
  differencingError: number;
  /** Median over probes of u·‖|f₊| + |f₋|‖ / (2h) / ‖f‖, u = eps32·√(input values per probe): round-off of the two evaluations over the step. */
  floatError: number;
  /** False when median ≤ differencingError + floatError: the derivative is not resolved (read it as "below the error"). */
  resolved: boolean;
}

/** One layer's Lie derivative, on the values the per-layer floors compare (localise/actions.ts layerValues). */
export interface LieLayer {
  name: string;
  /** The same numbering as LayerFloor.index. */
  index: number;
  /** Median over members of each member's median; null when the layer is skipped. */
  memberMedian: number | null;
  /** The ensemble mean's median; null for one member or when skipped. */
  ensemble: number | null;
  /** The ensemble's error sum (differencing + float) at this layer; null with `ensemble`. */
  error: number | null;
  note?: string;
}
