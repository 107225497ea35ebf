import { EquiLensError } from '../errors';
import { exactAlias, parseRotationName, ROTATION_PATTERNS } from './continuous/names';
import { RotationGroup } from './continuous/rotationGroup';
import { cyclicSpec } from './cyclic';
import { dihedralSpec } from './dihedral';
import { permuteSpec } from './permutations';
import { reverseSpec } from './reverse';
import { SiteGroup, type SiteGroupSpec } from './siteGroup';
import type { Group, Layout } from './types';

interface Options {
  seed: number;
  maxElements?: number;
}

/** Every group name, its layout and how to build it from the site grid. */
const BUILDERS: Record<string, { layout: Layout; build: (grid: number[], opts: Options) => SiteGroupSpec }> = {
  'flip-h': { layout: 'image', build: (g) => dihedralSpec('flip-h', g) },
  'flip-v': { layout: 'image', build: (g) => dihedralSpec('flip-v', g) },
  c2: { layout: 'image', build: (g) => dihedralSpec('c2', g) },
  c4: { layout: 'image', build: (g) => dihedralSpec('c4', g) },
  d4: { layout: 'image', build: (g) => dihedralSpec('d4', g) },
  translate: { layout: 'image', build: (g, o) => cyclicSpec('translate', g, o) },
  shift: { layout: 'sequence', build: (g, o) => cyclicSpec('shift', g, o) },
  reverse: { layout: 'sequence', build: () => reverseSpec() },
  permute: { layout: 'set', build: (g, o) => permuteSpec(g[0]!, o) },
};

/** Valid fixed group names, in the order the CLI lists them (rot:<n>, dih:<n>, so2:<m> come on top). */
export const GROUP_NAMES: readonly string[] = Object.keys(BUILDERS);

/** Every accepted group name or pattern, for help texts and messages. */
export const GROUP_FORMS: readonly string[] = [...GROUP_NAMES, ...ROTATION_PATTERNS];

/** True when makeGroup knows `name` (a fixed name or a well-formed rot:<n>, dih:<n>, so2:<m>). */
export function isGroupName(name: string): boolean {
  if (GROUP_NAMES.includes(name)) return true;
  try {
    return parseRotationName(name) !== null;
  } catch {
    return false;
  }
}

const SAMPLE_SHAPE: Record<Layout, string> = { image: '[H, W, C]', sequence: '[W, C]', set: '[P, F]' };

/**
 * Builds group `name` for per-sample inputs of `sampleShape` (no batch axis). Large groups
 * (translate, shift, permute) become a fixed sample drawn from `seed`.
 */
export function makeGroup(name: string, sampleShape: number[], opts: Options): Group {
  // rot:<n>, dih:<n>, so2:<m>; the exact ones (rot:2, rot:4, dih:4) are c2, c4, d4 bit for bit.
  const rotation = parseRotationName(name);
  const alias = rotation && exactAlias(rotation);
  if (alias && alias !== name) return makeGroup(alias, sampleShape, opts);
  const entry = alias ? { layout: 'image' as const, build: (g: number[]) => dihedralSpec(alias, g) } : rotation ? { layout: 'image' as const } : BUILDERS[name];
  if (!entry) throw new EquiLensError(undefined, `unknown group '${name}'; valid: ${GROUP_FORMS.join(', ')}`);
  const rank = entry.layout === 'image' ? 3 : 2;
  if (sampleShape.length !== rank || !sampleShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new EquiLensError(undefined, `group '${name}' needs ${entry.layout} inputs ${SAMPLE_SHAPE[entry.layout]}, got [${sampleShape.join(', ')}]`);
  }
  const { maxElements } = opts;
  if (maxElements !== undefined && !(Number.isInteger(maxElements) && maxElements >= 1)) {
    throw new EquiLensError(undefined, `maxElements must be a whole number ≥ 1, got ${maxElements}`);
  }
  // The last axis is channels/features; every group acts on the axes before it.
  if (!('build' in entry)) return new RotationGroup(name, rotation!, sampleShape.slice(0, -1), opts.seed);
  return new SiteGroup(entry.build(sampleShape.slice(0, -1), opts));
}
