// Shape ops and resizes of graph models. Every shape, axis, padding and size must be a constant
// (as converters write them); anything computed at run time is refused, never guessed.
import { Untranslatable } from './activations';
import { attrBool, attrInt, attrInts, attrString, constFloats, constInts, requireNhwc, type GraphEmit } from './graphNode';

type Emitter = (e: GraphEmit) => string;

/** Beyond any dimension: onnxruntime clamps slice bounds into range. */
const FAR = Number.MAX_SAFE_INTEGER;

export function reshape(e: GraphEmit): string {
  // A shape computed at run time (Pack of a Shape's batch and constants): its constants are checked there.
  if (!e.constant(1)) return e.g.op('Reshape', [e.x(0), e.ints(1)]);
  const shape = constInts(e, 1, 'the shape');
  // ONNX reads 0 as "keep this dimension", TF as a size of zero.
  if (shape.some((d) => d === 0 || d < -1)) throw new Untranslatable(`shape [${shape.join(', ')}]`);
  return e.g.op('Reshape', [e.x(0), e.g.ints('shape', shape)]);
}

export function squeeze(e: GraphEmit): string {
  const axes = attrInts(e.node, 'squeeze_dims') ?? attrInts(e.node, 'axis') ?? [];
  // No axes: every size-1 dimension, in both.
  return e.g.op('Squeeze', axes.length ? [e.x(0), e.g.ints('axes', axes)] : [e.x(0)]);
}

export function expandDims(e: GraphEmit): string {
  const axis = constInts(e, 1, 'the axis');
  if (axis.length !== 1) throw new Untranslatable('several axes');
  return e.g.op('Unsqueeze', [e.x(0), e.g.ints('axes', axis)]);
}

export function transpose(e: GraphEmit): string {
  return e.g.op('Transpose', [e.x(0)], { perm: constInts(e, 1, 'the permutation') });
}

/** How an emitter reads its inputs: as float data (e.x) or as int64 shape arithmetic (e.ints). */
type Reader = (e: GraphEmit, i: number) => string;
const floats: Reader = (e, i) => e.x(i);
const int64s: Reader = (e, i) => {
  const c = e.constant(i);
  // A literal 0 in a shape built at run time would mean "keep this dimension" to ONNX's Reshape.
  if (c && Array.from(c.data).some((v) => v === 0)) throw new Untranslatable('a shape constant holds 0');
  return e.ints(i);
};

/** ConcatV2: the axis is the last input. */
export function concat(read: Reader = floats): Emitter {
  return (e) => {
    const n = e.node.inputs.length - 1;
    const [axis] = constInts(e, n, 'the axis');
    return e.g.op(
      'Concat',
      Array.from({ length: n }, (_, i) => read(e, i)),
      { axis: axis! },
    );
  };
}

/** Pack (stack): each input gains the axis, then they are concatenated along it. */
export function pack(read: Reader = floats): Emitter {
  return (e) => {
    const axis = attrInt(e.node, 'axis', 0);
    const parts = e.node.inputs.map((_, i) => e.g.op('Unsqueeze', [read(e, i), e.g.ints('axes', [axis])]));
    return e.g.op('Concat', parts, { axis });
  };
}

/** Int32 ops of shape arithmetic (Shape → StridedSlice → Pack → Reshape), run as int64. */
export const INT_OPS: Record<string, Emitter> = {
  Shape: (e) => e.g.op('Shape', [e.x(0)]),
  StridedSlice: (e) => stridedSliceOf(e, e.ints(0)),
  Pack: pack(int64s),
  ConcatV2: concat(int64s),
};

/** Pad, PadV2 (a constant value) and MirrorPad (REFLECT; SYMMETRIC has no ONNX mode). */
export function pad(e: GraphEmit): string {
  const p = constInts(e, 1, 'the paddings');
  if (p.some((v) => v < 0) || p.length % 2) throw new Untranslatable(`paddings [${p.join(', ')}]`);
  const rank = p.length / 2;
  const pads = [...Array.from({ length: rank }, (_, i) => p[2 * i]!), ...Array.from({ length: rank }, (_, i) => p[2 * i + 1]!)];
  const ins = [e.x(0), e.g.ints('pads', pads)];
  if (e.node.op === 'MirrorPad') {
    const mode = attrString(e.node, 'mode');
    if (mode !== 'REFLECT') throw new Untranslatable(`mode '${mode}'`);
    return e.g.op('Pad', ins, { mode: 'reflect' });
  }
  if (e.node.op === 'PadV2') {
    const v = constFloats(e, 2, 'the padding value');
    if (v.data.length !== 1) throw new Untranslatable('padding value is not a scalar');
    ins.push(e.g.float('value', [], Float32Array.of(v.data[0]!)));
  }
  return e.g.op('Pad', ins);
}

/** StridedSlice with constant bounds; begin/end/shrink masks, no ellipsis or new axes. */
export function stridedSlice(e: GraphEmit): string {
  return stridedSliceOf(e, e.x(0));
}

function stridedSliceOf(e: GraphEmit, x: string): string {
  const [begin, end, strides] = [constInts(e, 1, 'begin'), constInts(e, 2, 'end'), constInts(e, 3, 'strides')];
  const mask = (k: string) => attrInt(e.node, k, 0);
  if (mask('ellipsis_mask') || mask('new_axis_mask')) throw new Untranslatable('ellipsis or new-axis mask');
  if (begin.length !== end.length || begin.length !== strides.length || strides.some((s) => s === 0)) throw new Untranslatable('bounds of different lengths');
  // tfjs 4.22 slices the other axes wrongly there (TF and onnxruntime agree with each other, not with tfjs).
  if (mask('shrink_axis_mask') && strides.some((s) => s < 0)) throw new Untranslatable('shrink_axis_mask with a negative stride');
  const starts: number[] = [];
  const ends: number[] = [];
  const steps: number[] = [];
  const shrink: number[] = [];
  begin.forEach((b, i) => {
    const bit = 1 << i;
    const s = strides[i]!;
    if (mask('shrink_axis_mask') & bit) {
      // One element at b; b = −1 means the last, which ends past the end.
      starts.push(b);
      ends.push(b === -1 ? FAR : b + 1);
      steps.push(1);
      shrink.push(i);
      return;
    }
    starts.push(mask('begin_mask') & bit ? (s > 0 ? 0 : FAR) : b);
    ends.push(mask('end_mask') & bit ? (s > 0 ? FAR : -FAR) : end[i]!);
    steps.push(s);
  });
  const axes = begin.map((_, i) => i);
  const y = e.g.op('Slice', [x, e.g.ints('starts', starts), e.g.ints('ends', ends), e.g.ints('axes', axes), e.g.ints('steps', steps)]);
  return shrink.length ? e.g.op('Squeeze', [y, e.g.ints('axes', shrink)]) : y;
}

/** Slice: begin and size (−1: to the end). */
export function slice(e: GraphEmit): string {
  const [begin, size] = [constInts(e, 1, 'begin'), constInts(e, 2, 'size')];
  if (begin.length !== size.length || size.some((s) => s < -1)) throw new Untranslatable('bad slice bounds');
  const ends = begin.map((b, i) => (size[i] === -1 ? FAR : b + size[i]!));
  return e.g.op('Slice', [
    e.x(0),
    e.g.ints('starts', begin),
    e.g.ints('ends', ends),
    e.g.ints(
      'axes',
      begin.map((_, i) => i),
    ),
  ]);
}

/** DepthToSpace: TF's NHWC channel order (i·block + j)·C + c is ONNX's DCR mode. */
export function depthToSpace(e: GraphEmit): string {
  requireNhwc(e.node);
  const blocksize = attrInt(e.node, 'block_size', 0);
  if (blocksize < 1) throw new Untranslatable('block_size');
  return e.g.toNhwc(e.g.op('DepthToSpace', [e.g.toNchw(e.x(0))], { blocksize, mode: 'DCR' }));
}

/**
 * Nearest-neighbour source pixels are floor(x·ratio) (or a rounding): at ratios float arithmetic
 * does not hold exactly, TF and onnxruntime (which divides by out/in) can pick neighbours one
 * apart. Powers of two are exact in both; other ratios, or sizes not known here, are refused.
 */
function exactRatios(e: GraphEmit, size: number[], corners: boolean): void {
  const x = e.shape(0);
  const ins = x?.length === 4 ? [x[1], x[2]] : [];
  ins.forEach((n, a) => {
    const out = size[a]!;
    const r = typeof n === 'number' ? (corners ? (out > 1 ? (n - 1) / (out - 1) : 0) : n / out) : NaN;
    const exact = r === 0 || (r > 0 && Number.isInteger(Math.log2(r)));
    if (!exact) throw new Untranslatable(`nearest-neighbour resize ${n ?? '?'} → ${out}: ratio not a power of two (the nearest pixel would depend on float rounding)`);
  });
  if (ins.length !== 2) throw new Untranslatable('nearest-neighbour resize of an input whose size is not known');
}

/**
 * ResizeBilinear / ResizeNearestNeighbor to a constant size, in NCHW. TF's coordinate rules:
 * align_corners → ONNX align_corners (nearest: round half up), half_pixel_centers → half_pixel
 * (nearest: TF's own tf_half_pixel_for_nn, floored), neither → asymmetric (nearest: floor).
 */
export function resize(mode: 'linear' | 'nearest'): Emitter {
  return (e) => {
    const size = constInts(e, 1, 'the size');
    if (size.length !== 2 || size.some((s) => s <= 0)) throw new Untranslatable(`size [${size.join(', ')}]`);
    const corners = attrBool(e.node, 'align_corners');
    const half = attrBool(e.node, 'half_pixel_centers');
    if (corners && half) throw new Untranslatable('align_corners with half_pixel_centers');
    if (mode === 'nearest') exactRatios(e, size, corners);
    const ctm = corners ? 'align_corners' : half ? (mode === 'linear' ? 'half_pixel' : 'tf_half_pixel_for_nn') : 'asymmetric';
    const x = e.g.toNchw(e.x(0));
    // Sizes: the input's batch and channels (known only at run time), then the constant size.
    const nc = e.g.op('Slice', [e.g.op('Shape', [x]), e.g.ints('starts', [0]), e.g.ints('ends', [2])]);
    const sizes = e.g.op('Concat', [nc, e.g.ints('size', size)], { axis: 0 });
    const empty = e.g.float('roi', [0], new Float32Array(0));
    const attrs = { mode, coordinate_transformation_mode: ctm, ...(mode === 'nearest' && { nearest_mode: corners ? 'round_prefer_ceil' : 'floor' }) };
    return e.g.toNhwc(e.g.op('Resize', [x, empty, e.g.float('scales', [0], new Float32Array(0)), sizes], attrs));
  };
}
