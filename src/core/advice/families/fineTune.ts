import { pct } from '../../report/format';
import type { AdviceContext } from '../context';
import { score } from '../rank';
import { augmentSnippets } from '../snippets/augmentSnippets';
import { classTables } from '../snippets/classTables';
import { groupCode } from '../snippets/groupCode';
import type { Fix } from '../types';
import { layersOf } from './family';
import { needsWorkaround } from './symmetrisation';

/** How the training targets move with the input, in words, for the representation audited. */
function targetRule(ctx: AdviceContext): string {
  const r = ctx.report.representation;
  if (r.kind === 'invariant') return 'the labels stay as they are';
  if (r.kind === 'classes') return 'each label c becomes π_g(c), the class permutation of the audited representation';
  if (r.kind === 'same') return `the target maps move with the input (${r.description})`;
  return `the targets move as the audited output does (${r.description})`;
}

/**
 * One model (N = 1, a pretrained one): fine-tune the weights it has with augmentation over the
 * group, instead of training members from scratch. Offered when the model is measurably off
 * (the same bar as symmetrisation) or its own augmentation layers cover part of the group only.
 */
export function fineTune(ctx: AdviceContext): Fix[] {
  const partial = ctx.inModelAugmentation === 'partial';
  if (!partial && (!needsWorkaround(ctx) || ctx.inModelAugmentation === 'full')) return [];
  const code = groupCode(ctx.group, ctx.sample);
  const layerFindings = ctx.findings.filter((f) => f.finding.kind === 'augmentation-layer');
  const evidence = partial ? ` The model's own augmentation covers only part of it: ${layerFindings.map((f) => `${f.finding.layer}: ${f.finding.evidence}`).join(' ')}` : '';
  const elements = ctx.report.group.sampled ? `${ctx.report.group.fullOrder} elements` : ctx.report.group.elements.join(', ');
  const expected = { metric: 'relError' as const, from: ctx.relError, to: null };
  const snippets = code && ctx.rep ? augmentSnippets(code, ctx.rep, classTables(ctx.report)) : {};
  // TF.js cannot train a graph model: its fine-tuning happens where it was trained (Keras, PyTorch).
  if (ctx.graph) delete snippets.tfjs;
  return [
    {
      id: 'augmentation:fine-tune',
      condition: 'augmentation',
      title: `Fine-tune with ${code?.label ?? ctx.group} augmentation`,
      what:
        `Fine-tune the pretrained model for a few epochs on its training data (or data like it) with a low learning rate, giving every sample a uniformly random element of ${ctx.group} (${elements}), drawn anew at every visit; ${targetRule(ctx)}.` +
        `${ctx.graph ? ' TF.js runs graph models but cannot train them: fine-tune the source model (Keras, PyTorch) and convert it again.' : ''}${evidence}`,
      why: 'THEORY §1 condition 3: training over the whole orbit is what makes a model equivariant; fine-tuning moves the weights it already has toward it, without the m forward passes of symmetrisation. One model gets close, not exact (the theorem is about the ensemble mean).',
      effect: `Approximate: relError ${pct(ctx.relError)} should fall, by how much only an audit of the fine-tuned model tells; accuracy on the original task should hold with a low learning rate.`,
      expected,
      score: score(expected, ctx.relError, partial ? 1 : 0.5),
      findings: partial ? layerFindings.map((f) => f.index) : [],
      layers: partial ? layersOf(layerFindings) : [],
      snippets,
    },
  ];
}
