import type { Snippets } from '../types';
import type { Rep } from './augmentSnippets';
import type { ClassTables } from './classTables';
import type { GroupCode } from './codeTypes';

/** Which TF.js model the snippet runs: a graph model (and its audited output's name) or a layers model. */
export interface ModelKind {
  graph: boolean;
  output?: string;
}

/**
 * Inference-time symmetrisation: the members' outputs averaged over the orbit of each input,
 * each moved back by ρ_out(g)⁻¹. Null when the group is too large to enumerate or the
 * representation's inverse cannot be written (class permutations of an unindexed group).
 */
export function symmetriseSnippets(code: GroupCode, rep: Rep, tables: ClassTables | null, model: ModelKind = { graph: false }): Snippets | null {
  const { tfjs: js, keras: ks, pytorch: pt } = code;
  if (js.all === null || ks.all === null || pt.all === null || (rep === 'classes' && !tables)) return null;
  const m = code.order;
  const doc = `Exact ${code.label} equivariance at inference, at ${m}× the cost: the members' mean over each input's orbit`;
  // ρ_out(g)⁻¹ f(ρ_in(g) x): invariant outputs need nothing; maps move back; classes un-permute.
  const back = {
    tfjs: (y: string) => (rep === 'same' ? `transform(${y}, ${js.inverse('g')})` : rep === 'classes' ? `tf.gather(${y}, CLASS_PERM[g]!, -1)` : y),
    keras: (y: string) => (rep === 'same' ? `transform(${y}, ${ks.inverse('g')})` : rep === 'classes' ? `tf.gather(${y}, CLASS_PERM[g], axis=-1)` : y),
    pytorch: (y: string) => (rep === 'same' ? `transform(${y}, ${pt.inverse('g')})` : rep === 'classes' ? `${y}[..., CLASS_PERM[g]]` : y),
  };
  const table = tables && rep === 'classes' ? JSON.stringify(tables.perm) : null;
  const tfjs = [
    "import * as tf from '@tensorflow/tfjs';",
    '',
    js.transform(true),
    '',
    ...(table ? [`const CLASS_PERM = ${table};`, ''] : []),
    // The snippet runs the kind of model audited: a GraphModel through execute (the audited output by name), a LayersModel through predict.
    ...(model.graph
      ? ["// const models = [await tf.loadGraphModel('model.json')];", `const OUTPUT = ${JSON.stringify(model.output ?? '')}; // the audited output`, '']
      : ['// const models = await Promise.all(paths.map((p) => tf.loadLayersModel(p)));', '']),
    `/** ${doc} (x: a batch). */`,
    `function symmetrised(models: ${model.graph ? 'tf.GraphModel' : 'tf.LayersModel'}[], x: tf.Tensor): tf.Tensor {`,
    '  return tf.tidy(() => {',
    `    const outs = (${js.all}).flatMap((g) => models.map((m) => ${back.tfjs(model.graph ? '(m.execute(transform(x, g), OUTPUT) as tf.Tensor)' : '(m.predict(transform(x, g)) as tf.Tensor)')}));`,
    '    return tf.div(tf.addN(outs), outs.length);',
    '  });',
    '}',
  ];
  const keras = [
    'import tensorflow as tf',
    '',
    '',
    ks.transform(true),
    '',
    '',
    ...(table ? [`CLASS_PERM = ${table}`, '', ''] : []),
    'def symmetrised(models, x):',
    `    """${doc} (x: a batch)."""`,
    `    outs = [${back.keras('m(transform(x, g), training=False)')} for g in ${ks.all} for m in models]`,
    '    return tf.add_n(outs) / len(outs)',
  ];
  const pytorch = [
    'import torch',
    '',
    '',
    pt.transform(true),
    '',
    '',
    ...(table ? [`CLASS_PERM = ${table}`, '', ''] : []),
    '@torch.no_grad()',
    'def symmetrised(models, x):',
    `    """${doc} (x: a batch; models in eval() mode)."""`,
    `    outs = [${back.pytorch('m(transform(x, g))')} for g in ${pt.all} for m in models]`,
    '    return torch.stack(outs).mean(0)',
  ];
  return { tfjs: tfjs.join('\n'), keras: keras.join('\n'), pytorch: pytorch.join('\n') };
}
