import type { C16Audit } from './audit';
import { C16_CLASSES, C16_SIZE } from './glyphs';
import { describeC16, SUPPORTS } from './models';
import { C16_ENSEMBLES, C16_SETUP } from './setup';
import { c16Conclusion } from './verdict';

const START = '<!-- c16:start (written by npm run examples:c16) -->';
const END = '<!-- c16:end -->';

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => (100 * x).toFixed(1);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const range = (xs: number[], f: (x: number) => string) => `${f(mean(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

/** Replaces the C16 section of examples/README.md (between its markers), or appends it. */
export function replaceSection(readme: string, section: string): string {
  const block = `${START}\n${section.trim()}\n${END}\n`;
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) return `${readme.trimEnd()}\n\n${block}`;
  return readme.slice(0, a) + block + readme.slice(b + END.length).replace(/^\n/, '');
}

/** `fresh` (a regenerated README) with the C16 section of `old` kept at its end, if `old` has one. */
export function keepSection(fresh: string, old: string): string {
  const a = old.indexOf(START);
  const b = old.indexOf(END);
  return a < 0 || b < a ? fresh : replaceSection(fresh, old.slice(a + START.length, b));
}

/** k → relError / OSP / DIV of random k-member means, one column per ensemble. */
function curveTable(audits: C16Audit[]): string {
  const curves = audits.map((a) => a.report.ensemble!.curve);
  const cell = (c: (typeof curves)[number][number] | undefined) => (c ? `${f3(c.relError)} / ${c.osp === null ? '–' : f3(c.osp)} / ${c.div === null ? '–' : f3(c.div)}` : '–');
  const rows = curves[0]!.map((c, i) => `| ${c.k} | ${curves.map((cs) => cell(cs[i])).join(' | ')} |`);
  return [`| k | ${C16_ENSEMBLES.map((e) => `\`${e.name}\``).join(' | ')} |`, `|---|${C16_ENSEMBLES.map(() => '---').join('|')}|`, ...rows].join('\n');
}

/** The README section: setup, the measured rot:16 audit, and what it shows. */
export function c16Section(accuracy: number[][], audits: C16Audit[]): string {
  const t = C16_SETUP.training;
  const interp = audits[0]!.interpolationFloor;
  const rows = C16_ENSEMBLES.map((e, i) => {
    const a = audits[i]!;
    return `| \`${e.name}/\` | ${range(accuracy[i]!, pct)} % | ${range(a.memberRelError, f3)} | ${f3(a.relError)} | ${f3(a.floor)} [${f3(a.floorCI[0])}, ${f3(a.floorCI[1])}] | ${f3(mean(a.memberOsp))} / ${f3(a.osp)} | ${f3(mean(a.memberDiv))} / ${f3(a.div)} |`;
  });
  const support = (s: 'compatible' | 'asymmetric') => SUPPORTS[s].map((r) => `\`${r}\``).join(' ');
  return `## C16: the paper's experiment in small (\`c16-compatible/\`, \`c16-asymmetric/\`)

Two ensembles of ${C16_SETUP.members} tiny CNNs (2 k parameters, 12 KB a member with its model.json), written by
\`npm run examples:c16\` (\`scripts/make-c16-examples.ts\`; about 16 minutes on 2 cores, or two
processes with \`-- --only=compatible\` and \`-- --only=asymmetric\`, then \`-- --check\`), the C16 experiment of Nordenfors & Flinth in small: the same
data, augmentation and initialisation law, and only the **filter support** differs. Audit them with
\`equilens audit examples/c16-compatible --group rot:16 --probes examples/c16-probes/test-images.npy\`;
\`npm run demo\` does both (its last section).

- **Data**: ${C16_SIZE}×${C16_SIZE} greyscale digit-like glyphs ${C16_CLASSES.map((c) => `\`${c}\``).join(', ')}
  (\`scripts/examples/c16/glyphs.ts\`; no class is a turn of another, so no 6/9 pair), drawn
  upright with a tilt of at most ±12°, random size, stroke and contrast, inside the inscribed disk,
  and blurred (Gaussian, σ = 1.2 px). The blur matters: a bilinear turn blurs a sharp image a
  little and a quarter turn does not, so on sharp glyphs every member learns to tell turned images
  by their sharpness, a shared bias no ensemble averages away (on sharp glyphs a first run gave the
  compatible support a floor of 0.14, not far from the asymmetric support's 0.20).
  Training set ${C16_SETUP.train.n} (seed ${C16_SETUP.train.seed}), test set ${C16_SETUP.test.n} (seed ${C16_SETUP.test.seed}),
  probes \`c16-probes/test-images.npy\`: ${C16_SETUP.probes.n} held-out upright glyphs (seed ${C16_SETUP.probes.seed}),
  float32 \`[${C16_SETUP.probes.n}, ${C16_SIZE}, ${C16_SIZE}, 1]\`, labels in \`c16-probes/labels.json\`.
- **Full C16 augmentation**: every sample visit is turned by a uniformly random multiple of 22.5°
  with EquiLens's own resampling and disk mask (\`src/core/groups/continuous/resample.ts\`, the
  action \`rot:16\` audits: ρ(g)x = M·R_g·M·x), so condition 3 holds for exactly the group audited.
- **Architectures**: ${describeC16('compatible').replace(/ masked to \d+ taps/g, '')}; every 5×5 kernel is multiplied
  by a fixed 0/1 mask after initialisation and after every step.
  compatible support (21 taps, a digital disk): ${support('compatible')};
  asymmetric support (16 taps, an L without the centre): ${support('asymmetric')}.
- **Training**: members differ only by their seed 1…${C16_SETUP.members}: He-normal conv and Glorot-uniform dense
  kernels (then masked), zero biases, seeded order and turns; Adam, learning rate ${t.learningRate} with
  cosine decay to 0, batch ${t.batchSize}, ${t.epochs} epochs, cross-entropy, cpu backend.

rot:16 audit of the ${C16_SETUP.probes.n} probes (invariant outputs, softmax probabilities averaged over
members; accuracy: on all 16 turns of the test set; OSP ranges 1…16):

| ensemble | accuracy, mean (min–max) | member relError, mean (min–max) | ensemble relError | floor [95 % CI] | OSP member mean / ensemble | DIV member mean / ensemble |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Equivariance against ensemble size (the paper's main figure, from THEORY §4's curve: random
k-subsets of the members, 30 draws; relError / OSP / DIV of their mean):

${curveTable(audits)}

Interpolation floor of these probes under rot:16 (the relError that a perfectly rotation-invariant
function still shows under this resampling): ${interp === null ? 'not reported by this build' : f3(interp)}.
"Near" means within the width of the floor's 95 % interval (\`scripts/examples/c16/verdict.ts\` says
why), and the audit finds: ${interp === null ? 'no verdict without an interpolation floor' : c16Conclusion(audits[0]!, audits[1]!, interp)}

${C16_ENSEMBLES.map((e) => `- \`${e.name}\`: ${e.expect}.`).join('\n')}
`;
}
