import { EquiLensError } from '../errors';

/** What `--input-layout` / `inputLayout` ask for. */
export type InputLayoutOption = 'auto' | 'nhwc' | 'nchw';

/** The input layout options, in the order help texts list them. */
export const INPUT_LAYOUTS: readonly InputLayoutOption[] = ['auto', 'nhwc', 'nchw'];

const CHANNEL_COUNTS = new Set([1, 3, 4]);

/**
 * Whether the model's input (batch first, null where unknown) is channels-first. `auto` says
 * so for a rank-4 input with dim 1 ∈ {1, 3, 4} and dim 3 ∉ {1, 3, 4} ([1,3,416,416]); every
 * other input is taken channels-last. `nchw` needs a rank-3 or rank-4 input. With
 * `preferChannelsFirst` (ONNX models, NCHW by convention) `auto` says so for every rank-4 input
 * except one whose shape clearly says NHWC (dim 3 ∈ {1, 3, 4}, dim 1 ∉ {1, 3, 4}: [1,224,224,3]).
 */
export function isChannelsFirst(shape: readonly (number | null)[], wanted: InputLayoutOption, file: string, name: string, preferChannelsFirst = false): boolean {
  if (wanted === 'nhwc') return false;
  if (wanted === 'nchw') {
    if (shape.length !== 3 && shape.length !== 4) {
      throw new EquiLensError(file, `--input-layout nchw needs a rank-3 or rank-4 input; input '${name}' has rank ${shape.length || 'unknown'}`);
    }
    return true;
  }
  if (shape.length !== 4) return false;
  const c = shape[1];
  const last = shape[3];
  const isCount = (d: number | null | undefined) => d !== null && d !== undefined && CHANNEL_COUNTS.has(d);
  if (preferChannelsFirst) return !(isCount(last) && !isCount(c));
  return c !== null && c !== undefined && CHANNEL_COUNTS.has(c) && !(last !== null && last !== undefined && CHANNEL_COUNTS.has(last));
}

/** The report's name for an input layout of this rank (batch included): 'NHWC', 'NCHW', 'NWC', 'NCW', 'NC'. */
export function layoutName(rank: number, channelsFirst: boolean): string {
  if (rank === 4) return channelsFirst ? 'NCHW' : 'NHWC';
  if (rank === 3) return channelsFirst ? 'NCW' : 'NWC';
  if (rank === 5) return channelsFirst ? 'NCDHW' : 'NDHWC';
  return rank === 2 ? 'NC' : rank === 1 ? 'N' : `rank ${rank}`;
}

/** A per-sample shape in the model's order as the probes hold it: channels last ([C,H,W] → [H,W,C]). */
export function toChannelsLast<T>(sample: readonly T[], channelsFirst: boolean): T[] {
  return channelsFirst && sample.length >= 2 ? [...sample.slice(1), sample[0]!] : sample.slice();
}

/** The inverse of toChannelsLast: [H,W,C] → [C,H,W]. */
export function toModelOrder<T>(sample: readonly T[], channelsFirst: boolean): T[] {
  return channelsFirst && sample.length >= 2 ? [sample[sample.length - 1]!, ...sample.slice(0, -1)] : sample.slice();
}

/**
 * How a declared dtype is fed: floats as float32, integers (uint8, int32, int64, …) as int32,
 * as tfjs does; null for inputs EquiLens cannot probe (bool, string, complex).
 */
export function feedDtype(dtype: string): 'float32' | 'int32' | null {
  if (/^(b?float|half|double)/.test(dtype)) return 'float32';
  if (/^u?int\d*$/.test(dtype)) return 'int32';
  return null;
}
