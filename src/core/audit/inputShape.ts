import { EquiLensError } from '../errors';
import type { TensorInfo } from '../load/types';
import { parseNpy } from '../probes';
import type { AuditHost, AuditSpec } from './spec';

/** `320x320x3` (or `320,320,3`) as sizes; throws one line naming the flag when malformed. */
export function parseInputShape(text: string): number[] {
  const dims = text
    .trim()
    .split(/\s*[x×,]\s*/i)
    .map(Number);
  if (!text.trim() || dims.some((d) => !Number.isSafeInteger(d) || d < 1)) {
    throw new EquiLensError(undefined, `--input-shape expects positive sizes separated by 'x' (e.g. 320x320x3), got '${text}'`);
  }
  return dims;
}

/**
 * The audited input's per-sample shape in the model's own axis order. Sizes the file leaves
 * open come from `inputShape` (which must agree with every known size) or from a .npy probe
 * file; neither → one line naming the input and the flag. Never guesses.
 */
export async function resolveModelSample(host: AuditHost, spec: AuditSpec, file: string, input: TensorInfo): Promise<number[]> {
  const rankKnown = !input.unknownRank && input.shape.length > 0;
  const declared = rankKnown ? input.shape.slice(1) : null;
  if (spec.inputShape) {
    const given = spec.inputShape;
    const agrees = declared === null || (declared.length === given.length && declared.every((d, i) => d === null || d === given[i]));
    if (!agrees) {
      throw new EquiLensError(file, `--input-shape ${given.join('x')} does not fit input '${input.name}' ${fmtShape(input.shape)}: give its non-batch dimensions in the model's axis order`);
    }
    return given.slice();
  }
  if (declared?.every((d): d is number => d !== null)) return declared;
  if (spec.probes?.toLowerCase().endsWith('.npy')) {
    const npy = parseNpy(await host.fs.readFile(spec.probes), spec.probes);
    if (declared === null) {
      if (npy.shape.length >= 2) return npy.shape.slice(1);
    } else {
      const fromFile = npy.shape.length === declared.length + 1 ? npy.shape.slice(1) : npy.shape;
      const fits = (shape: number[]) => shape.length === declared.length && declared.every((d, i) => d === null || d === shape[i]);
      if (fits(fromFile)) return fromFile;
      // Probe files are images (NHWC); an NCHW model declares channels first: [H, W, C] → [C, H, W].
      const channelsFirst = fromFile.length >= 2 ? [fromFile[fromFile.length - 1]!, ...fromFile.slice(0, -1)] : fromFile;
      if (fits(channelsFirst)) return channelsFirst;
    }
  }
  const example = declared ? declared.map((d) => d ?? 224).join('x') : '224x224x3';
  throw new EquiLensError(
    file,
    `input '${input.name}' has unknown size ${rankKnown ? fmtShape(input.shape) : '(unknown rank)'}: pass --input-shape with its non-batch dimensions (e.g. ${example}) or --probes with a .npy file of that shape`,
  );
}

/** '[?,320,320,3]'. */
export function fmtShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : d)).join(',')}]`;
}
