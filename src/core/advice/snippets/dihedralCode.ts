import type { GroupCode } from './codeTypes';

type Dihedral = 'flip-h' | 'flip-v' | 'c2' | 'c4' | 'd4';

// Elements in the report's order (src/core/groups/dihedral.ts): g indexes this list everywhere.
const ELEMENTS: Record<Dihedral, string> = {
  'flip-h': 'e, flip-h',
  'flip-v': 'e, flip-v',
  c2: 'e, rot180',
  c4: 'e, rot90, rot180, rot270',
  d4: 'e, rot90, rot180, rot270, flip-h, rot90·flip-h, rot180·flip-h, rot270·flip-h (flip first)',
};
const ORDER: Record<Dihedral, number> = { 'flip-h': 2, 'flip-v': 2, c2: 2, c4: 4, d4: 8 };
// Quarter turns are their own inverses only at 0 and 2; reflections always are.
const INVERSE: Record<Dihedral, string | null> = { 'flip-h': null, 'flip-v': null, c2: null, c4: '[0, 3, 2, 1]', d4: '[0, 3, 2, 1, 4, 5, 6, 7]' };

const ROTATIONS = (label: string, lib: string) => `${lib} draws continuous angles (and interpolates), so it does not sample ${label}: the quarter turns below do.`;
const NOTES: Record<Dihedral, { keras: string; pytorch: string }> = {
  'flip-h': { keras: "keras.layers.RandomFlip('horizontal') covers flip-h exactly too.", pytorch: "torchvision's RandomHorizontalFlip covers flip-h exactly too." },
  'flip-v': { keras: "keras.layers.RandomFlip('vertical') covers flip-v exactly too.", pytorch: "torchvision's RandomVerticalFlip covers flip-v exactly too." },
  c2: { keras: ROTATIONS('C2', 'keras.layers.RandomRotation'), pytorch: ROTATIONS('C2', "torchvision's RandomRotation") },
  c4: { keras: ROTATIONS('C4', 'keras.layers.RandomRotation'), pytorch: ROTATIONS('C4', "torchvision's RandomRotation") },
  d4: {
    keras: `${ROTATIONS('D4', 'keras.layers.RandomRotation')} RandomFlip alone covers flip-h only.`,
    pytorch: `${ROTATIONS('D4', "torchvision's RandomRotation")} RandomHorizontalFlip alone covers flip-h only.`,
  },
};

/** tfjs body: axes of rows/columns are 0/1 for one image [H, W, C], 1/2 for a batch. */
function tfjsBody(name: Dihedral, batch: boolean): string {
  const [r, c] = batch ? [1, 2] : [0, 1];
  const perm = batch ? '[0, 2, 1, 3]' : '[1, 0, 2]';
  if (name === 'flip-h') return `  return g === 1 ? tf.reverse(x, ${c}) : x;`;
  if (name === 'flip-v') return `  return g === 1 ? tf.reverse(x, ${r}) : x;`;
  if (name === 'c2') return `  return g === 1 ? tf.reverse(x, [${r}, ${c}]) : x; // rot180`;
  return [
    '  return tf.tidy(() => {',
    '    let y = x;',
    ...(name === 'd4' ? [`    if (g >= 4) y = tf.reverse(y, ${c}); // flip-h first`] : []),
    '    // rot90, counter-clockwise like np.rot90: swap rows and columns, then reverse the rows.',
    `    for (let k = g${name === 'd4' ? ' % 4' : ''}; k > 0; k--) y = tf.reverse(tf.transpose(y, ${perm}), ${r});`,
    '    return y;',
    '  });',
  ].join('\n');
}

const KERAS_BODY: Record<Dihedral, string> = {
  'flip-h': '    return tf.cond(tf.equal(g, 1), lambda: tf.image.flip_left_right(x), lambda: x)',
  'flip-v': '    return tf.cond(tf.equal(g, 1), lambda: tf.image.flip_up_down(x), lambda: x)',
  c2: '    return tf.image.rot90(x, k=2 * g)',
  c4: '    return tf.image.rot90(x, k=g)  # counter-clockwise, like np.rot90',
  d4: [
    '    x = tf.cond(tf.convert_to_tensor(g) >= 4, lambda: tf.image.flip_left_right(x), lambda: x)  # flip-h first',
    '    return tf.image.rot90(x, k=g % 4)  # counter-clockwise, like np.rot90',
  ].join('\n'),
};

const TORCH_BODY: Record<Dihedral, string> = {
  'flip-h': '    return torch.flip(x, dims=(-1,)) if g == 1 else x',
  'flip-v': '    return torch.flip(x, dims=(-2,)) if g == 1 else x',
  c2: '    return torch.rot90(x, 2 * g, dims=(-2, -1))',
  c4: '    return torch.rot90(x, g, dims=(-2, -1))  # counter-clockwise, like np.rot90',
  d4: ['    if g >= 4:', '        x = torch.flip(x, dims=(-1,))  # flip-h first', '    return torch.rot90(x, g % 4, dims=(-2, -1))  # counter-clockwise, like np.rot90'].join('\n'),
};

/** Flips and rotations of images; g is the element's index in the report's order. */
export function dihedralCode(name: Dihedral): GroupCode {
  const m = ORDER[name];
  const label = name === 'c2' || name === 'c4' || name === 'd4' ? name.toUpperCase() : name;
  const doc = `Element g of ${label} (${ELEMENTS[name]})`;
  const inverse = (g: string) => (INVERSE[name] ? `${INVERSE[name]}[${g}]` : g);
  const list = [...Array(m).keys()].join(', ');
  return {
    label,
    order: m,
    param: `the element's index in the report's order (${ELEMENTS[name]})`,
    indexed: true,
    movesKernels: true,
    tfjs: {
      transform: (batch) =>
        [`/** ${doc} on ${batch ? 'a batch [B, H, W, C]' : 'one image [H, W, C]'}. */`, 'function transform(x: tf.Tensor, g: number): tf.Tensor {', tfjsBody(name, batch), '}'].join('\n'),
      draw: `Math.floor(Math.random() * ${m})`,
      all: `[${list}]`,
      inverse,
    },
    keras: {
      transform: () => ['def transform(x, g):', `    """${doc} on images [..., H, W, C]."""`, KERAS_BODY[name]].join('\n'),
      draw: `tf.random.uniform([], 0, ${m}, dtype=tf.int32)`,
      all: `range(${m})`,
      inverse,
    },
    pytorch: {
      transform: () => ['def transform(x, g):', `    """${doc} on images [..., H, W] (channels first)."""`, TORCH_BODY[name]].join('\n'),
      draw: `int(torch.randint(${m}, ()))`,
      all: `range(${m})`,
      inverse,
    },
    notes: NOTES[name],
  };
}
