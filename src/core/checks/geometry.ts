import type { Borders, Window } from './step';

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
 * dropped at the end; given `pads` [b, a] (explicit or causal padding) the map is padded by
 * them and then read as 'valid'.
 */
export function axisSampling(n: number, k: number, s: number, d: number, padding: string, pads?: [number, number]): AxisSampling {
  const kEff = (k - 1) * d + 1;
  const same = padding === 'same' && !pads;
  const out = same ? Math.ceil(n / s) : Math.floor((n + (pads ? pads[0] + pads[1] : 0) - kEff) / s) + 1;
  const total = (out - 1) * s + kEff - n;
  const padBefore = pads ? pads[0] : same ? Math.floor(Math.max(total, 0) / 2) : 0;
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

type Size = number | null;

/** The map a window leaves: TF's output length on each axis (unknown stays unknown). */
export function windowOutput(inSize: [Size, Size], w: Window): [Size, Size] {
  const along = (a: 0 | 1): Size => {
    const n = inSize[a];
    return n === null ? null : axisSampling(n, w.kernel[a], w.strides[a], w.dilation[a], w.padding, w.pads?.[a]).out;
  };
  return [along(0), along(1)];
}

/** The map after cropping (minus) or padding (plus) by `b`. */
export function bordersOutput(inSize: [Size, Size], b: Borders): [Size, Size] {
  const sign = b.what === 'crops' ? -1 : 1;
  const along = (a: 0 | 1): Size => {
    const n = inSize[a];
    return n === null ? null : n + sign * (b.sides[a][0] + b.sides[a][1]);
  };
  return [along(0), along(1)];
}
