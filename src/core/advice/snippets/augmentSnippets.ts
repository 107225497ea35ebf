import type { Snippets } from '../types';
import type { ClassTables } from './classTables';
import { comment } from './comment';
import type { GroupCode } from './codeTypes';

export type Rep = 'invariant' | 'same' | 'classes';
interface Label {
  expr: string;
  note: string;
}

const WHY = (label: string) => `Full ${label} augmentation (THEORY §1, condition 3): every training sample gets a uniformly random element of the group, drawn anew each time it is visited.`;

/** How each framework's label follows the input: unchanged, moved like it, or its classes permuted. */
function labels(rep: Rep, tables: ClassTables | null): { tfjs: Label; keras: Label; pytorch: Label } {
  if (rep === 'same') {
    const note = 'output maps move with the input';
    return { tfjs: { expr: 'transform(ys, g)', note }, keras: { expr: 'transform(y, g)', note }, pytorch: { expr: 'transform(y, g)', note } };
  }
  if (rep === 'classes' && tables) {
    const note = 'class c becomes π_g(c)';
    return {
      tfjs: { expr: 'tf.gather(ys, CLASS_INV[g]!, -1)', note: `one-hot labels: ${note}` },
      keras: { expr: 'tf.gather(y, tf.gather(CLASS_INV, g), axis=-1)', note: `one-hot labels: ${note}` },
      pytorch: { expr: 'CLASS_PERM[g][int(y)]', note: `class-index labels: ${note}` },
    };
  }
  const note = rep === 'classes' ? 'also apply the class permutation of g (not generated for this group)' : 'invariant outputs: the label stays';
  return { tfjs: { expr: 'ys', note }, keras: { expr: 'y', note }, pytorch: { expr: 'y', note } };
}

/** Augmentation over the whole audited group: tf.data (tfjs, Keras) and a PyTorch Dataset. */
export function augmentSnippets(code: GroupCode, rep: Rep, tables: ClassTables | null): Snippets {
  const y = labels(rep, tables);
  const t = rep === 'classes' ? tables : null;
  const tfjs = [
    "import * as tf from '@tensorflow/tfjs';",
    '',
    ...comment('//', WHY(code.label)),
    '',
    code.tfjs.transform(false),
    '',
    ...(t ? [`const CLASS_INV = ${JSON.stringify(t.inv)};`, ''] : []),
    `/** A training example with a uniformly random element of ${code.label} applied. */`,
    'function augment({ xs, ys }: { xs: tf.Tensor; ys: tf.Tensor }): { xs: tf.Tensor; ys: tf.Tensor } {',
    `  const g = ${code.tfjs.draw};`,
    `  return { xs: transform(xs, g), ${y.tfjs.expr === 'ys' ? 'ys' : `ys: ${y.tfjs.expr}`} }; // ${y.tfjs.note}`,
    '}',
    '',
    '// tf.data: elements {xs: one sample, ys: its label}; map draws again at every epoch.',
    'const augmented = dataset.map((e) => augment(e as { xs: tf.Tensor; ys: tf.Tensor }));',
  ];
  const keras = [
    'import tensorflow as tf',
    '',
    ...comment('#', `${WHY(code.label)} ${code.notes.keras}`),
    '',
    '',
    code.keras.transform(false),
    '',
    '',
    ...(t ? [`CLASS_INV = tf.constant(${JSON.stringify(t.inv)})`, '', ''] : []),
    'def augment(x, y):',
    `    g = ${code.keras.draw}`,
    `    return transform(x, g), ${y.keras.expr}  # ${y.keras.note}`,
    '',
    '',
    'train_ds = train_ds.map(augment, num_parallel_calls=tf.data.AUTOTUNE)  # before .batch()',
  ];
  const pytorch = [
    'import torch',
    '',
    ...comment('#', `${WHY(code.label)} ${code.notes.pytorch}`),
    '',
    '',
    code.pytorch.transform(false),
    '',
    '',
    ...(t ? [`CLASS_PERM = ${JSON.stringify(t.perm)}`, '', ''] : []),
    'def augment(x, y):',
    '    """One sample and its label; call it in your Dataset\'s __getitem__ (a new draw every time)."""',
    `    g = ${code.pytorch.draw}`,
    `    return transform(x, g), ${y.pytorch.expr}  # ${y.pytorch.note}`,
  ];
  return { tfjs: tfjs.join('\n'), keras: keras.join('\n'), pytorch: pytorch.join('\n') };
}
