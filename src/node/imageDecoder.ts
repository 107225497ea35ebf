import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { check, EquiLensError } from '../core/errors';
import type { DecodedImage, ImageDecoder } from '../core/probes/types';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
/** Larger images are refused before decoding: probes are small, and RGBA of 50 MP is 200 MB. */
const MAX_PIXELS = 50e6;
const MAX_JPEG_MB = 512;

/** Decodes a PNG or JPEG (sniffed by magic bytes, not by name) to RGBA bytes, for the Node front ends. */
export const decodeImage = ((bytes: Uint8Array, file: string): DecodedImage => {
  if (startsWith(bytes, PNG_MAGIC)) return guarded('PNG', file, () => decodePng(bytes, file));
  if (startsWith(bytes, JPEG_MAGIC)) return guarded('JPEG', file, () => decodeJpeg(bytes));
  throw new EquiLensError(file, 'not a PNG or JPEG image (unrecognised leading bytes)');
}) satisfies ImageDecoder;

function decodePng(bytes: Uint8Array, file: string): DecodedImage {
  // IHDR always comes first: width and height are big-endian at bytes 16 and 20.
  if (bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const pixels = view.getUint32(16) * view.getUint32(20);
    check(pixels <= MAX_PIXELS, file, `PNG too large (${view.getUint32(16)}×${view.getUint32(20)})`);
  }
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // Copy out of the Buffer: callers get a plain Uint8Array that shares memory with nothing.
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

function decodeJpeg(bytes: Uint8Array): DecodedImage {
  const img = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_PIXELS / 1e6,
    maxMemoryUsageInMB: MAX_JPEG_MB,
  });
  return { width: img.width, height: img.height, data: img.data };
}

/** Turns a decoder's exception (any type) into an error naming the file. */
function guarded(format: string, file: string, run: () => DecodedImage): DecodedImage {
  try {
    return run();
  } catch (e) {
    if (e instanceof EquiLensError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new EquiLensError(file, `corrupt or unsupported ${format}: ${why}`);
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
