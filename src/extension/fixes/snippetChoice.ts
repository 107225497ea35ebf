import { augmentationSnippets } from '../../core/advice/staticFixes';
import type { Snippets } from '../../core/advice/types';
import { FRAMEWORKS } from './fixMarkdown';

export type Framework = keyof Snippets;

/** Groups whose code is written for one input size: translations, shifts and permutations. */
const SIZED = new Set(['translate', 'shift', 'permute']);

/** The frameworks for the quick pick, the last one used first so Enter repeats it. */
export function frameworkChoices(last: string | undefined): { id: Framework; label: string; description?: string }[] {
  const items = FRAMEWORKS.map(({ id, label }) => ({ id, label, ...(id === last && { description: 'last used' }) }));
  return items.sort((a, b) => Number(b.id === last) - Number(a.id === last));
}

/**
 * The augmentation snippet for `group` in one framework, or why there is none: an unknown group,
 * or a sized group with no input size known (no model open, no audit of this group yet).
 */
export function augmentationSnippet(group: string, sample: readonly number[] | null, output: string, framework: Framework): { code: string } | { problem: string } {
  if (SIZED.has(group) && !sample?.length) {
    return { problem: `the ${group} snippet needs the model's input size: open its model JSON (with a declared batch_input_shape) or audit it under ${group} first.` };
  }
  const code = augmentationSnippets(group, sample ?? [], output)?.[framework];
  return code ? { code } : { problem: `no augmentation snippet for group '${group}'.` };
}
