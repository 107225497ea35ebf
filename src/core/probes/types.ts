/** Probe inputs x_1…x_B, batch first, float32, in the model's input layout. */
export interface ProbeSet {
  data: Float32Array;
  /** [B, ...per-sample shape] */
  shape: number[];
  source: 'npy' | 'images' | 'synthetic';
  /** Human description: file name, folder and count, or the synthetic recipe and seed. */
  description: string;
}

/**
 * Decodes one PNG/JPEG file to RGBA bytes; injected so the core stays free of Node modules.
 * Browsers decode asynchronously (createImageBitmap), Node synchronously.
 */
export type ImageDecoder = (bytes: Uint8Array, file: string) => DecodedImage | Promise<DecodedImage>;

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, row-major, 4 bytes per pixel. */
  data: Uint8Array;
}

/** What to load as probes; see loadProbes. */
export interface ProbeSpec {
  /** A .npy file or a folder of PNG/JPEG images (absolute); absent → seeded synthetic probes. */
  path?: string;
  /** Synthetic: how many. File or folder: the most to take (the first ones); Infinity for all. */
  count: number;
  /** Seed for synthetic probes (files ignore it). */
  seed: number;
  /** Shape of one model input without the batch dimension, channels last, e.g. [28, 28, 1]. */
  sampleShape: number[];
  /** image: [H, W, C]; sequence: [T, C]; set: [N, F]. */
  layout: 'image' | 'sequence' | 'set';
  /** The model's input takes integers: probes are integers 0–255 (see integerProbes.ts), never normalised. */
  integer?: boolean;
  /** The model's input is channels-first: a .npy file may come in its [B, C, H, W] order. */
  channelsFirst?: boolean;
  /** Per-channel normalisation (x − mean) / std after scaling to [0, 1]; length 1 or C. */
  mean?: number[];
  std?: number[];
}
