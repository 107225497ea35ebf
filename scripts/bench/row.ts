// What `npm run bench:backends` measures: one row per backend and target, Node or browser.

/** One model set to time, the same on every backend. */
export interface Target {
  /** Rows of the same id are compared (ratio to wasm). */
  id: string;
  /** For the table, e.g. 'MobileNetV1 128×128×3 (2 × 4.2 M parameters)'. */
  label: string;
  /** Folder of the members ('/'-path). */
  path: string;
  /** Synthetic probes per audit (seed 0); images = members × 4 (C4) × probes. */
  probes: number;
  /** Counted FLOPs per image (src/core/load/flops.ts), null when not countable. */
  flopsPerImage: number | null;
}

/** One measured audit: a backend on a target. */
export interface Row {
  target: string;
  /** The backend as reports name it, e.g. 'wasm (SIMD)', 'webgl (Chromium, SwiftShader)'. */
  backend: string;
  images: number;
  /** Time spent in predict (report.timing.predictSeconds), median over rounds. */
  seconds: number;
  /** A software GPU (SwiftShader, llvmpipe): rows for correctness, not speed. */
  software: boolean;
}
