import { cyclicCode } from './cyclicCode';
import { dihedralCode } from './dihedralCode';
import { permuteCode, reverseCode } from './sequenceCode';
import type { GroupCode } from './codeTypes';

// The types live in codeTypes.ts, so the per-group code modules need not import this one (no import cycle).
export { MAX_ENUMERATED, type FrameworkCode, type GroupCode } from './codeTypes';

/** Code for the audited group on per-sample inputs `sample`; null for an unknown group. */
export function groupCode(name: string, sample: number[]): GroupCode | null {
  switch (name) {
    case 'flip-h':
    case 'flip-v':
    case 'c2':
    case 'c4':
    case 'd4':
      return dihedralCode(name);
    case 'translate':
    case 'shift':
      return cyclicCode(name, sample);
    case 'reverse':
      return reverseCode();
    case 'permute':
      return permuteCode(sample[0] ?? 0);
    default:
      return null;
  }
}
