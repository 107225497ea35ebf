/** How a sliding window (kernel or pool) samples one axis of a feature map. */
export interface AxisSampling {
  /** Output length along the axis. */
  out: number;
  /** Zero padding TF adds before the first window (≥ 0). */
  padBefore: number;
  /** Padding after the last window; negative when that many input positions are never read. */
  padAfter: number;
  /** Window centres in input coordinates (first, second, last); .5 for even windows. */
  centres: number[];
}

/**
 * The window grid TF uses: output i reads input positions i·s − padBefore … + kEff − 1, with
 * kEff = (k − 1)·d + 1. For 'same', out = ⌈n/s⌉ and the total padding t = (out − 1)·s + kEff − n
 * is split ⌊t/2⌋ before and the rest after; for 'valid' nothing is padded and the remainder is
 * dropped at the end.
 */
export function axisSampling(n: number, k: number, s: number, d: number, padding: string): AxisSampling {
  const kEff = (k - 1) * d + 1;
  const same = padding === 'same';
  const out = same ? Math.ceil(n / s) : Math.floor((n - kEff) / s) + 1;
  const total = (out - 1) * s + kEff - n;
  const padBefore = same ? Math.floor(Math.max(total, 0) / 2) : 0;
  const centre = (i: number) => i * s - padBefore + (kEff - 1) / 2;
  const centres = out > 2 ? [centre(0), centre(1), centre(out - 1)] : Array.from({ length: Math.max(out, 0) }, (_, i) => centre(i));
  return { out, padBefore, padAfter: total - padBefore, centres };
}

/** The grid is symmetric under reflection iff the first and last windows are equally far from the borders. */
export function isSymmetric(a: AxisSampling): boolean {
  return a.padBefore === a.padAfter;
}

/** "1, 3, …, 13" for evidence. */
export function formatCentres(c: number[]): string {
  return c.length === 3 ? `${c[0]}, ${c[1]}, …, ${c[2]}` : c.join(', ');
}
