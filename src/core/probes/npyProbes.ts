import { check } from '../errors';
import type { FileSystem } from '../io/files';
import { channelsLastData, inUnitRange, toIntegerValues } from './integerProbes';
import { parseNpy } from './parseNpy';
import { formatShape, sameShape, shapeSize } from './shape';
import type { ProbeSet } from './types';

/**
 * Probes from a .npy array of shape [B, ...sampleShape] (or sampleShape itself: one probe).
 * A missing trailing channel of size 1 is accepted ([B, 28, 28] for [28, 28, 1]): same bytes.
 * uint8 arrays are scaled by 1/255, as images are; other dtypes are taken as they are. For an
 * integer input (`integer`) uint8 and integer arrays pass unscaled, float ones are made integers
 * (toIntegerValues). With `channelsFirst`, arrays in the model's [B, C, …] order are transposed.
 * Takes the first `count` probes when the file holds more.
 */
export async function npyProbes(fs: FileSystem, file: string, sampleShape: readonly number[], count: number, opts: { integer?: boolean; channelsFirst?: boolean } = {}): Promise<ProbeSet> {
  const arr = parseNpy(await fs.readFile(file), file);
  // A channels-first model's probes come in its own order ([B, C, H, W]); channels-last ones are taken too.
  const modelSample = opts.channelsFirst ? [sampleShape[sampleShape.length - 1]!, ...sampleShape.slice(0, -1)] : null;
  const inModelOrder = modelSample ? batchSize(arr.shape, modelSample) : null;
  const batch = inModelOrder ?? batchSize(arr.shape, sampleShape);
  const want = formatShape(sampleShape);
  check(batch !== null, file, `array shape (${formatShape(arr.shape)}) does not fit the model input: expected (B×${want}) or (${want})`);
  check(batch > 0, file, `array shape (${formatShape(arr.shape)}) holds no probes`);

  const n = Math.min(batch, count);
  let data = n < batch ? arr.data.slice(0, n * shapeSize(sampleShape)) : arr.data;
  if (inModelOrder !== null) data = channelsLastData(data, n, modelSample![0]!);
  let note = '';
  if (opts.integer) {
    // uint8 and integer arrays pass unscaled; float images in [0, 1] become 0–255.
    const float = /f\d$/.test(arr.dtype);
    if (float) note = `, ${toIntegerValues(data, inUnitRange(data))}`;
  } else if (arr.dtype.endsWith('u1')) for (let i = 0; i < data.length; i++) data[i] = data[i]! / 255;
  const taken = n < batch ? `, first ${n}` : '';
  return {
    data,
    shape: [n, ...sampleShape],
    source: 'npy',
    description: `${file} (${formatShape(arr.shape)})${taken}${inModelOrder !== null ? ', channels-first' : ''}${note}`,
  };
}

/** Number of probes in an array of shape `shape`, or null when it does not fit `sample`. */
function batchSize(shape: readonly number[], sample: readonly number[]): number | null {
  const candidates = [sample];
  if (sample.length > 1 && sample[sample.length - 1] === 1) candidates.push(sample.slice(0, -1));
  for (const s of candidates) {
    if (sameShape(shape, s)) return 1;
    if (shape.length === s.length + 1 && sameShape(shape.slice(1), s)) return shape[0]!;
  }
  return null;
}
