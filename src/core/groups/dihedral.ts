import { EquiLensError } from '../errors';
import { wordPerm } from './perm';
import { gridText, type SiteElement, type SiteGroupSpec } from './siteGroup';

/*
 * Rotations and reflections of images (NHWC); site = i·W + j, row 0 at the top.
 *
 * Rotation convention: rot90 rotates the image counterclockwise as displayed, exactly like numpy
 * `np.rot90(img, k=1, axes=(0, 1))` on an HWC array: out[i][j] = in[j][W−1−i].
 * flip-h mirrors left-right, out[i][j] = in[i][W−1−j]; flip-v mirrors up-down,
 * out[i][j] = in[H−1−i][j]; rot180 is out[i][j] = in[H−1−i][W−1−j].
 */

type Move = 'rot90' | 'rot180' | 'flip-h' | 'flip-v';

/** The dihedral families: their generators and elements as words (right to left). */
const FAMILIES: Record<string, { generators: Move[]; elements: [string, number[]][] }> = {
  'flip-h': {
    generators: ['flip-h'],
    elements: [
      ['e', []],
      ['flip-h', [0]],
    ],
  },
  'flip-v': {
    generators: ['flip-v'],
    elements: [
      ['e', []],
      ['flip-v', [0]],
    ],
  },
  c2: {
    generators: ['rot180'],
    elements: [
      ['e', []],
      ['rot180', [0]],
    ],
  },
  c4: {
    generators: ['rot90'],
    elements: [
      ['e', []],
      ['rot90', [0]],
      ['rot180', [0, 0]],
      ['rot270', [0, 0, 0]],
    ],
  },
  d4: {
    generators: ['rot90', 'flip-h'],
    elements: [
      ['e', []],
      ['rot90', [0]],
      ['rot180', [0, 0]],
      ['rot270', [0, 0, 0]],
      ['flip-h', [1]],
      ['rot90·flip-h', [0, 1]],
      ['rot180·flip-h', [0, 0, 1]],
      ['rot270·flip-h', [0, 0, 0, 1]],
    ],
  },
  // D_2 of the continuous family's names (groups/continuous): every element permutes pixels exactly.
  'dih:2': {
    generators: ['rot180', 'flip-h'],
    elements: [
      ['e', []],
      ['rot180', [0]],
      ['flip-h', [1]],
      ['rot180·flip-h', [0, 1]],
    ],
  },
};

/** Names of the image groups built here. */
export const DIHEDRAL_NAMES = Object.keys(FAMILIES);

/** True for groups whose elements need square grids. */
export function needsSquare(name: string): boolean {
  return FAMILIES[name]?.generators.includes('rot90') ?? false;
}

/** Source pixel (row, column) of output pixel (i, j) for each move; see the convention above. */
const SOURCE: Record<Move, (i: number, j: number, H: number, W: number) => [number, number]> = {
  rot90: (i, j, _H, W) => [j, W - 1 - i],
  rot180: (i, j, H, W) => [H - 1 - i, W - 1 - j],
  'flip-h': (i, j, _H, W) => [i, W - 1 - j],
  'flip-v': (i, j, H) => [H - 1 - i, j],
};

function movePerm(group: string, move: Move, [h, w]: readonly number[]): Int32Array {
  const H = h!;
  const W = w!;
  if (move === 'rot90' && H !== W) {
    throw new EquiLensError(undefined, `group '${group}' needs square maps, got ${gridText([H, W])}`);
  }
  const p = new Int32Array(H * W);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      const [si, sj] = SOURCE[move](i, j, H, W);
      p[i * W + j] = si * W + sj;
    }
  }
  return p;
}

/** Spec of a dihedral image group ('flip-h', 'flip-v', 'c2', 'c4', 'd4'); grid is [H, W]. */
export function dihedralSpec(name: string, grid: readonly number[]): SiteGroupSpec {
  const family = FAMILIES[name]!;
  if (needsSquare(name) && grid[0] !== grid[1]) {
    throw new EquiLensError(undefined, `group '${name}' needs square images, got ${gridText(grid)}`);
  }
  const elements = family.elements.map(([elName, word]): SiteElement => ({
    name: elName,
    word,
    sites: (g) => wordPerm(word, (k) => movePerm(name, family.generators[k]!, g), g[0]! * g[1]!),
  }));
  // A 3×3 grid tells all eight elements of d4 apart, whatever the probes' size.
  const { generators } = family;
  return { name, layout: 'image', generators, elements, fullOrder: elements.length, sampled: false, tableGrid: [3, 3] };
}
