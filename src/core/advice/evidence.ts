// Numbers read back from a finding's evidence sentence (src/core/checks/rules/*): the report
// keeps findings as text, and fixes need the sizes. test/advice.test.ts pins each format.

/** Axis words in evidence: images have rows and columns, sequences steps (their only axis). */
export type AxisWord = 'rows' | 'columns' | 'steps';

/** The sample axis an axis word names ([H, W, C] images, [W, C] sequences). */
export function axisIndex(axis: AxisWord): number {
  return axis === 'columns' ? 1 : 0;
}

/** 'kh×kw kernel' / 'kh×kw pool window' (kernel-not-square). */
export function windowShape(evidence: string): { kernel: [number, number]; pool: boolean } | null {
  const m = /^(\d+)×(\d+) (kernel|pool window)/.exec(evidence);
  return m ? { kernel: [Number(m[1]), Number(m[2])], pool: m[3] === 'pool window' } : null;
}

/** 'dilation a×b' (dilation-not-isotropic). */
export function dilationRates(evidence: string): [number, number] | null {
  const m = /^dilation (\d+)×(\d+)/.exec(evidence);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** 'kh×kw window with 'same' padding', or 'size k window …' for sequences (even-kernel-same-padding). */
export function evenWindow(evidence: string): number[] | null {
  const m = /^(?:(\d+)×(\d+)|size (\d+)) window with 'same' padding/.exec(evidence);
  if (!m) return null;
  return m[3] ? [Number(m[3])] : [Number(m[1]), Number(m[2])];
}

/** The three stride-misaligned sentences: strides that differ per axis, a stride that does not divide a map, an off-centre grid. */
export type StrideEvidence =
  | { kind: 'unequal'; strides: [number, number] }
  | { kind: 'divide'; stride: number; n: number; axis: AxisWord }
  | { kind: 'reflect'; stride: number; n: number; axis: AxisWord; k: number; window: string; padding: string };

const MAP = String.raw`(?:a (\d+|\?)×(\d+|\?) map|a length-(\d+|\?) sequence)`;
const DIVIDE = new RegExp(String.raw`^stride (\d+) on ${MAP} does not divide its (\d+) (rows|columns|steps)`);
const REFLECT = new RegExp(String.raw`^stride (\d+) on ${MAP} \((kernel|\w+) (?:(\d+)×(\d+)|size (\d+)), '(\w+)' padding\) centres its windows on (rows|columns|steps)`);

export function strideEvidence(evidence: string): StrideEvidence | null {
  const unequal = /^strides (\d+)×(\d+) on a/.exec(evidence);
  if (unequal) return { kind: 'unequal', strides: [Number(unequal[1]), Number(unequal[2])] };
  const divide = DIVIDE.exec(evidence);
  if (divide) return { kind: 'divide', stride: Number(divide[1]), n: Number(divide[5]), axis: divide[6] as AxisWord };
  const m = REFLECT.exec(evidence);
  if (!m) return null;
  const axis = m[10] as AxisWord;
  const n = Number(axis === 'steps' ? m[4] : axis === 'rows' ? m[2] : m[3]);
  const k = m[8] !== undefined ? Number(m[8]) : Number(axis === 'columns' ? m[7] : m[6]);
  if (!Number.isInteger(n)) return null;
  const window = m[8] !== undefined ? `size ${m[8]}` : `${m[6]}×${m[7]}`;
  return { kind: 'reflect', stride: Number(m[1]), n, axis, k, window: `${m[5] === 'kernel' ? 'kernel' : m[5]} ${window}`, padding: m[9]! };
}

/** Border widths per axis ([before, after]) from 'crops|pads top t, bottom b, left l, right r' or '… start s, end e' (asymmetric-crop-or-pad). */
export function borderWidths(evidence: string): { crop: boolean; sides: [number, number][] } | null {
  const m = /(crops|pads) (?:top (\d+), bottom (\d+), left (\d+), right (\d+)|start (\d+), end (\d+))/.exec(evidence);
  if (!m) return null;
  const n = (i: number) => Number(m[i]);
  return {
    crop: m[1] === 'crops',
    sides:
      m[6] !== undefined
        ? [[n(6), n(7)]]
        : [
            [n(2), n(3)],
            [n(4), n(5)],
          ],
  };
}

/** 'kernel_initializer is Identity' (init-not-invariant). */
export function initializerOf(evidence: string): { key: string; id: string } | null {
  const m = /^(\w+_initializer) is ([^,\s]+)/.exec(evidence);
  return m ? { key: m[1]!, id: m[2]! } : null;
}
