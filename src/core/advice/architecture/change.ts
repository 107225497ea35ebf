import type { IndexedFinding } from '../context';
import type { Snippets } from '../types';

/** One edit of a layer's options, as a line to paste into its config in each framework. */
export interface OptionChange {
  /** What the layer has now, e.g. '1×5'. */
  was: string;
  /** What to write instead, e.g. '5×5 kernels'. */
  becomes: string;
  tfjs: string;
  keras: string;
  pytorch: string;
}

/** What an architecture finding kind asks: a title, the change in words, and code. */
export interface KindAdvice {
  title: string;
  what: string;
  snippets: Snippets;
}

/** Advice for all findings of one kind, or null when their evidence cannot be read. */
export type KindAdviser = (items: IndexedFinding[], sample: number[], group: string) => KindAdvice | null;

/** What a finding is about, for sentences: its layer, else its member. */
export function subject(f: IndexedFinding): string {
  return f.finding.layer ?? f.finding.member ?? 'the model';
}

/** Layer names in model order, each once. */
export function layerNames(items: IndexedFinding[]): string[] {
  return [...new Set(items.map(subject))];
}

/** Merges layers that need the same change, then writes the sentence and the three snippets. */
export function adviceFromChanges(title: string, items: IndexedFinding[], change: (f: IndexedFinding) => OptionChange | null, extra = ''): KindAdvice | null {
  const merged = new Map<string, { layers: string[]; c: OptionChange }>();
  for (const f of items) {
    const c = change(f);
    if (!c) return null;
    const key = JSON.stringify(c);
    const entry = merged.get(key) ?? { layers: [], c };
    if (!entry.layers.includes(subject(f))) entry.layers.push(subject(f));
    merged.set(key, entry);
  }
  const groups = [...merged.values()];
  const what = groups.map(({ layers, c }) => `${layers.join(', ')} (now ${c.was}): ${c.becomes}`).join('; ') + (extra ? `. ${extra}` : '.');
  const block = (comment: string, pick: (c: OptionChange) => string, where: string) =>
    groups.map(({ layers, c }) => `${comment} ${layers.join(', ')} (now ${c.was}): ${where}\n${pick(c)}`).join('\n\n');
  return {
    title,
    what,
    snippets: {
      tfjs: block('//', (c) => c.tfjs, "in the layer's config"),
      keras: block('#', (c) => c.keras, "in the layer's constructor"),
      pytorch: block('#', (c) => c.pytorch, 'in the matching nn module'),
    },
  };
}

/** The smallest odd number ≥ k (odd windows have a centre pixel). */
export function odd(k: number): number {
  return k % 2 === 1 ? k : k + 1;
}
