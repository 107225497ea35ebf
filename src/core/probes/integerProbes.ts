/**
 * Probe values for an integer input (uint8/int32 images), in place: values in [0, 1] (images,
 * synthetic probes, float .npy arrays that lie there) become 0–255 and are rounded; other
 * values are rounded as they are. Returns what was done, for the probe description.
 */
export function toIntegerValues(data: Float32Array, unitRange: boolean): string {
  const scale = unitRange ? 255 : 1;
  for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]! * scale);
  return unitRange ? 'scaled to integers 0–255' : 'rounded to integers';
}

/** True when every value lies in [0, 1] (a float image scaled the usual way). */
export function inUnitRange(data: Float32Array): boolean {
  for (const v of data) if (!(v >= 0 && v <= 1)) return false;
  return true;
}

/** Samples [n, C, …spatial] → [n, …spatial, C]: a channels-first array as the probes hold it. */
export function channelsLastData(data: Float32Array, n: number, channels: number): Float32Array {
  const per = data.length / n;
  const sites = per / channels;
  const out = new Float32Array(data.length);
  for (let b = 0; b < n; b++) {
    const base = b * per;
    for (let c = 0; c < channels; c++) for (let s = 0; s < sites; s++) out[base + s * channels + c] = data[base + c * sites + s]!;
  }
  return out;
}
