import { FINDING_INFO } from '../../checks/findings';
import { nameList } from '../titles';
import { adviceFromChanges } from '../architecture/change';
import type { AdviceContext, IndexedFinding } from '../context';
import { initializerOf } from '../evidence';
import { CONFIDENCE, score } from '../rank';
import { groupCode } from '../snippets/groupCode';
import { orbitStartSnippets } from '../snippets/orbitStartSnippets';
import type { Fix } from '../types';
import { layersOf, restoresCondition, type FixFamily } from './family';

const WHY = 'THEORY §1 condition 2, a G-invariant initial law: ρ̄(g)θ₀ must be as likely as θ₀. i.i.d. initialisers are; a shared checkpoint (a point mass) or an Identity kernel is not.';

/** i.i.d. initialisers for layers whose initialiser is Identity or unknown. */
function iidInitialisers(ctx: AdviceContext, items: IndexedFinding[]): Pick<Fix, 'title' | 'what' | 'snippets'> {
  const layers = layersOf(items);
  const advice = adviceFromChanges(`i.i.d. initialisers in ${layers.join(', ')}`, items, (f) => {
    const init = initializerOf(f.finding.evidence);
    if (!init) return null;
    const bias = init.key.startsWith('bias');
    const camel = init.key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    const torch = bias ? 'nn.init.zeros_(layer.bias)' : 'nn.init.xavier_uniform_(layer.weight)';
    const law = bias ? 'zeros' : 'glorotUniform';
    return { was: `${init.key} ${init.id}`, becomes: `${law} (an i.i.d. law)`, tfjs: `${camel}: '${law}',`, keras: `${init.key}="${bias ? 'zeros' : 'glorot_uniform'}",`, pytorch: torch };
  });
  return advice ?? { title: `i.i.d. initialisers in ${layers.join(', ')}`, what: `Initialise ${layers.join(', ')} with an i.i.d. law (Glorot, He, LeCun, normal, uniform, orthogonal).`, snippets: {} };
}

/** Start member i from ρ̄(g_i)θ₀: frozen layers, shared checkpoints and other starting-law findings. */
function orbitStart(ctx: AdviceContext, items: IndexedFinding[]): Pick<Fix, 'title' | 'what' | 'snippets'> {
  const layers = layersOf(items);
  const m = ctx.report.group.fullOrder;
  const code = groupCode(ctx.group, ctx.sample);
  const all = code ? orbitStartSnippets(code, ctx.report.probes.shape.length === 4) : null;
  // rotateWeights moves a LayersModel's weights: a graph model's are moved in its source model.
  const snippets = all && ctx.graph ? (({ tfjs: _dropped, ...rest }) => rest)(all) : all;
  const orbit = snippets
    ? `start member i from ρ̄(g_i)θ₀ with g_i = i mod ${m} (kernels moved like the inputs; for TF.js layers models EquiLens's rotateWeights in src/core/advice/rotateWeights.ts does it and refuses layers it cannot move)`
    : `note that under ${ctx.group} ρ̄(g) leaves convolution and per-point weights unchanged, so only the rows of a Dense after Flatten move: global pooling instead of Flatten makes a shared start invariant`;
  const kind = items[0]!.finding.kind;
  const what =
    kind === 'frozen-layer'
      ? `${layers.join(', ')} ${layers.length > 1 ? 'are' : 'is'} frozen and keep${layers.length > 1 ? '' : 's'} the starting weights: train ${layers.length > 1 ? 'them' : 'it'} too, give each member its own i.i.d. draw, or, when every member loads one pretrained checkpoint θ₀, ${orbit}.`
      : `${items.map((f) => f.finding.evidence).join(' ')} Give each member its own i.i.d. draw, or ${orbit}.`;
  return { title: kind === 'frozen-layer' ? `A G-invariant start for the frozen ${nameList(layers, 70)}` : `A G-invariant start: ρ̄(g_i)θ₀ per member`, what, snippets: snippets ?? {} };
}

/** Copies of one model in the ensemble: count it once, or train the copies from their own draws. */
function distinctMembers(items: IndexedFinding[]): Pick<Fix, 'title' | 'what' | 'snippets'> {
  const groups = items.map((f) => f.finding.members ?? []);
  const copies = groups.reduce((a, g) => a + g.length - 1, 0);
  return {
    title: `Replace the ${copies} duplicate member${copies === 1 ? '' : 's'} with independently trained ones`,
    what: `${groups.map((g) => g.join(', ')).join('; ')} ${groups.length === 1 ? 'are copies of one model' : 'are copies (each group one model)'}: keep one of each and train the others again from their own seeds (initialisation and data order), or audit without the copies.`,
    snippets: {},
  };
}

/**
 * Initialisation findings become fixes unless the floor interval reaches 0: then the measured
 * ensemble shows the starting law did no harm (only an error finding is certain enough anyway).
 */
export const initialisation: FixFamily = {
  condition: 'initialisation',
  advise(ctx) {
    // The starting law is about members: one model has none to start differently.
    if (ctx.single) return [];
    const byKind = new Map<string, IndexedFinding[]>();
    for (const f of ctx.findings) {
      if (f.condition !== 'initialisation' || (ctx.floorState === 'zero' && f.finding.severity !== 'error')) continue;
      byKind.set(f.finding.kind, [...(byKind.get(f.finding.kind) ?? []), f]);
    }
    return [...byKind].map(([kind, items]) => {
      const body = kind === 'init-not-invariant' ? iidInitialisers(ctx, items) : kind === 'duplicate-members' ? distinctMembers(items) : orbitStart(ctx, items);
      const { effect, expected } = restoresCondition(ctx, 'if it stays above 0, check augmentation over the whole group.');
      const info = (FINDING_INFO as Record<string, { description: string } | undefined>)[kind];
      return {
        id: `initialisation:${kind}`,
        condition: 'initialisation' as const,
        ...body,
        why: `${WHY}${info ? ` ${info.description}` : ''}`,
        effect,
        expected,
        score: score(expected, ctx.relError, Math.max(...items.map((f) => CONFIDENCE[f.finding.severity]))),
        findings: items.map((f) => f.index),
        layers: layersOf(items),
      };
    });
  },
};
