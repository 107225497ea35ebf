/** Every kind of finding (static rules and AUDIT_FINDING_KINDS); FINDING_INFO below must list each one. */
export type FindingKind =
  | 'kernel-not-square'
  | 'dilation-not-isotropic'
  | 'even-kernel-same-padding'
  | 'stride-misaligned'
  | 'asymmetric-crop-or-pad'
  | 'init-not-invariant'
  | 'frozen-layer'
  | 'augmentation-layer'
  | 'non-finite-weights'
  | 'non-finite-output'
  | 'shared-checkpoint'
  | 'duplicate-members'
  | 'degenerate-output'
  | 'representation-mismatch';

export type Severity = 'error' | 'warning' | 'info';

/** Which of THEORY §1's three conditions a finding is about ('numerics': none, the numbers themselves). */
export type Condition = 'architecture' | 'initialisation' | 'augmentation' | 'numerics';

/** One finding: about a layer of the topology (static rules), or about a member (found while running it). */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** FINDING_INFO[kind].title, copied so front ends can render a finding alone. */
  title: string;
  /** The layer (static findings); absent for a finding about a whole member. */
  layer?: string;
  layerIndex?: number;
  /** The member's model JSON path as the report shows it, for findings made while running it. */
  member?: string;
  /** Graph models: the node the finding is about (`layer` holds the same name). */
  node?: string;
  /** frozen-layer, shared-checkpoint in a report: every layer, when one finding stands for several (`layer` is the first). */
  layers?: string[];
  /** shared-checkpoint, duplicate-members, degenerate-output: the members (paths as the report shows them) concerned. */
  members?: string[];
  /** One sentence with the concrete numbers. */
  evidence: string;
}

/** Kinds found while running or reading the members, not by a topology rule (they name a member, or a layer and the members involved). */
export const AUDIT_FINDING_KINDS: readonly FindingKind[] = ['non-finite-weights', 'non-finite-output', 'shared-checkpoint', 'duplicate-members', 'degenerate-output', 'representation-mismatch'];

export const FINDING_INFO = {
  'kernel-not-square': {
    title: 'Kernel is not square',
    condition: 'architecture',
    description: 'A rotation by 90° turns a kh×kw kernel into a kw×kh one, which the layer cannot hold; C4/D4 need square kernels.',
  },
  'dilation-not-isotropic': {
    title: 'Dilation differs per axis',
    condition: 'architecture',
    description: 'A rotation by 90° swaps the dilation rates of the two axes; C4/D4 need the same dilation on both.',
  },
  'even-kernel-same-padding': {
    title: "Even kernel with 'same' padding",
    condition: 'architecture',
    description: 'An even window has its centre between pixels, so TF pads one pixel more after than before; the reflected map is sampled off by one.',
  },
  'stride-misaligned': {
    title: 'Stride does not tile the map symmetrically',
    condition: 'architecture',
    description:
      'A strided window grid is symmetric under a reflection only when its first and last windows lie equally far from the borders (for translations: only when the stride divides the map).',
  },
  'asymmetric-crop-or-pad': {
    title: 'Asymmetric cropping or padding',
    condition: 'architecture',
    description: 'Cropping or padding that differs between opposite borders (or between the two axes, for rotations) moves the map off its centre.',
  },
  'init-not-invariant': {
    title: 'Initialiser may not be G-invariant',
    condition: 'initialisation',
    description: 'i.i.d. initialisers are invariant under the group; Identity kernels and unknown custom initialisers are not known to be.',
  },
  'frozen-layer': {
    title: 'Frozen layer',
    condition: 'initialisation',
    description: 'A frozen layer keeps its initial weights; that is harmless only if their law was G-invariant (not a shared pretrained checkpoint).',
  },
  'augmentation-layer': {
    title: 'Augmentation layer',
    condition: 'augmentation',
    description: 'Augmenting with a subgroup gives equivariance to that subgroup only; the ensemble needs augmentation over the whole audited group.',
  },
  'non-finite-weights': {
    title: 'Weights contain NaN or Infinity',
    condition: 'numerics',
    description: 'A member whose weights hold NaN or Infinity (a diverged or corrupted training run) usually outputs them too; its outputs are checked before they enter any statistic.',
  },
  'non-finite-output': {
    title: 'Outputs contain NaN or Infinity',
    condition: 'numerics',
    description: 'One NaN would turn every statistic of the ensemble into NaN, so a member with non-finite outputs is left out of the statistics and named here.',
  },
  'shared-checkpoint': {
    title: 'Members share weights',
    condition: 'initialisation',
    description:
      'Members whose weights for a layer are identical (or nearly so) started from one point, not from a G-invariant law: the initial law is a point mass (THEORY §1, condition 2) unless the shared weights are themselves invariant. Members fine-tuned from one checkpoint drift apart in training, so what this sees is weights that stayed put: frozen layers or weights training barely moved.',
  },
  'duplicate-members': {
    title: 'Members are identical',
    condition: 'initialisation',
    description:
      'Members whose every weight is the same (copies of one model) are one draw counted several times: the ensemble is smaller than it looks, and the spread, floor and curve treat the copies as independent members, which they are not.',
  },
  'degenerate-output': {
    title: 'Output does not depend on the input',
    condition: 'numerics',
    description:
      'The audited output is (nearly) the same for every probe: its RMS deviation from its mean over the probes is below 1e-4 of its RMS. A constant is trivially symmetric, so its error says nothing: the symmetry is not measurable on this output (pick another output, or check the input scaling and the probes).',
  },
  'representation-mismatch': {
    title: 'Representation is probably wrong',
    condition: 'numerics',
    description:
      'The error is measured against how the chosen representation says outputs should move (ρ_out). Recomputed from the same outputs under another representation, it drops at least 5×: the outputs probably move that way (a map that moves with the input, points in another frame, a permutation that does not hold), and the verdict under the chosen one measures the wrong thing.',
  },
} as const satisfies Record<FindingKind, { title: string; condition: Condition; description: string }>;
