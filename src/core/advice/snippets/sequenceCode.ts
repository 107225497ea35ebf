import type { GroupCode } from './codeTypes';

/** Time reversal of sequences; g is 0 (e) or 1 (reverse). */
export function reverseCode(): GroupCode {
  const doc = 'Element g of reverse (0: e, 1: reverse)';
  return {
    label: 'reverse',
    order: 2,
    param: 'the element: 0 for e, 1 for reverse',
    indexed: true,
    movesKernels: true,
    tfjs: {
      transform: (batch) =>
        [
          `/** ${doc} on ${batch ? 'a batch [B, W, C]' : 'one sequence [W, C]'}. */`,
          'function transform(x: tf.Tensor, g: number): tf.Tensor {',
          `  return g === 1 ? tf.reverse(x, ${batch ? 1 : 0}) : x;`,
          '}',
        ].join('\n'),
      draw: 'Math.floor(Math.random() * 2)',
      all: '[0, 1]',
      inverse: (g) => g,
    },
    keras: {
      transform: () => ['def transform(x, g):', `    """${doc} on sequences [..., W, C]."""`, '    return tf.cond(tf.equal(g, 1), lambda: tf.reverse(x, axis=[-2]), lambda: x)'].join('\n'),
      draw: 'tf.random.uniform([], 0, 2, dtype=tf.int32)',
      all: 'range(2)',
      inverse: (g) => g,
    },
    pytorch: {
      transform: () => ['def transform(x, g):', `    """${doc} on sequences [..., W] (channels first, as Conv1d)."""`, '    return torch.flip(x, dims=(-1,)) if g == 1 else x'].join('\n'),
      draw: 'int(torch.randint(2, ()))',
      all: 'range(2)',
      inverse: (g) => g,
    },
    notes: { keras: '', pytorch: '' },
  };
}

/** Permutations of the P points of a set; g is a permutation (out[i] = x[g[i]]). */
export function permuteCode(points: number): GroupCode {
  const doc = 'Permutation g of the points (out[i] = x[g[i]])';
  return {
    label: `permutations of ${points} points`,
    order: Infinity,
    param: 'a permutation of the points',
    indexed: false,
    movesKernels: false,
    tfjs: {
      transform: (batch) =>
        [`/** ${doc} of ${batch ? 'a batch [B, P, F]' : 'one set [P, F]'}. */`, 'function transform(x: tf.Tensor, g: number[]): tf.Tensor {', `  return tf.gather(x, g, ${batch ? 1 : 0});`, '}'].join(
          '\n',
        ),
      draw: `Array.from(tf.util.createShuffledIndices(${points}))`,
      // P! orderings: symmetrising over all of them is out of reach beyond tiny sets.
      all: null,
      inverse: (g) => `${g}.map((_, i) => ${g}.indexOf(i))`,
    },
    keras: {
      transform: () => ['def transform(x, g):', `    """${doc} of sets [..., P, F]."""`, '    return tf.gather(x, g, axis=-2)'].join('\n'),
      draw: `tf.random.shuffle(tf.range(${points}))`,
      all: null,
      inverse: (g) => `tf.math.invert_permutation(${g})`,
    },
    pytorch: {
      transform: () => ['def transform(x, g):', `    """${doc} of sets [..., P, F]."""`, '    return x[..., g, :]'].join('\n'),
      draw: `torch.randperm(${points})`,
      all: null,
      inverse: (g) => `torch.argsort(${g})`,
    },
    notes: { keras: '', pytorch: '' },
  };
}
