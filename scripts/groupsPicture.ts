// `npx tsx scripts/groupsPicture.ts`: draws docs/groups/rotation.svg for docs/groups.md — an
// example probe, what the model sees under rot:16 (ρ(e)x = M·x, and ρ(rot22.5)x = M·R·M·x), and
// the inscribed-disk mask M. Pixels are drawn as squares, as the audit sees them: no smoothing.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync, writeFileSync } from 'node:fs';
import { makeGroup } from '../src/core/groups';
import { diskMask } from '../src/core/groups/continuous/resample';
import { parseNpy } from '../src/core/probes';

const PROBE = 'examples/probes/test-images.npy';
const INDEX = 0;
const OUT = 'docs/groups/rotation.svg';
const CELL = 12;
const GAP = 28;

function panel(values: ArrayLike<number>, H: number, W: number, x0: number, title: string, outside?: Float32Array): string {
  const cells: string[] = [];
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      const v = Math.max(0, Math.min(1, values[i * W + j]!));
      const grey = Math.round(255 * v);
      // Pixels the mask removes are hatched in a muted colour, so zeros from the mask read apart from dark pixels.
      const fill = outside && !outside[i * W + j] ? '#c9d3e0' : `rgb(${grey},${grey},${grey})`;
      cells.push(`<rect x="${x0 + j * CELL}" y="${30 + i * CELL}" width="${CELL}" height="${CELL}" fill="${fill}"/>`);
    }
  }
  const cx = x0 + (W * CELL) / 2;
  const r = ((Math.min(H, W) - 1) / 2 + 0.5) * CELL;
  return [
    `<text x="${cx}" y="20" text-anchor="middle" font-family="sans-serif" font-size="13">${title}</text>`,
    ...cells,
    `<circle cx="${cx}" cy="${30 + (H * CELL) / 2}" r="${r}" fill="none" stroke="#d9480f" stroke-width="1.5" stroke-dasharray="4 3"/>`,
  ].join('\n');
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const npy = parseNpy(new Uint8Array(readFileSync(PROBE)), PROBE);
  const [, H, W, C] = npy.shape as [number, number, number, number];
  const size = H * W * C;
  const probe = Float32Array.from(npy.data as ArrayLike<number>).subarray(INDEX * size, (INDEX + 1) * size);
  const group = makeGroup('rot:16', [H, W, C], { seed: 0 });
  const x = tf.tensor4d(probe, [1, H, W, C]);
  const seen = group.apply(0, x).dataSync();
  const turned = group.apply(1, x).dataSync();
  const mask = diskMask(H, W);
  const step = W * CELL + GAP;
  const panels = [
    panel(probe, H, W, 10, `probe ${INDEX} (${H}×${W})`),
    panel(seen, H, W, 10 + step, 'ρ(e)x = M·x', mask),
    panel(turned, H, W, 10 + 2 * step, `ρ(${group.elements[1]!.name})x = M·R·M·x`, mask),
    panel(mask, H, W, 10 + 3 * step, 'mask M (inscribed disk)'),
  ];
  const width = 20 + 4 * W * CELL + 3 * GAP;
  const height = 40 + H * CELL;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n<rect width="100%" height="100%" fill="white"/>\n${panels.join('\n')}\n</svg>\n`;
  writeFileSync(OUT, svg);
  console.log(`wrote ${OUT} (${group.name}, element ${group.elements[1]!.name})`);
}

void main();
