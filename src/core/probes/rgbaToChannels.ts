import type { DecodedImage } from './types';

/**
 * RGBA bytes → H×W×C floats in [0, 1]. C = 1 takes luma (ITU-R BT.601: 0.299 R + 0.587 G +
 * 0.114 B, as PIL's 'L' mode), C = 3 drops alpha, C = 4 keeps it.
 */
export function rgbaToChannels(img: DecodedImage, channels: 1 | 3 | 4): Float32Array {
  const pixels = img.width * img.height;
  const src = img.data;
  const out = new Float32Array(pixels * channels);
  for (let p = 0, o = 0; p < pixels; p++) {
    const s = p * 4;
    if (channels === 1) {
      out[o++] = (0.299 * src[s]! + 0.587 * src[s + 1]! + 0.114 * src[s + 2]!) / 255;
    } else {
      for (let k = 0; k < channels; k++) out[o++] = src[s + k]! / 255;
    }
  }
  return out;
}
