export { loadProbes } from './loadProbes';
export { parseNpy, type NpyArray } from './parseNpy';
export { encodeNpy } from './encodeNpy';
export { resizeBilinear } from './resizeBilinear';
export type { DecodedImage, ImageDecoder, ProbeSet, ProbeSpec } from './types';
