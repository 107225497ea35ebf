/** Every kind of static finding; FINDING_INFO below must list each one. */
export type FindingKind =
  | 'kernel-not-square'
  | 'dilation-not-isotropic'
  | 'even-kernel-same-padding'
  | 'stride-misaligned'
  | 'asymmetric-crop-or-pad'
  | 'init-not-invariant'
  | 'frozen-layer'
  | 'augmentation-layer';

export type Severity = 'error' | 'warning' | 'info';

/** Which of THEORY §1's three conditions a finding is about. */
export type Condition = 'architecture' | 'initialisation' | 'augmentation';

/** One static finding about one layer of the topology. */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** FINDING_INFO[kind].title, copied so front ends can render a finding alone. */
  title: string;
  layer: string;
  layerIndex: number;
  /** One sentence with the concrete numbers. */
  evidence: string;
}

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
    description: "An even window has its centre between pixels, so TF pads one pixel more after than before; the reflected map is sampled off by one.",
  },
  'stride-misaligned': {
    title: 'Stride does not tile the map symmetrically',
    condition: 'architecture',
    description: 'A strided window grid is symmetric under a reflection only when its first and last windows lie equally far from the borders (for translations: only when the stride divides the map).',
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
} as const satisfies Record<FindingKind, { title: string; condition: Condition; description: string }>;
