import { InvalidArgumentError } from 'commander';
import { EquiLensError } from '../core/errors';
import { parseRotationName, ROTATION_PATTERNS } from '../core/groups/continuous/names';

/** The group names `--group` accepts (makeGroup validates them again with the input shape). */
export const GROUP_NAMES = ['flip-h', 'flip-v', 'c2', 'c4', 'd4', 'translate', 'shift', 'reverse', 'permute'];

/** Names and patterns, as help lists them: … plus rot:<n>, dih:<n>, so2:<m> (continuous rotations). */
export const GROUP_HELP = [...GROUP_NAMES, ...ROTATION_PATTERNS].join(', ');

/** commander parser for --group: a fixed name, or rot:<n> / dih:<n> (n ≥ 2) / so2:<m> (m ≥ 1). */
export function parseGroupOption(v: string): string {
  if (GROUP_NAMES.includes(v)) return v;
  try {
    if (parseRotationName(v)) return v;
  } catch (e) {
    if (e instanceof EquiLensError) throw new InvalidArgumentError(e.problem);
    throw e;
  }
  throw new InvalidArgumentError(`unknown group '${v}'; valid: ${GROUP_HELP}`);
}
