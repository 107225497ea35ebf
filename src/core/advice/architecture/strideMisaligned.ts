import { nameList } from '../titles';
import { groupNeeds } from '../../checks/groupNeeds';
import { alignedSizes, multiplesAround, otherPaddingAligns, torchPadding } from '../alignedSize';
import { axisIndex, strideEvidence, type AxisWord } from '../evidence';
import { adviceFromChanges, layerNames, type KindAdviser, type OptionChange } from './change';

/**
 * The input size that gives a layer's map size `to`: the same when the layer reads the input,
 * scaled when the input is an exact multiple of the map (pools that halve), else unknown.
 */
function inputSize(n: number, to: number, input: number | undefined): { size: number; note: string } | null {
  if (input === undefined) return null;
  if (input === n) return { size: to, note: '' };
  if (input % n === 0) return { size: (to * input) / n, note: ` (if the layers before only divide the size by ${input / n})` };
  return null;
}

/** Resizing the inputs (images) so that a map becomes `to` along one axis; sequences get the length to aim for. */
function resize(n: number, to: number, axis: AxisWord, sample: number[], square: boolean, becomes: string, was: string): OptionChange {
  const a = axisIndex(axis);
  const target = inputSize(n, to, sample[a]);
  if (!target || axis === 'steps') {
    const say = target ? `make the sequences ${target.size} steps long${target.note}` : `make this map ${to} ${axis} (the layers before decide it)`;
    return { was, becomes: `${becomes}: ${say}`, tfjs: `// ${say}`, keras: `# ${say}`, pytorch: `# ${say}` };
  }
  const hw = [sample[0] ?? target.size, sample[1] ?? target.size];
  hw[a] = target.size;
  // Rotations need square inputs: both sides change together.
  if (square) hw[1 - a] = target.size;
  const [h, w] = hw;
  return {
    was,
    becomes: `${becomes}: resize the inputs to ${h}×${w}${target.note}`,
    tfjs: `const resized = tf.image.resizeBilinear(images, [${h}, ${w}], false, true); // half-pixel centres: mirror-exact`,
    keras: `keras.layers.Resizing(${h}, ${w}),  # first layer (or tf.image.resize in the data pipeline)`,
    pytorch: `transforms.Resize((${h}, ${w})),  # in the data transforms`,
  };
}

/** Strides whose window grid is symmetric: equal per axis, dividing the map, or centred on it. */
export const strideMisaligned: KindAdviser = (items, sample, group) =>
  adviceFromChanges(`Strides that tile the map symmetrically in ${nameList(layerNames(items))}`, items, (f) => {
    const square = groupNeeds(group).square;
    const e = strideEvidence(f.finding.evidence);
    if (!e) return null;
    if (e.kind === 'unequal') {
      const s = Math.max(...e.strides);
      return { was: `strides ${e.strides[0]}×${e.strides[1]}`, becomes: `strides ${s}×${s}`, tfjs: `strides: ${s},`, keras: `strides=${s},`, pytorch: `stride=${s},` };
    }
    if (e.kind === 'divide') {
      const { below, above } = multiplesAround(e.n, e.stride);
      const sizes = [below, above].filter((x) => x !== null).join(' or ');
      return resize(e.n, above, e.axis, sample, square, `${sizes} ${e.axis}, multiples of the stride`, `stride ${e.stride} on ${e.n} ${e.axis}`);
    }
    // Explicit or causal pads are not in the sentence: only TF's own two modes can be searched.
    if (e.padding !== 'same' && e.padding !== 'valid') return null;
    const was = `stride ${e.stride}, ${e.window}, '${e.padding}' padding on ${e.n} ${e.axis}`;
    const other = otherPaddingAligns(e.n, e.k, e.stride, e.padding);
    if (other) {
      const p = torchPadding(e.n, e.k, e.stride);
      const pytorch = p === null ? `# no symmetric padding tiles ${e.n} ${e.axis}: resize the inputs` : `padding=${p},  # (n + 2·padding − k) divisible by the stride`;
      return { was, becomes: `'${other}' padding`, tfjs: `padding: '${other}',`, keras: `padding="${other}",`, pytorch };
    }
    const { below, above } = alignedSizes(e.n, e.k, e.stride, e.padding);
    const to = above ?? below;
    if (to === null) return null;
    const sizes = [below, above].filter((x) => x !== null).join(' or ');
    return resize(e.n, to, e.axis, sample, square, `a map of ${sizes} ${e.axis}, which this grid tiles symmetrically`, was);
  });
