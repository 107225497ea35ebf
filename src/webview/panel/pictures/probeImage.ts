// A probe drawn at its own resolution on a canvas (CSS scales it up, pixelated): [H, W, C]
// images in grey or RGB, [W, C] sequences and [P, F] sets as one row per channel/feature.

/** Both images of a pair share one range, so brightness means the same in each. */
export function displayRange(...arrays: number[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (const v of a) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo >= 0 && hi <= 1) return [0, 1]; // already [0, 1] images: show them as they are
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

export function probeCanvas(values: number[], shape: number[], range: [number, number], label: string): HTMLCanvasElement | null {
  const grid = layout(shape);
  if (!grid) return null;
  const { h, w, at, rgb } = grid;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.className = h === 1 || h * 4 < w ? 'probe-img strip' : 'probe-img';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const img = ctx.createImageData(w, h);
  const [lo, hi] = range;
  const byte = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 0 : Math.round((255 * (Math.min(hi, Math.max(lo, v)) - lo)) / (hi - lo)));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = 4 * (y * w + x);
      const i = at(y, x);
      const r = byte(values[i]);
      img.data[o] = r;
      img.data[o + 1] = rgb ? byte(values[i + 1]) : r;
      img.data[o + 2] = rgb ? byte(values[i + 2]) : r;
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** Pixel (y, x) → index of its first value; rgb when the image has 3 or more channels. */
function layout(shape: number[]): { h: number; w: number; at: (y: number, x: number) => number; rgb: boolean } | null {
  if (shape.length === 3) {
    const [h, w, c] = shape as [number, number, number];
    return { h, w, at: (y, x) => (y * w + x) * c, rgb: c >= 3 };
  }
  if (shape.length === 2) {
    const [n, c] = shape as [number, number];
    return { h: c, w: n, at: (y, x) => x * c + y, rgb: false };
  }
  if (shape.length === 1) return { h: 1, w: shape[0]!, at: (_y, x) => x, rgb: false };
  return null;
}
