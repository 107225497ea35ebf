import * as tf from '@tensorflow/tfjs-core';
import { EquiLensError } from '../errors';
import { isPermutation } from './perm';
import { shapeText } from './siteGroup';
import type { Group, Representation } from './types';

/*
 * Class permutations: π maps a class index c of f(x) to the class π(c) that f(g·x) should pick.
 * (Unlike site permutations, which list sources, these list destinations, as users write them.)
 */

/** Representation for the body of 'classes:…', e.g. 'flip-h=1,0,2' or 'rot90=1,2,3,0;flip-h=…'. */
export function classRepresentation(body: string, group: Group, outputShape: (number | null)[]): Representation {
  const classes = outputShape[outputShape.length - 1];
  if (outputShape.length < 2 || classes == null) {
    const problem = `representation 'classes' needs a known class axis last, got ${shapeText(outputShape)}`;
    throw new EquiLensError(undefined, problem);
  }
  const { given, pis } = elementPerms(body, group, classes);
  // out[π(c)] = y[c], i.e. out[d] = y[π⁻¹(d)]: gather with the inverse.
  const inverses = pis.map((pi) => {
    const inv = new Int32Array(classes);
    pi.forEach((d, c) => (inv[d] = c));
    return inv;
  });
  const description = `classes (${[...given].map(([g, p]) => `${g}: ${p.join(',')}`).join('; ')})`;
  return {
    kind: 'classes',
    description,
    applyRow: (i, row) => {
      const out = new Float32Array(row.length);
      const pi = pis[i]!;
      for (let r = 0; r < row.length; r += classes) pi.forEach((d, c) => (out[r + d] = row[r + c]!));
      return out;
    },
    apply: (i, y) => {
      if (y.shape[y.rank - 1] !== classes) {
        const problem = `representation 'classes' expects ${classes} classes, got shape ${shapeText(y.shape)}`;
        throw new EquiLensError(undefined, problem);
      }
      if (pis[i]!.every((d, c) => d === c)) return tf.clone(y);
      return tf.tidy(() => tf.gather(y, tf.tensor1d(inverses[i]!, 'int32'), y.rank - 1));
    },
  };
}

/**
 * The permutation π of every element (destinations, composed along each element's word) from
 * 'gen=p0,p1,…;gen=…', checked to respect the group; `label` names the spec in messages
 * ('classes', 'points', 'same'). Generators left out act as the identity.
 */
export function elementPerms(body: string, group: Group, count: number, label = 'classes'): { given: Map<string, number[]>; pis: number[][] } {
  const given = parseGenerators(body, group, count, label);
  const identity = Array.from({ length: count }, (_, c) => c);
  const perGenerator = group.generators.map((g) => given.get(g) ?? identity);
  const pis = group.elements.map((el) => wordClasses(el.word, perGenerator, identity));
  checkHomomorphism(group, pis, label);
  return { given, pis };
}

/** Parses 'gen=p0,p1,…;gen=…' into validated permutations of 0…classes−1. */
function parseGenerators(body: string, group: Group, classes: number, label: string): Map<string, number[]> {
  const what = label === 'classes' ? 'classes' : label === 'points' ? 'points' : 'channels';
  const out = new Map<string, number[]>();
  for (const item of body
    .split(';')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const eq = item.indexOf('=');
    const gen = item.slice(0, Math.max(eq, 0)).trim();
    if (eq < 0 || !group.generators.includes(gen)) {
      throw new EquiLensError(undefined, `${label}: '${item}' must be <generator>=<permutation> with a generator of '${group.name}' (${group.generators.join(', ')})`);
    }
    if (out.has(gen)) throw new EquiLensError(undefined, `${label}: generator '${gen}' given twice`);
    const perm = item
      .slice(eq + 1)
      .split(',')
      .map((t) => (t.trim() === '' ? NaN : Number(t)));
    if (perm.length !== classes || !isPermutation(perm)) {
      throw new EquiLensError(undefined, `${label}: '${item}' is not a permutation of 0…${classes - 1} (${classes} ${what})`);
    }
    out.set(gen, perm);
  }
  if (!out.size) throw new EquiLensError(undefined, `${label}: no permutations given; e.g. ${label}:${group.generators[0]}=1,0`);
  return out;
}

/** π of the word w0·…·wk (rightmost applied first): c ↦ π_w0(…π_wk(c)). */
function wordClasses(word: readonly number[], gens: number[][], identity: number[]): number[] {
  return identity.map((c) => word.reduceRight((acc, k) => gens[k]![acc]!, c));
}

/** π(g·h) must equal π(g)∘π(h) wherever the product is known (all pairs in closed groups). */
function checkHomomorphism(group: Group, pis: number[][], label: string): void {
  const names = group.elements.map((e) => e.name);
  for (let i = 0; i < pis.length; i++) {
    for (let j = 0; j < pis.length; j++) {
      const k = group.multiply(i, j);
      if (k === null) continue;
      if (pis[k]!.some((d, c) => d !== pis[i]![pis[j]![c]!])) {
        throw new EquiLensError(undefined, `${label}: permutations do not respect group '${group.name}': π(${names[i]})∘π(${names[j]}) should equal π(${names[k]})`);
      }
    }
  }
}
