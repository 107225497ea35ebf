import { isObject } from '../../load/modelJson';
import type { Rule } from '../rule';

// i.i.d. (or constant) laws: invariant under any permutation of weight positions.
const INVARIANT = new Set([
  'glorotuniform',
  'glorotnormal',
  'heuniform',
  'henormal',
  'lecununiform',
  'lecunnormal',
  'randomnormal',
  'randomuniform',
  'truncatednormal',
  'orthogonal',
  'zeros',
  'ones',
  'constant',
  'variancescaling',
]);

/** Flags initialisers whose law is not known to be G-invariant (Identity, custom ones). */
export const initNotInvariant: Rule = {
  kind: 'init-not-invariant',
  check({ config }) {
    return Object.entries(config)
      .filter(([key]) => key.endsWith('_initializer'))
      .flatMap(([key, value]) => {
        const name = isObject(value) ? value.class_name : value;
        if (value === null || value === undefined) return [];
        const id = typeof name === 'string' ? name : 'unnamed';
        if (INVARIANT.has(id.toLowerCase().replace(/_/g, ''))) return [];
        return [
          {
            severity: 'warning' as const,
            evidence: `${key} is ${id}, not an i.i.d. law (the config records the initialiser used when the layer was created, not how loaded weights were made).`,
          },
        ];
      });
  },
};
