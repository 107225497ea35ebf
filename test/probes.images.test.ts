import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { EquiLensError } from '../src/core/errors';
import { loadProbes, resizeBilinear, type ProbeSpec } from '../src/core/probes';
import { decodeImage } from '../src/node/imageDecoder';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';

/** Encodes RGBA bytes as a PNG; colorType 0 writes grayscale (input must have r = g = b). */
function pngBytes(width: number, height: number, rgba: number[], colorType: 0 | 2 | 6 = 6): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  return new Uint8Array(PNG.sync.write(png, { colorType }));
}

function jpegBytes(width: number, height: number, rgba: number[]): Uint8Array {
  return new Uint8Array(jpeg.encode({ width, height, data: Buffer.from(rgba) }, 95).data);
}

/** RGBA for a list of RGB pixels, alpha 255. */
function opaque(...rgb: [number, number, number][]): number[] {
  return rgb.flatMap(([r, g, b]) => [r, g, b, 255]);
}

function gray(...values: number[]): number[] {
  return opaque(...values.map((v): [number, number, number] => [v, v, v]));
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, eps: number): void {
  assert.equal(actual.length, expected.length, 'length');
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= eps, `[${i}]: ${actual[i]} vs ${expected[i]} (±${eps})`);
  }
}

async function rejectsNaming(run: Promise<unknown>, file: string, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof EquiLensError, `expected EquiLensError, got ${String(e)}`);
    assert.equal(e.file, file);
    assert.match(e.problem, pattern);
    return true;
  });
}

let root = '';
const dir = (name: string): string => join(root, name);
const spec = (path: string, sampleShape: number[], extra: Partial<ProbeSpec> = {}): ProbeSpec => ({
  path: toPosix(path),
  count: 100,
  seed: 0,
  sampleShape,
  layout: 'image',
  ...extra,
});

// Pixels of a.png: a 2×2 RGB image with distinct values in every channel.
const A_RGB: [number, number, number][] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [10, 20, 30],
];

before(() => {
  root = mkdtempSync(join(tmpdir(), 'equilens-probes-'));
  mkdirSync(dir('mixed'));
  writeFileSync(join(dir('mixed'), 'a.png'), pngBytes(2, 2, opaque(...A_RGB), 2));
  writeFileSync(join(dir('mixed'), 'b.JPG'), jpegBytes(2, 2, opaque(...Array(4).fill([200, 100, 50]))));
  writeFileSync(join(dir('mixed'), 'c.png'), pngBytes(2, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
  writeFileSync(join(dir('mixed'), 'notes.txt'), 'not an image');
  writeFileSync(join(dir('mixed'), '.hidden.png'), 'macOS resource fork, not a PNG');
  mkdirSync(join(dir('mixed'), 'sub.png'));

  mkdirSync(dir('gray'));
  writeFileSync(join(dir('gray'), 'checker.png'), pngBytes(2, 2, gray(0, 255, 255, 0), 0));
  writeFileSync(join(dir('gray'), 'ramp.png'), pngBytes(4, 4, gray(...Array.from({ length: 16 }, (_, i) => i * 16))));

  mkdirSync(dir('corrupt'));
  writeFileSync(join(dir('corrupt'), 'a.png'), pngBytes(1, 1, gray(9)));
  writeFileSync(join(dir('corrupt'), 'b.png'), pngBytes(8, 8, gray(...Array(64).fill(3))).subarray(0, 40));

  mkdirSync(dir('empty'));
  writeFileSync(join(dir('empty'), 'readme.md'), '# nothing here');
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('decodeImage', () => {
  it('decodes PNG to exact RGBA in a plain Uint8Array', () => {
    const img = decodeImage(pngBytes(2, 1, [1, 2, 3, 4, 250, 251, 252, 253]), 'x.png');
    assert.deepEqual([img.width, img.height], [2, 1]);
    assert.equal(Object.getPrototypeOf(img.data), Uint8Array.prototype);
    assert.deepEqual(Array.from(img.data), [1, 2, 3, 4, 250, 251, 252, 253]);
  });

  it('decodes grayscale PNG and JPEG to RGBA', () => {
    assert.deepEqual(Array.from(decodeImage(pngBytes(1, 1, gray(77), 0), 'g.png').data), [77, 77, 77, 255]);
    const img = decodeImage(jpegBytes(2, 2, opaque(...Array(4).fill([200, 100, 50]))), 'x.jpg');
    assert.equal(Object.getPrototypeOf(img.data), Uint8Array.prototype);
    assertClose(img.data, opaque(...Array(4).fill([200, 100, 50])), 3);
  });

  it('rejects unknown formats and corrupt files, naming the file', () => {
    assert.throws(() => decodeImage(new TextEncoder().encode('GIF89a...'), '/p/x.gif'), /^EquiLensError: \/p\/x.gif: not a PNG or JPEG/);
    const png = pngBytes(4, 4, gray(...Array(16).fill(1)));
    assert.throws(() => decodeImage(png.subarray(0, 30), '/p/t.png'), /\/p\/t.png: corrupt or unsupported PNG/);
    const jpg = jpegBytes(8, 8, gray(...Array(64).fill(1)));
    assert.throws(() => decodeImage(jpg.subarray(0, 50), '/p/t.jpg'), /\/p\/t.jpg: corrupt or unsupported JPEG/);
  });
});

describe('resizeBilinear', () => {
  it('uses half-pixel centres: [0, 1] → [0, .25, .75, 1]; 2× down is a 2×2 mean', () => {
    assert.deepEqual(Array.from(resizeBilinear(new Float32Array([0, 1]), 1, 2, 1, 1, 4)), [0, 0.25, 0.75, 1]);
    const down = resizeBilinear(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), 4, 4, 1, 2, 2);
    assert.deepEqual(Array.from(down), [3.5, 5.5, 11.5, 13.5]);
  });
});

describe('loadProbes from a folder of images', () => {
  it('loads PNG and JPEG files sorted by name, ignoring other entries, PNG values exact', async () => {
    const probes = await loadProbes(nodeFiles, spec(dir('mixed'), [2, 2, 3]), decodeImage);
    assert.equal(probes.source, 'images');
    assert.deepEqual(probes.shape, [3, 2, 2, 3]);
    assert.deepEqual(
      Array.from(probes.data.subarray(0, 12)),
      A_RGB.flat().map((v) => Math.fround(v / 255)),
    );
    assertClose(
      probes.data.subarray(12, 24),
      Array(4)
        .fill([200, 100, 50])
        .flat()
        .map((v: number) => v / 255),
      3 / 255,
    );
    assert.deepEqual(
      Array.from(probes.data.subarray(24, 36)),
      [1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15].map((v) => Math.fround(v / 255)),
    );
    assert.equal(probes.description, `${toPosix(dir('mixed'))}/ (3 PNG/JPEG, resized to 2×2)`);
  });

  it('keeps alpha for 4 channels and takes only the first `count` images', async () => {
    const probes = await loadProbes(nodeFiles, spec(dir('mixed'), [2, 2, 4], { count: 1 }), decodeImage);
    assert.deepEqual(probes.shape, [1, 2, 2, 4]);
    assert.deepEqual(
      Array.from(probes.data),
      opaque(...A_RGB).map((v) => Math.fround(v / 255)),
    );
    assert.match(probes.description, /\(1 of 3 PNG\/JPEG/);
  });

  it('converts colour to BT.601 luma for 1 channel', async () => {
    const probes = await loadProbes(nodeFiles, spec(dir('mixed'), [2, 2, 1], { count: 1 }), decodeImage);
    const luma = A_RGB.map(([r, g, b]) => Math.fround((0.299 * r + 0.587 * g + 0.114 * b) / 255));
    assert.deepEqual(Array.from(probes.data), luma);
    assertClose(probes.data, [0.299, 0.587, 0.114, (0.299 * 10 + 0.587 * 20 + 0.114 * 30) / 255], 1e-7);
  });

  it('resizes bilinearly to the model size (known values up and down)', async () => {
    const probes = await loadProbes(nodeFiles, spec(dir('gray'), [4, 4, 1]), decodeImage);
    assert.deepEqual(probes.shape, [2, 4, 4, 1]);
    const checkerUp = [0, 0.25, 0.75, 1, 0.25, 0.375, 0.625, 0.75, 0.75, 0.625, 0.375, 0.25, 1, 0.75, 0.25, 0];
    assertClose(probes.data.subarray(0, 16), checkerUp, 1e-6);
    assertClose(
      probes.data.subarray(16),
      Array.from({ length: 16 }, (_, i) => (i * 16) / 255),
      1e-6,
    );
    const down = await loadProbes(nodeFiles, spec(dir('gray'), [2, 2, 1]), decodeImage);
    // ramp.png is i·16 at index i of a 4×4 grid: each output pixel averages a 2×2 block.
    assertClose(
      down.data.subarray(4),
      [40, 72, 168, 200].map((v) => v / 255),
      1e-6,
    );
    assert.match(down.description, /resized to 2×2/);
  });

  it('applies per-channel mean/std after scaling', async () => {
    const s = spec(dir('mixed'), [2, 2, 3], { count: 1, mean: [0.5, 0, 1], std: [0.5, 2, 1] });
    const probes = await loadProbes(nodeFiles, s, decodeImage);
    const expected = A_RGB.flatMap(([r, g, b]) => [(r / 255 - 0.5) / 0.5, g / 255 / 2, b / 255 - 1]);
    assertClose(probes.data, expected, 1e-6);
    assert.match(probes.description, /normalised \(mean \[0.5, 0, 1\], std \[0.5, 2, 1\]\)$/);
  });

  it('names the corrupt image', async () => {
    const bad = toPosix(join(dir('corrupt'), 'b.png'));
    await rejectsNaming(loadProbes(nodeFiles, spec(dir('corrupt'), [1, 1, 1]), decodeImage), bad, /corrupt or unsupported PNG/);
  });

  it('rejects a folder without images, a non-image layout, odd channels and a missing decoder', async () => {
    const empty = toPosix(dir('empty'));
    await rejectsNaming(loadProbes(nodeFiles, spec(dir('empty'), [2, 2, 1]), decodeImage), empty, /no PNG or JPEG images/);
    const mixed = toPosix(dir('mixed'));
    const seq = spec(dir('mixed'), [4, 3], { layout: 'sequence' });
    await rejectsNaming(loadProbes(nodeFiles, seq, decodeImage), mixed, /gives image probes/);
    await rejectsNaming(loadProbes(nodeFiles, spec(dir('mixed'), [2, 2, 2]), decodeImage), mixed, /1, 3 or 4 channels/);
    await rejectsNaming(loadProbes(nodeFiles, spec(dir('mixed'), [2, 2, 3])), mixed, /no image decoder/);
  });
});
