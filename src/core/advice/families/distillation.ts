import { pct } from '../../report/format';
import { score } from '../rank';
import { MAX_ENUMERATED } from '../snippets/groupCode';
import type { FixFamily } from './family';
import { needsWorkaround } from './symmetrisation';

/** One student trained on the symmetrised ensemble: one forward pass at inference, equivariant only approximately. */
export const distillation: FixFamily = {
  condition: 'distillation',
  advise(ctx) {
    const m = ctx.report.group.fullOrder;
    if (!needsWorkaround(ctx) || m > MAX_ENUMERATED) return [];
    const expected = { metric: 'relError' as const, from: ctx.relError, to: null };
    return [
      {
        id: 'distillation:symmetrised-teacher',
        condition: 'distillation',
        title: ctx.single ? 'Fine-tune toward the symmetrised model (distil it into itself)' : 'Distil the symmetrised ensemble into one model',
        what: ctx.single
          ? `Fine-tune the model itself to match its own symmetrised outputs (the orbit average above, computed with the weights frozen as the teacher) on inputs augmented over all of ${ctx.group}, e.g. with a KL or squared-error loss: no labels needed.${ctx.graph ? ' A graph model is fine-tuned in the framework it was converted from.' : ''}`
          : `Train one student to match the symmetrised ${ctx.report.ensemble ? 'ensemble' : 'model'} (the fix above) on inputs augmented over all of ${ctx.group}, e.g. with a KL loss on its outputs.`,
        why: 'It keeps symmetrisation’s exact teacher but pays the ×m cost only during training; the student is equivariant only as far as it fits the teacher.',
        effect: `Approximate: relError falls from ${pct(ctx.relError)} toward the teacher’s 0 as far as the student fits it; audit the student to measure it.`,
        expected,
        // Half the confidence of the exact teacher, and its m passes per training sample.
        score: score(expected, ctx.relError, 0.5, m),
        findings: [],
        layers: [],
        snippets: {},
      },
    ];
  },
};
