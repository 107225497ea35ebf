import type { Snippets } from '../types';
import { comment } from './comment';
import type { GroupCode } from './codeTypes';

/**
 * ρ̄(g)θ₀ for members fine-tuned from one checkpoint: convolution kernels move like the inputs,
 * and a Dense after Flatten has its rows permuted like the flattened map (THEORY §1). Only for
 * groups that move kernels (flips, rotations, reversal); null otherwise.
 */
export function orbitStartSnippets(code: GroupCode, image: boolean): Snippets | null {
  if (!code.movesKernels) return null;
  const m = code.order;
  const n = image ? 2 : 1;
  const doc = comment(
    '',
    `Moves a model loaded from the shared checkpoint θ₀ to ρ̄(g)θ₀ (THEORY §1, condition 2): kernels move like the inputs, and a Dense right after Flatten has its rows permuted like the flattened map. Member i starts from g = i % ${m}, so each element starts equally many members.`,
    90,
  ).map((l) => l.trim());
  const convs = image ? "['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D']" : "['Conv1D']";
  const tfjs = [
    "import * as tf from '@tensorflow/tfjs';",
    '',
    code.tfjs.transform(false),
    '',
    '/**',
    ...doc.map((l) => ` * ${l}`),
    ' */',
    'function orbitStart(model: tf.LayersModel, g: number): void {',
    '  const moved = (t: tf.Tensor, grid: number[]) => tf.tidy(() => tf.reshape(transform(tf.reshape(t, [...grid, -1]), g), t.shape));',
    '  model.layers.forEach((layer, j) => {',
    '    const before = model.layers[j - 1];',
    '    const w = layer.getWeights();',
    `    if (${convs}.includes(layer.getClassName())) w[0] = moved(w[0]!, w[0]!.shape.slice(0, ${n}));`,
    `    else if (layer.getClassName() === 'Dense' && before?.getClassName() === 'Flatten') w[0] = moved(w[0]!, (before.input as tf.SymbolicTensor).shape.slice(1, ${1 + n}) as number[]);`,
    '    else return;',
    '    layer.setWeights(w);',
    '    tf.dispose(w[0]!);',
    '  });',
    '}',
    '',
    `// Member i: const model = await tf.loadLayersModel(checkpointUrl); orbitStart(model, i % ${m});`,
  ];
  const kerasConvs = image ? '(keras.layers.Conv2D, keras.layers.DepthwiseConv2D, keras.layers.SeparableConv2D)' : '(keras.layers.Conv1D,)';
  const keras = [
    'import tensorflow as tf',
    'from tensorflow import keras',
    '',
    '',
    code.keras.transform(false),
    '',
    '',
    `CONVS = ${kerasConvs}`,
    '',
    '',
    'def orbit_start(model, g):',
    `    """${doc.join('\n    ')}"""`,
    '',
    '    def moved(w, grid):',
    '        return tf.reshape(transform(tf.reshape(w, (*grid, -1)), g), w.shape).numpy()',
    '',
    '    before = None',
    '    for layer in model.layers:',
    '        w = layer.get_weights()',
    '        if isinstance(layer, CONVS):',
    `            w[0] = moved(w[0], w[0].shape[:${n}])`,
    '            layer.set_weights(w)',
    '        elif isinstance(layer, keras.layers.Dense) and isinstance(before, keras.layers.Flatten):',
    `            w[0] = moved(w[0], tuple(before.input.shape[1:${1 + n}]))`,
    '            layer.set_weights(w)',
    '        before = layer',
    '',
    '',
    `# Member i: model = keras.models.load_model(CHECKPOINT); orbit_start(model, i % ${m})`,
  ];
  const grid = image ? '(H, W)' : '(W,)';
  const pytorch = [
    'import torch',
    'from torch import nn',
    '',
    '',
    code.pytorch.transform(false),
    '',
    '',
    '@torch.no_grad()',
    'def orbit_start(model, g, flat_grid=None):',
    `    """${doc.join('\n    ')}`,
    `    flat_grid: ${grid} of the map an nn.Flatten right before an nn.Linear flattens, if any."""`,
    '    before = None',
    '    for m in model.modules():',
    `        if isinstance(m, nn.Conv${n}d):  # weight [out, in / groups, ${image ? 'kh, kw' : 'k'}]`,
    '            m.weight.copy_(transform(m.weight, g))',
    '        elif isinstance(m, nn.Linear) and isinstance(before, nn.Flatten):',
    '            units = m.weight.shape[0]',
    '            m.weight.copy_(transform(m.weight.reshape(units, -1, *flat_grid), g).reshape(units, -1))',
    '        before = m',
    '',
    '',
    `# Member i: model.load_state_dict(torch.load(CHECKPOINT)); orbit_start(model, i % ${m}, flat_grid=…)`,
  ];
  return { tfjs: tfjs.join('\n'), keras: keras.join('\n'), pytorch: pytorch.join('\n') };
}
