import type { EnsembleAudit } from './check';
import { CLASSES, SIZE } from './dataset';
import { describe } from './models';
import { ENSEMBLES, SETUP } from './setup';

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => (100 * x).toFixed(1);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const letter = (i: number) => String.fromCharCode(97 + i);

/** Markdown table of the C4 audit of each ensemble (same order as ENSEMBLES). */
export function table(audits: EnsembleAudit[]): string {
  const rows = audits.map((a, i) => {
    const m = a.memberRelError;
    const cells = [
      `(${letter(i)}) ${ENSEMBLES[i]!.name}`,
      `${f3(mean(m))} (${f3(Math.min(...m))}–${f3(Math.max(...m))})`,
      f3(a.ensembleRelError),
      `${f3(a.floor)} [${f3(a.floorInterval[0])}, ${f3(a.floorInterval[1])}]`,
      f3(mean(a.memberAgreement)),
      f3(a.ensembleAgreement),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| ensemble | member relError, mean (min–max) | ensemble relError | floor [95 % bootstrap] | member agreement, mean | ensemble agreement |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** examples/README.md, with the measured accuracies and audit figures. */
export function readme(accuracies: number[][], audits: EnsembleAudit[]): string {
  const { training: t } = SETUP;
  const ensembles = ENSEMBLES.map((e, i) => {
    const acc = accuracies[i]!;
    return `| (${letter(i)}) \`${e.name}/\` | ${e.arch}: ${describe(e.arch)} | ${e.augment === 'random' ? 'full C4' : 'none'} | ${pct(mean(acc))} % (${pct(Math.min(...acc))}–${pct(Math.max(...acc))}) |`;
  });
  const members = ENSEMBLES.map((e, i) => `- ${e.name}: accuracy ${accuracies[i]!.map(pct).join(', ')} %; relError ${audits[i]!.memberRelError.map(f3).join(', ')}`);
  return `# Example ensembles

Three ensembles of ${SETUP.members} small TF.js CNNs, written by \`npm run examples\`
(\`scripts/make-examples.ts\`), to show what an EquiLens audit under C4 (rotations by 90°) finds
when the conditions of the emergence theorem (\`THEORY.md\` §1) hold and when one of them fails.
Regenerating them takes about 6 minutes on 2 cores and reproduces these files byte for byte;
\`npm run examples -- --check\` only re-runs the audit below on the saved files.

| ensemble | architecture | augmentation | test accuracy, mean (min–max) |
|---|---|---|---|
${ensembles.join('\n')}

Each member is \`member-NN/model.json\` (tfjs-layers \`layers-model\`) plus \`member-NN/weights.bin\`.
Input \`[null, ${SIZE}, ${SIZE}, 1]\` float32 in [0, 1]; output \`[null, ${CLASSES.length}]\`, a softmax over the
classes ${CLASSES.map((c, i) => `${i} = ${c}`).join(', ')}. Outputs are invariant: under C4 the class of a
shape does not change, so ρ_out is the identity.

## Data

Procedural ${SIZE}×${SIZE} greyscale shapes (\`scripts/examples/dataset.ts\`): ring, filled square,
triangle and T, with random size, position, contrast, stroke width and pixel noise. Every class is
rotation-invariant in principle, but the raw data has an orientation: shapes are drawn upright only
(triangle apex up, T bar on top) on a background lit from the top. Training set ${SETUP.train.n} images
(seed ${SETUP.train.seed}), test set ${SETUP.test.n} upright images (seed ${SETUP.test.seed}).

## Training

Members differ only by their seed i = 1…${SETUP.members}: He-normal (conv) and Glorot-uniform (dense)
kernels with explicit seeds derived from i, zero biases (an i.i.d., C4-invariant initialisation),
and the seed of the data order and turns. Adam, learning rate ${t.learningRate} with cosine decay to 0,
batch ${t.batchSize}, ${t.epochs} epochs, categorical cross-entropy, cpu backend. Full C4 augmentation means
a uniformly random quarter turn for every sample at every visit (condition 3 of the theorem; the
example models' outputs do not change when a sample is turned, so labels stay as they are).
The cpu backend's gradient kernels for Conv2D filters and average pooling are replaced, in the
script's process only, by equivalent flat-array loops (\`scripts/examples/fastKernels.ts\`): the stock
ones are 50–100× slower.

Per member:
${members.join('\n')}

## Probes

\`probes/test-images.npy\`: ${SETUP.probes.n} held-out upright images (seed ${SETUP.probes.seed}), float32
\`[${SETUP.probes.n}, ${SIZE}, ${SIZE}, 1]\`, NPY v1.0; \`probes/labels.json\`: their classes;
\`probes/png/\`: the first ${SETUP.probes.png} as 8-bit greyscale PNGs.

## What an audit under C4 should show

Measured by \`scripts/examples/check.ts\` on the ${SETUP.probes.n} probes, G = C4 acting by rot90 on the
image axes, invariant outputs, softmax probabilities averaged over members; definitions as in
\`THEORY.md\` §3–4 (floor interval: 500 bootstrap resamples of the members; agreement: share of
rotated probes whose argmax equals the unrotated one).

${table(audits)}

${ENSEMBLES.map((e, i) => `- (${letter(i)}) ${e.name}: ${e.expect}.`).join('\n')}
`;
}
