/**
 * Bilinear resize of an H×W×C (channels-last) float image to outH×outW×C.
 *
 * Uses half-pixel centres (as PIL, OpenCV and tf.image.resize do by default now): a resize then
 * commutes with flips and 90° rotations, so resizing never adds or hides a symmetry being audited.
 * The older align-corners-false convention (src = dst·scale) shifts content towards the origin.
 * Same-size resizes return an exact copy; downsampling does not antialias.
 */
export function resizeBilinear(src: Float32Array, h: number, w: number, c: number, outH: number, outW: number): Float32Array {
  if (h === outH && w === outW) return src.slice();
  const ys = samplePositions(h, outH);
  const xs = samplePositions(w, outW);
  const out = new Float32Array(outH * outW * c);
  let o = 0;
  for (let oy = 0; oy < outH; oy++) {
    const { i0: y0, i1: y1, t: ty } = ys[oy]!;
    for (let ox = 0; ox < outW; ox++) {
      const { i0: x0, i1: x1, t: tx } = xs[ox]!;
      const p00 = (y0 * w + x0) * c;
      const p01 = (y0 * w + x1) * c;
      const p10 = (y1 * w + x0) * c;
      const p11 = (y1 * w + x1) * c;
      for (let k = 0; k < c; k++, o++) {
        const top = src[p00 + k]! + (src[p01 + k]! - src[p00 + k]!) * tx;
        const bottom = src[p10 + k]! + (src[p11 + k]! - src[p10 + k]!) * tx;
        out[o] = top + (bottom - top) * ty;
      }
    }
  }
  return out;
}

interface Sample {
  i0: number;
  i1: number;
  /** Weight of i1. */
  t: number;
}

/** For each output index: the two source indices around its centre and the blend weight. */
function samplePositions(inSize: number, outSize: number): Sample[] {
  const scale = inSize / outSize;
  const out: Sample[] = [];
  for (let i = 0; i < outSize; i++) {
    const s = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), inSize - 1);
    const i0 = Math.floor(s);
    out.push({ i0, i1: Math.min(i0 + 1, inSize - 1), t: s - i0 });
  }
  return out;
}
