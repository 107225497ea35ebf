import { check } from '../errors';

/**
 * In place, (x − mean[k]) / std[k] for channel k = index mod `channels` (channels last).
 * mean and std each hold 1 value (all channels) or one per channel.
 */
export function normalizeChannels(data: Float32Array, channels: number, mean: readonly number[], std: readonly number[]): void {
  for (const [name, v] of [
    ['mean', mean],
    ['std', std],
  ] as const) {
    const allowed = channels === 1 ? '1' : `1 or ${channels}`;
    const problem = `${name} has ${v.length} values; expected ${allowed} (channels last)`;
    check(v.length === 1 || v.length === channels, undefined, problem);
    check(v.every(Number.isFinite), undefined, `${name} must be finite numbers, got [${v.join(', ')}]`);
  }
  check(
    std.every((s) => s !== 0),
    undefined,
    `std must not be 0, got [${std.join(', ')}]`,
  );
  for (let i = 0; i < data.length; i++) {
    const k = i % channels;
    data[i] = (data[i]! - mean[mean.length === 1 ? 0 : k]!) / std[std.length === 1 ? 0 : k]!;
  }
}
