import { EquiLensError } from '../../errors';

/*
 * Names of the continuous rotation groups: rot:<n> (C_n, n ≥ 2), dih:<n> (D_n, n ≥ 2) and
 * so2:<m> (m ≥ 1 angles drawn from --seed). The exact ones — rot:2, rot:4, dih:4 — are the
 * permutation groups c2, c4 and d4 under another name, and dih:2 a permutation group of its own.
 */

export type RotationFamily = 'rot' | 'dih' | 'so2';

/** A parsed continuous group name. */
export interface RotationName {
  family: RotationFamily;
  /** n of rot:<n> / dih:<n>, m of so2:<m>. */
  n: number;
}

/** The patterns, for help texts and messages. */
export const ROTATION_PATTERNS: readonly string[] = ['rot:<n>', 'dih:<n>', 'so2:<m>'];

/** JSON-schema pattern a config `group` of this kind matches. */
export const ROTATION_NAME_PATTERN = '^(rot|dih):([2-9]|[1-9][0-9]+)$|^so2:[1-9][0-9]*$';

/** Largest n (or m) accepted: each element is one more forward pass over every probe. */
export const MAX_ROTATIONS = 360;

const SHAPE = /^(rot|dih|so2):(.*)$/;

/** True when `name` has the form of a continuous group name (valid or not). */
export function looksLikeRotationName(name: string): boolean {
  return SHAPE.test(name);
}

/** Parses 'rot:16', 'dih:8', 'so2:20'; null for names of another form; EquiLensError for bad ones. */
export function parseRotationName(name: string): RotationName | null {
  const m = SHAPE.exec(name);
  if (!m) return null;
  const family = m[1] as RotationFamily;
  const min = family === 'so2' ? 1 : 2;
  const text = m[2]!;
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min || n > MAX_ROTATIONS) {
    const what = family === 'so2' ? 'a number of sampled angles' : 'the number of rotations';
    throw new EquiLensError(undefined, `group '${name}': ${family}:<${family === 'so2' ? 'm' : 'n'}> needs ${what}, a whole number from ${min} to ${MAX_ROTATIONS}`);
  }
  return { family, n };
}

/**
 * The permutation group a continuous name is exactly, else null: rot:2 → c2, rot:4 → c4,
 * dih:4 → d4 (the same group under its usual name), dih:2 → 'dih:2' (built by dihedral.ts).
 */
export function exactAlias(parsed: RotationName): string | null {
  if (parsed.family === 'rot' && (parsed.n === 2 || parsed.n === 4)) return `c${parsed.n}`;
  if (parsed.family === 'dih' && (parsed.n === 2 || parsed.n === 4)) return parsed.n === 4 ? 'd4' : 'dih:2';
  return null;
}
