import type { Rule } from '../rule';

/** Frozen weights keep their initial law; fine only if that law was invariant. */
export const frozenLayer: Rule = {
  kind: 'frozen-layer',
  check({ config }) {
    if (config.trainable !== false) return [];
    return [{ severity: 'info', evidence: 'trainable is false: its weights stay at their initial values, invariant only if every member drew them from a G-invariant law.' }];
  },
};
