/** Probe inputs x_1…x_B, batch first, float32, in the model's input layout. */
export interface ProbeSet {
  data: Float32Array;
  /** [B, ...per-sample shape] */
  shape: number[];
  source: 'npy' | 'images' | 'synthetic';
  /** Human description: file name, folder and count, or the synthetic recipe and seed. */
  description: string;
}

/** Decodes one PNG/JPEG file to RGBA bytes; injected so the core stays free of Node modules. */
export type ImageDecoder = (bytes: Uint8Array, file: string) => DecodedImage;

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, row-major, 4 bytes per pixel. */
  data: Uint8Array;
}
