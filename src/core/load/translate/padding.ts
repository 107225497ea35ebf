/** TF's 'same' padding along one axis: [before, after], the odd pixel after (TF's rule, = ONNX SAME_UPPER). */
export function samePads(size: number, kernel: number, stride: number, dilation = 1): [number, number] {
  const extent = (kernel - 1) * dilation + 1;
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + extent - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/**
 * ONNX attributes for a 2-D window with TF padding: explicit pads [top, left, bottom, right]
 * when the spatial sizes are known, SAME_UPPER (the same rule) when they are not.
 */
export function windowPads(
  padding: string,
  spatial: readonly (number | null)[],
  kernel: readonly number[],
  strides: readonly number[],
  dilations: readonly number[] = [1, 1],
): { pads: number[] } | { auto_pad: 'SAME_UPPER' } {
  if (padding === 'valid') return { pads: [0, 0, 0, 0] };
  const [h, w] = spatial;
  if (typeof h !== 'number' || typeof w !== 'number') return { auto_pad: 'SAME_UPPER' };
  const [t, b] = samePads(h, kernel[0]!, strides[0]!, dilations[0]);
  const [l, r] = samePads(w, kernel[1]!, strides[1]!, dilations[1]);
  return { pads: [t, l, b, r] };
}

/** A number or pair as a pair (Keras accepts both for sizes, strides and rates). */
export function pair(v: number | readonly number[] | undefined, fallback: number): [number, number] {
  if (v === undefined || v === null) return [fallback, fallback];
  if (typeof v === 'number') return [v, v];
  return [v[0] ?? fallback, v[1] ?? v[0] ?? fallback];
}
