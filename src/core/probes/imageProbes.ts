import { check, EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { joinPath } from '../io/paths';
import { resizeBilinear } from './resizeBilinear';
import { rgbaToChannels } from './rgbaToChannels';
import type { DecodedImage, ImageDecoder, ProbeSet } from './types';

const IMAGE_NAME = /\.(png|jpe?g)$/i;

/**
 * Probes from the PNG/JPEG files in a folder (sorted by name, the first `count`), each converted
 * to C channels, resized bilinearly to H×W and scaled to [0, 1]. Other files, subfolders and
 * dotfiles (e.g. macOS '._x.png' forks) are ignored.
 */
export async function imageProbes(fs: FileSystem, folder: string, sampleShape: readonly number[], count: number, decode: ImageDecoder | undefined): Promise<ProbeSet> {
  const [h, w, c] = sampleShape as [number, number, number];
  check(c === 1 || c === 3 || c === 4, folder, `images give 1, 3 or 4 channels; the model wants ${c}`);
  check(decode, folder, 'cannot read images here: no image decoder was provided');
  const names = (await fs.readDir(folder))
    .filter((e) => e.kind === 'file' && !e.name.startsWith('.') && IMAGE_NAME.test(e.name))
    .map((e) => e.name)
    .sort();
  check(names.length > 0, folder, 'no PNG or JPEG images in this folder');

  const chosen = names.slice(0, count);
  const per = h * w * c;
  const data = new Float32Array(chosen.length * per);
  for (let i = 0; i < chosen.length; i++) {
    const file = joinPath(folder, chosen[i]!);
    // Confined to the folder by real path: an image symlinked from elsewhere is refused, not read.
    const img = await decodeChecked(decode, await fs.readFile(file, { within: folder }), file);
    const pixels = rgbaToChannels(img, c);
    data.set(resizeBilinear(pixels, img.height, img.width, c, h, w), i * per);
  }
  const n = chosen.length < names.length ? `${chosen.length} of ${names.length}` : `${names.length}`;
  return {
    data,
    shape: [chosen.length, h, w, c],
    source: 'images',
    description: `${folder.replace(/\/+$/, '')}/ (${n} PNG/JPEG, resized to ${h}×${w})`,
  };
}

/** Runs the decoder, turning its failures and malformed results into errors naming the file. */
async function decodeChecked(decode: ImageDecoder, bytes: Uint8Array, file: string): Promise<DecodedImage> {
  let img: DecodedImage;
  try {
    img = await decode(bytes, file);
  } catch (e) {
    if (e instanceof EquiLensError) throw e;
    throw new EquiLensError(file, `cannot decode image: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { width, height, data } = img;
  const ok = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0;
  const problem = `decoded image is malformed (${width}×${height}, ${data.length} bytes)`;
  check(ok && data.length === width * height * 4, file, problem);
  return img;
}
