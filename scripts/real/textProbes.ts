// Text-like probes for the OCR models: dark glyph strokes in lines of words on light paper.
// Noise and smooth fields hold no text, so a text detector answers ~0 everywhere on them (its
// probability map is all below 1e-3) and the relative error of a flip compares noise with noise;
// on these the detector fires along the lines and the error measures how the text map moves.
// Seeded (a 31-bit LCG), so every run audits the same bytes. Not real text: strokes, not letters.
import { writeFileSync } from 'node:fs';
import { encodeNpy } from '../../src/core/probes/encodeNpy';

/** 'page': several lines over the whole image (a document); 'line': one line filling a crop (what a recogniser or direction classifier sees). */
export type TextProbes = 'page' | 'line';

/** n uint8 RGB images [n, h, w, 3] of stroke text, as a .npy file at `file`. */
export function writeTextProbes(file: string, kind: TextProbes, n: number, h: number, w: number, seed = 1): void {
  writeFileSync(file, encodeNpy([n, h, w, 3], textImages(kind, n, h, w, seed)));
}

export function textImages(kind: TextProbes, n: number, h: number, w: number, seed: number): Uint8Array {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const int = (lo: number, span: number) => lo + Math.floor(rnd() * span);
  const d = new Uint8Array(n * h * w * 3);
  for (let k = 0; k < n; k++) {
    const base = k * h * w * 3;
    d.fill(int(200, 55), base, base + h * w * 3);
    const ink = int(0, 60);
    const dot = (y: number, x: number) => {
      if (y >= 0 && y < h && x >= 0 && x < w) d.fill(ink, base + (y * w + x) * 3, base + (y * w + x) * 3 + 3);
    };
    // Glyph height: 14–21 px on a page, about 60 % of a line crop's height.
    const glyphH = kind === 'page' ? int(14, 8) : Math.round(h * (0.5 + 0.2 * rnd()));
    const lines = kind === 'page' ? range(int(20, 20), h - 30, () => glyphH + int(14, 20)) : [Math.floor((h - glyphH) / 2)];
    for (const top of lines) {
      let x = int(4, kind === 'page' ? 40 : 12);
      while (x < w - 12) {
        for (let g = int(2, 6); g > 0 && x < w - 12; g--) {
          const gw = Math.round(glyphH * (0.45 + 0.25 * rnd()));
          for (let strokes = int(1, 3); strokes > 0; strokes--) {
            if (rnd() < 0.6) {
              const xx = x + int(0, gw);
              for (let y = top; y < top + glyphH; y++) for (let t = 0; t < 2; t++) dot(y, xx + t);
            } else {
              const yy = top + int(0, glyphH);
              for (let xx = x; xx < x + gw; xx++) for (let t = 0; t < 2; t++) dot(yy + t, xx);
            }
          }
          x += gw + 3;
        }
        x += int(glyphH * 0.6, 10);
      }
    }
  }
  return d;
}

/** start, start + step(), … while below end. */
function range(start: number, end: number, step: () => number): number[] {
  const out: number[] = [];
  for (let v = start; v < end; v += step()) out.push(v);
  return out;
}
