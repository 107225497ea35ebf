import { score } from '../rank';
import { augmentSnippets } from '../snippets/augmentSnippets';
import { classTables } from '../snippets/classTables';
import { groupCode } from '../snippets/groupCode';
import { layersOf, restoresCondition, type FixFamily } from './family';
import { fineTune } from './fineTune';

/**
 * Augmentation over the whole group, when the floor is clearly above 0 and no architecture
 * finding explains it, or when the model's own augmentation layers cover only part of the group.
 * Never when those layers cover it all (the condition holds) or the floor interval reaches 0.
 */
export const augmentation: FixFamily = {
  condition: 'augmentation',
  advise(ctx) {
    // One pretrained model is fine-tuned, not trained again as members.
    if (ctx.single) return fineTune(ctx);
    const partial = ctx.inModelAugmentation === 'partial' && ctx.floorState !== 'zero';
    const unexplained = ctx.floorState === 'positive' && !ctx.archExplains && ctx.inModelAugmentation !== 'full';
    if (!partial && !unexplained) return [];
    const code = groupCode(ctx.group, ctx.sample);
    const layerFindings = ctx.findings.filter((f) => f.finding.kind === 'augmentation-layer');
    const evidence = partial ? ` The model's own augmentation covers only part of it: ${layerFindings.map((f) => `${f.finding.layer}: ${f.finding.evidence}`).join(' ')}` : '';
    const elements = ctx.report.group.sampled ? `${ctx.report.group.fullOrder} elements` : ctx.report.group.elements.join(', ');
    const { effect, expected } = restoresCondition(ctx, 'then more members bring the mean’s error down like 1/√N.');
    // A floor with no other condition in doubt leaves augmentation as the one explanation.
    const otherSuspects = ctx.findings.some((f) => f.condition === 'initialisation');
    const confidence = partial || !otherSuspects ? 1 : 0.5;
    return [
      {
        id: 'augmentation:full-group',
        condition: 'augmentation',
        title: `Augment with all of ${code?.label ?? ctx.group}`,
        what: `Give every training sample a uniformly random element of ${ctx.group} (${elements}), drawn anew at every visit, and train the members again.${evidence}`,
        why: 'THEORY §1 condition 3, full data augmentation: the ensemble mean becomes exactly equivariant only when training averages the loss over the whole group; a subgroup gives equivariance to that subgroup only.',
        effect,
        expected,
        score: score(expected, ctx.relError, confidence),
        findings: partial ? layerFindings.map((f) => f.index) : [],
        layers: partial ? layersOf(layerFindings) : [],
        // No snippet moves keypoints or swaps map channels yet: none rather than one for the wrong action.
        snippets: code && ctx.rep ? augmentSnippets(code, ctx.rep, classTables(ctx.report)) : {},
      },
    ];
  },
};
