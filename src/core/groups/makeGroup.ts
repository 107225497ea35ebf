import { EquiLensError } from '../errors';
import { cyclicSpec } from './cyclic';
import { dihedralSpec } from './dihedral';
import { permuteSpec } from './permutations';
import { reverseSpec } from './reverse';
import { SiteGroup, type SiteGroupSpec } from './siteGroup';
import type { Group, Layout } from './types';

type Options = { seed: number; maxElements?: number };

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

/** Valid group names, in the order the CLI lists them. */
export const GROUP_NAMES: readonly string[] = Object.keys(BUILDERS);

const SAMPLE_SHAPE: Record<Layout, string> = { image: '[H, W, C]', sequence: '[W, C]', set: '[P, F]' };

/**
 * Builds group `name` for per-sample inputs of `sampleShape` (no batch axis). Large groups
 * (translate, shift, permute) become a fixed sample drawn from `seed`.
 */
export function makeGroup(name: string, sampleShape: number[], opts: Options): Group {
  const entry = BUILDERS[name];
  if (!entry) throw new EquiLensError(undefined, `unknown group '${name}'; valid: ${GROUP_NAMES.join(', ')}`);
  const rank = entry.layout === 'image' ? 3 : 2;
  if (sampleShape.length !== rank || !sampleShape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new EquiLensError(
      undefined,
      `group '${name}' needs ${entry.layout} inputs ${SAMPLE_SHAPE[entry.layout]}, got [${sampleShape.join(', ')}]`,
    );
  }
  const { maxElements } = opts;
  if (maxElements !== undefined && !(Number.isInteger(maxElements) && maxElements >= 1)) {
    throw new EquiLensError(undefined, `maxElements must be a whole number ≥ 1, got ${maxElements}`);
  }
  // The last axis is channels/features; every group acts on the axes before it.
  return new SiteGroup(entry.build(sampleShape.slice(0, -1), opts));
}
