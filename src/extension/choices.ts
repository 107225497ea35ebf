import { EquiLensError } from '../core/errors';
import { parseRotationName } from '../core/groups/continuous/names';

/** The label of the group quick pick's free-text entry (continuous rotation groups). */
export const TYPED_GROUP = 'rot:<n> / dih:<n> / so2:<m>…';

/** Quick-pick entries for groups (the names the core's makeGroup accepts) and output representations. */
export const GROUP_CHOICES: readonly { name: string; detail: string }[] = [
  { name: 'flip-h', detail: 'images: mirror left–right' },
  { name: 'flip-v', detail: 'images: mirror top–bottom' },
  { name: 'c2', detail: 'images: rotation by 180°' },
  { name: 'c4', detail: 'images: rotations by 90°' },
  { name: 'd4', detail: 'images: rotations by 90° and mirrors (8 elements)' },
  { name: 'translate', detail: 'images: cyclic shifts (a seeded sample)' },
  { name: 'shift', detail: 'sequences: cyclic shifts (a seeded sample)' },
  { name: 'reverse', detail: 'sequences: reversal' },
  { name: 'permute', detail: 'sets: permutations of the set elements (a seeded sample)' },
  { name: 'rot:8', detail: 'images: rotations by 45° (resampled inside the inscribed disk; the report gives the interpolation floor)' },
  { name: 'rot:16', detail: 'images: rotations by 22.5° (resampled inside the inscribed disk)' },
  { name: 'dih:8', detail: 'images: rotations by 45° and their mirrored copies (16 elements, resampled)' },
  { name: 'so2:16', detail: 'images: 15 any-angle rotations drawn from the seed, and the identity (resampled)' },
  { name: TYPED_GROUP, detail: 'images: type any rot:<n> (C_n), dih:<n> (D_n) or so2:<m> (m seeded angles)' },
];

/** The free-text group entry; the prompt asks for the name. */
export const TYPED_GROUP_PROMPT = 'rot:<n> (rotations by 360°/n, n ≥ 2), dih:<n> (with mirrors) or so2:<m> (m seeded angles, m ≥ 1), e.g. rot:12';

/** Why a typed group is refused, or null when makeGroup takes it (it checks the input shape later). */
export function checkGroup(text: string): string | null {
  try {
    if (parseRotationName(text.trim())) return null;
  } catch (e) {
    if (e instanceof EquiLensError) return e.problem;
    throw e;
  }
  return 'expected rot:<n>, dih:<n> or so2:<m>, e.g. rot:12';
}

export const OUTPUT_CHOICES: readonly { name: string; detail: string }[] = [
  { name: 'invariant', detail: 'outputs should not change (classifiers, scores)' },
  { name: 'same', detail: 'output maps move like the input (segmentation, denoising)' },
  { name: 'classes:', detail: 'classes swap under the group: classes:<generator>=<permutation>;… e.g. classes:flip-h=1,0,2' },
  { name: 'same;', detail: 'output maps move like the input and their channels swap (left/right heatmaps): same;flip-h=1,0' },
  { name: 'points:', detail: 'keypoints: points:<fields>[,<frame>][;<generator>=<permutation>…] e.g. points:yxs;flip-h=0,2,1' },
];

/** The prompt for the choices the user completes by typing (they end in ':' or ';'). */
export const TYPED_OUTPUT_PROMPTS: Readonly<Record<string, string>> = {
  'classes:': 'classes:<generator>=<permutation>;… e.g. classes:flip-h=1,0,2',
  'same;': 'same;<generator>=<permutation>;… (channel permutation) e.g. same;flip-h=1,0',
  'points:': 'points:<fields>[,<frame>][;<generator>=<permutation>…]: fields x, y, z, s; frame unit (default), pixels, centers or centered; e.g. points:yxs;flip-h=0,2,1',
};

/** Why an output representation typed by the user is refused, or null when it may be tried. */
export function checkOutput(text: string): string | null {
  if (text === 'invariant' || text === 'same') return null;
  if (!/^(classes:|same;|points:)\S/.test(text)) return "expected 'invariant', 'same', 'classes:<generator>=<permutation>;…', 'same;<generator>=<permutation>;…' or 'points:<fields>[,<frame>][;…]'";
  // The core parses the rest against the model's group and outputs, and names any problem.
  return null;
}
