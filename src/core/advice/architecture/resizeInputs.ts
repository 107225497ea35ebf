import type { AdviceContext, IndexedFinding } from '../context';
import type { InputSizeAdvice } from '../inputSize';
import { nameList } from '../titles';
import type { KindAdvice } from './change';
import { layerNames } from './change';

/**
 * stride-misaligned findings answered by one input size for the whole model (inputSize.ts): one
 * change instead of a contradictory target per layer. When no size within reach works, the
 * per-layer resizes are not offered at all (their premise, that resizing fixes the net, fails).
 */
export function resizeAdvice(items: IndexedFinding[], size: InputSizeAdvice, ctx: AdviceContext): KindAdvice {
  const names = layerNames(items);
  const words = size.axes.map((a) => a.word);
  const other = items.filter((f) => !words.some((w) => f.finding.evidence.includes(` ${w}`)));
  const rest = other.length ? ` ${nameList(layerNames(other), 200)} also ${other.length === 1 ? 'has strides' : 'have strides'} that differ per axis: make them equal.` : '';
  const from = dims(
    size,
    size.axes.map((a) => a.from),
  );
  if (!size.to) {
    return {
      title: `Strided layers off-centre at every input size near ${from}: ${nameList(names, 50)}`,
      what:
        `No input size within ±${size.reach} of ${from} makes every strided window grid symmetric (EquiLens walked the whole model at each size), so resizing the inputs cannot make this model compatible.` +
        ` The fix is in the layers: ${nameList(names, 400)} need window grids centred on their maps (e.g. odd map sizes for stride 2 with 'same' padding), which means training again; until then, symmetrise at inference.${rest}`,
      snippets: {},
    };
  }
  const to = dims(size, size.to);
  const steps = size.axes.length === 1 && size.axes[0]!.word === 'steps';
  const retrain = ctx.single
    ? ` For a pretrained model: resize (or pad) every input to ${to} before it; the model must accept that size (a graph model exported with a fixed input shape needs exporting again), and its accuracy may shift a little until it is fine-tuned at ${to}.`
    : ` Train (and run) the members at ${to}.`;
  return {
    title: steps ? `Make the sequences ${to} steps long: every strided window grid is then symmetric` : `Resize the inputs to ${to}: every strided window grid is then symmetric`,
    what:
      `At ${from}, ${size.cleared === 1 ? `1 strided layer (${nameList(names, 400)}) centres its` : `${size.cleared} strided layers (${nameList(names, 400)}) centre their`} windows off the map's middle; at ${to} none does: EquiLens walked the whole model at that size, so each layer sees the map it would really get (the nearest such size within ±${size.reach}).` +
      retrain +
      rest,
    snippets: steps ? {} : resizeSnippets(size, ctx),
  };
}

/** '257×257', '256×257' (rows × columns), or '300' for a sequence length. */
function dims(size: InputSizeAdvice, values: number[]): string {
  if (size.axes.length === 1 && size.axes[0]!.word === 'steps') return String(values[0]);
  const shape = size.axes.length ? sampleHW(size, values) : values;
  return shape.join('×');
}

/** Rows × columns of the input at `values` along the moving axes (the other axis as it is). */
function sampleHW(size: InputSizeAdvice, values: number[]): number[] {
  const byWord = new Map(size.axes.map((a, i) => [a.word, values[i]!]));
  const rows = byWord.get('rows') ?? size.rowsColumns?.[0];
  const columns = byWord.get('columns') ?? size.rowsColumns?.[1];
  return [rows, columns].filter((x): x is number => x !== undefined);
}

function resizeSnippets(size: InputSizeAdvice, ctx: AdviceContext): KindAdvice['snippets'] {
  const [h, w] = sampleHW(size, size.to!);
  const nchw = (ctx.report.model.input as { layout?: string }).layout === 'NCHW';
  const load = ctx.graph ? "const model = await tf.loadGraphModel('model.json'); // the audited model" : "const model = await tf.loadLayersModel('model.json'); // the audited model";
  const feed = nchw ? 'tf.transpose(resized, [0, 3, 1, 2]) /* the model reads NCHW */' : 'resized';
  const run = ctx.graph ? `const y = model.execute(${feed}, '${ctx.report.model.output.name}') as tf.Tensor; // the audited output` : `const y = model.predict(${feed}) as tf.Tensor;`;
  return {
    tfjs: [
      "import * as tf from '@tensorflow/tfjs';",
      '',
      load,
      `// images: [B, H, W, C]; half-pixel centres keep the resize mirror-exact.`,
      `const resized = tf.image.resizeBilinear(images, [${h}, ${w}], false, true);`,
      run,
    ].join('\n'),
    keras: `keras.layers.Resizing(${h}, ${w}),  # first layer (or tf.image.resize in the data pipeline)`,
    pytorch: `transforms.Resize((${h}, ${w})),  # in the data transforms`,
  };
}
