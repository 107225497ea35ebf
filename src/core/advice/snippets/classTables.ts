import type { AuditReport } from '../../report/types';

/** Per element g (report order): π_g as destinations (class c → π_g(c)) and its inverse. */
export interface ClassTables {
  perm: number[][];
  inv: number[][];
}

// Each element as a word in the generators, rightmost applied first (as src/core/groups words).
const WORDS: Record<string, (g: number) => string[]> = {
  'flip-h': (g) => (g ? ['flip-h'] : []),
  'flip-v': (g) => (g ? ['flip-v'] : []),
  c2: (g) => (g ? ['rot180'] : []),
  c4: (g) => Array<string>(g).fill('rot90'),
  d4: (g) => [...Array<string>(g % 4).fill('rot90'), ...(g >= 4 ? ['flip-h'] : [])],
  reverse: (g) => (g ? ['reverse'] : []),
};

/**
 * The class permutations of a 'classes' representation, read back from its description
 * ('classes (flip-h: 1,0,2; …)'); null for other representations or groups without indexed words.
 */
export function classTables(r: AuditReport): ClassTables | null {
  const words = WORDS[r.group.name];
  if (r.representation.kind !== 'classes' || !words) return null;
  const given = new Map([...r.representation.description.matchAll(/([\w-]+): ([\d,]+)/g)].map((m) => [m[1]!, m[2]!.split(',').map(Number)]));
  const classes = [...given.values()][0]?.length ?? 0;
  const identity = [...Array(classes).keys()];
  const perm = r.group.elements.map((_, g) => identity.map((c) => words(g).reduceRight((acc, gen) => given.get(gen)?.[acc] ?? acc, c)));
  const inv = perm.map((p) => {
    const out = identity.slice();
    p.forEach((d, c) => (out[d] = c));
    return out;
  });
  return { perm, inv };
}
