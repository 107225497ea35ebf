import { MAX_ENUMERATED, type GroupCode } from './codeTypes';

// np.roll along one axis, which tfjs lacks: out[i] = x[(i − s) mod n].
const TFJS_ROLL = [
  '/** np.roll along one axis: out[i] = x[(i − s) mod n]. */',
  'function roll(x: tf.Tensor, s: number, axis: number): tf.Tensor {',
  '  const n = x.shape[axis]!;',
  '  const k = ((s % n) + n) % n;',
  '  if (k === 0) return x;',
  '  const [head, tail] = tf.split(x, [n - k, k], axis);',
  '  return tf.concat([tail!, head!], axis);',
  '}',
].join('\n');

const NOTE = (layer: string) => `${layer} shifts by continuous amounts and fills the border, which is not the cyclic group audited here: roll instead.`;

/** Cyclic shifts: 'translate' of images (g = [dy, dx]) or 'shift' of sequences (g = d), as np.roll. */
export function cyclicCode(name: 'translate' | 'shift', sample: number[]): GroupCode {
  const image = name === 'translate';
  const [h = 1, w = 1] = image ? sample : [1, sample[0] ?? 1];
  const order = image ? h * w : w;
  const small = order <= MAX_ENUMERATED;
  const doc = image ? 'Shift g = [dy, dx]: content moves dy rows down and dx columns right, wrapping around (np.roll)' : 'Shift g = d: content moves d steps later in time, wrapping around (np.roll)';
  return {
    label: image ? `translations of ${h}×${w} images` : `cyclic shifts of length-${w} sequences`,
    order,
    param: image ? 'the offsets [dy, dx]' : 'the offset d',
    indexed: false,
    movesKernels: false,
    tfjs: {
      transform: (batch) => {
        const a = batch ? 1 : 0;
        const what = image ? (batch ? 'a batch [B, H, W, C]' : 'one image [H, W, C]') : batch ? 'a batch [B, W, C]' : 'one sequence [W, C]';
        const body = image ? `  return tf.tidy(() => roll(roll(x, g[0]!, ${a}), g[1]!, ${a + 1}));` : `  return tf.tidy(() => roll(x, g, ${a}));`;
        return [TFJS_ROLL, '', `/** ${doc}, on ${what}. */`, `function transform(x: tf.Tensor, g: ${image ? 'number[]' : 'number'}): tf.Tensor {`, body, '}'].join('\n');
      },
      draw: image ? `[Math.floor(Math.random() * ${h}), Math.floor(Math.random() * ${w})]` : `Math.floor(Math.random() * ${w})`,
      all: !small ? null : image ? `Array.from({ length: ${order} }, (_, i) => [Math.floor(i / ${w}), i % ${w}])` : `[...Array(${w}).keys()]`,
      inverse: (g) => (image ? `${g}.map((s) => -s)` : `-${g}`),
    },
    keras: {
      transform: () =>
        image
          ? ['def transform(x, g):', `    """${doc}, on images [..., H, W, C]."""`, '    return tf.roll(x, shift=g, axis=[-3, -2])'].join('\n')
          : ['def transform(x, g):', `    """${doc}, on sequences [..., W, C]."""`, '    return tf.roll(x, shift=g, axis=-2)'].join('\n'),
      // Integer uniform draws need scalar bounds, so one draw per axis.
      draw: image ? `tf.stack([tf.random.uniform([], 0, ${h}, dtype=tf.int32), tf.random.uniform([], 0, ${w}, dtype=tf.int32)])` : `tf.random.uniform([], 0, ${w}, dtype=tf.int32)`,
      all: !small ? null : image ? `[[dy, dx] for dy in range(${h}) for dx in range(${w})]` : `range(${w})`,
      inverse: (g) => (image ? `[-${g}[0], -${g}[1]]` : `-${g}`),
    },
    pytorch: {
      transform: () =>
        image
          ? ['def transform(x, g):', `    """${doc}, on images [..., H, W] (channels first)."""`, '    return torch.roll(x, shifts=tuple(g), dims=(-2, -1))'].join('\n')
          : ['def transform(x, g):', `    """${doc}, on sequences [..., W] (channels first, as Conv1d)."""`, '    return torch.roll(x, shifts=g, dims=-1)'].join('\n'),
      draw: image ? `(int(torch.randint(${h}, ())), int(torch.randint(${w}, ())))` : `int(torch.randint(${w}, ()))`,
      all: !small ? null : image ? `[(dy, dx) for dy in range(${h}) for dx in range(${w})]` : `range(${w})`,
      inverse: (g) => (image ? `(-${g}[0], -${g}[1])` : `-${g}`),
    },
    notes: { keras: NOTE('keras.layers.RandomTranslation'), pytorch: NOTE("torchvision's RandomAffine(translate=…)") },
  };
}
