import { check, EquiLensError } from '../errors';
import type { FileSystem } from '../io/files';
import { imageProbes } from './imageProbes';
import { toIntegerValues } from './integerProbes';
import { normalizeChannels } from './normalizeChannels';
import { npyProbes } from './npyProbes';
import { syntheticProbes } from './syntheticProbes';
import type { ImageDecoder, ProbeSet, ProbeSpec } from './types';

/** Rank of one sample for each layout: image [H, W, C], sequence [T, C], set [N, F]. */
const RANK = { image: 3, sequence: 2, set: 2 } as const;

/**
 * Loads probes: a .npy file, a folder of PNG/JPEG images (image layout; needs `decodeImage`),
 * or, without a path, seeded synthetic ones. Values are scaled to [0, 1] (float .npy arrays
 * are taken as they are), then normalised by mean/std when given. Integer inputs get integers
 * 0–255 (integerProbes.ts) and refuse mean/std.
 */
export async function loadProbes(fs: FileSystem, spec: ProbeSpec, decodeImage?: ImageDecoder): Promise<ProbeSet> {
  const { path, count, sampleShape, layout } = spec;
  const shapeText = `[${sampleShape.join(', ')}]`;
  const fixed = sampleShape.every((d) => Number.isSafeInteger(d) && d > 0);
  check(fixed, undefined, `probe shape ${shapeText} must have fixed positive sizes`);
  // Infinity ("all of them") only makes sense for a file or folder.
  const countOk = count >= 1 && (Number.isInteger(count) || (count === Infinity && path !== undefined));
  check(countOk, undefined, `probe count must be a positive integer, got ${count}`);

  let probes: ProbeSet;
  if (path === undefined) {
    const rank = RANK[layout];
    check(sampleShape.length === rank, undefined, `${layout} probes need a rank-${rank} sample shape, got ${shapeText}`);
    probes = syntheticProbes(spec);
    if (spec.integer) probes.description += `, ${toIntegerValues(probes.data, true)}`;
  } else {
    const stat = await fs.stat(path);
    if (stat?.kind === 'dir') {
      check(layout === 'image', path, `a folder of images gives image probes, but the model takes a ${layout}`);
      check(sampleShape.length === 3, path, `image probes need an [H, W, C] input, the model takes ${shapeText}`);
      probes = await imageProbes(fs, path, sampleShape, count, decodeImage);
      if (spec.integer) probes.description += `, ${toIntegerValues(probes.data, true)}`;
    } else if (stat?.kind === 'file') {
      probes = await npyProbes(fs, path, sampleShape, count, { integer: spec.integer, channelsFirst: spec.channelsFirst });
    } else {
      throw new EquiLensError(path, stat ? 'not a file or folder' : 'no such file or folder');
    }
  }

  if (spec.mean || spec.std) {
    check(!spec.integer, undefined, '--mean/--std normalise float inputs; this input takes integers 0–255 as they are (leave them out)');
    const mean = spec.mean ?? [0];
    const std = spec.std ?? [1];
    normalizeChannels(probes.data, sampleShape[sampleShape.length - 1]!, mean, std);
    probes.description += `, normalised (mean [${mean.join(', ')}], std [${std.join(', ')}])`;
  }
  return probes;
}
