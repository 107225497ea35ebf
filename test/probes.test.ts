import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import { encodeNpy, loadProbes, type ProbeSpec } from '../src/core/probes';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';

let root = '';
/** Writes a .npy into the temp dir and returns its core-style path. */
function npy(name: string, shape: number[], data: Float32Array | Uint8Array): string {
  const p = join(root, name);
  writeFileSync(p, encodeNpy(shape, data));
  return toPosix(p);
}

function spec(path: string | undefined, sampleShape: number[], extra: Partial<ProbeSpec> = {}): ProbeSpec {
  return { path, count: 100, seed: 0, sampleShape, layout: 'image', ...extra };
}

const ramp = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => i / 10);

async function rejectsWith(run: Promise<unknown>, file: string | undefined, pattern: RegExp): Promise<void> {
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof EquiLensError, `expected EquiLensError, got ${String(e)}`);
    assert.equal(e.file, file);
    assert.match(e.problem, pattern);
    return true;
  });
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'equilens-npy-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('loadProbes from .npy', () => {
  it('loads [B, ...sampleShape] float32 as is', async () => {
    const file = npy('batch.npy', [3, 2, 2, 1], ramp(12));
    const probes = await loadProbes(nodeFiles, spec(file, [2, 2, 1]));
    assert.equal(probes.source, 'npy');
    assert.deepEqual(probes.shape, [3, 2, 2, 1]);
    assert.deepEqual(probes.data, ramp(12));
    assert.equal(probes.description, `${file} (3×2×2×1)`);
  });

  it('takes a single sample, and accepts a missing trailing channel of 1', async () => {
    const one = await loadProbes(nodeFiles, spec(npy('one.npy', [2, 2, 1], ramp(4)), [2, 2, 1]));
    assert.deepEqual(one.shape, [1, 2, 2, 1]);
    const noChannel = await loadProbes(nodeFiles, spec(npy('hw.npy', [5, 2, 2], ramp(20)), [2, 2, 1]));
    assert.deepEqual(noChannel.shape, [5, 2, 2, 1]);
    assert.deepEqual(noChannel.data, ramp(20));
  });

  it('scales uint8 to [0, 1] like images', async () => {
    const probes = await loadProbes(nodeFiles, spec(npy('u8.npy', [1, 2, 2], new Uint8Array([0, 51, 204, 255])), [2, 2]));
    assert.deepEqual(Array.from(probes.data), [0, 0.2, 0.8, 1].map(Math.fround));
  });

  it('takes the first `count` probes, or all with Infinity', async () => {
    const file = npy('many.npy', [6, 3, 2], ramp(36));
    const first = await loadProbes(nodeFiles, spec(file, [3, 2], { layout: 'sequence', count: 2 }));
    assert.deepEqual(first.shape, [2, 3, 2]);
    assert.deepEqual(first.data, ramp(12));
    assert.equal(first.description, `${file} (6×3×2), first 2`);
    const all = await loadProbes(nodeFiles, spec(file, [3, 2], { layout: 'set', count: Infinity }));
    assert.deepEqual(all.shape, [6, 3, 2]);
  });

  it('normalises with one mean/std for all channels', async () => {
    const probes = await loadProbes(nodeFiles, spec(npy('n.npy', [1, 2, 2], ramp(4)), [2, 2], { mean: [0.1], std: [0.1] }));
    assert.deepEqual(
      Array.from(probes.data),
      [0, 0.1, 0.2, 0.3].map((v) => Math.fround((Math.fround(v) - 0.1) / 0.1)),
    );
  });

  it('rejects a shape mismatch, naming the file and both shapes', async () => {
    const file = npy('wrong.npy', [3, 4, 4, 1], ramp(48));
    await rejectsWith(loadProbes(nodeFiles, spec(file, [2, 2, 1])), file, /\(3×4×4×1\).*\(B×2×2×1\) or \(2×2×1\)/);
    await rejectsWith(loadProbes(nodeFiles, spec(npy('empty.npy', [0, 2], ramp(0)), [2])), toPosix(join(root, 'empty.npy')), /holds no probes/);
  });

  it('rejects missing paths, bad counts, shapes and normalisation', async () => {
    const missing = toPosix(join(root, 'nope.npy'));
    await rejectsWith(loadProbes(nodeFiles, spec(missing, [2])), missing, /no such file or folder/);
    const file = npy('ok.npy', [2, 2, 2, 1], ramp(8));
    await rejectsWith(loadProbes(nodeFiles, spec(file, [2, 2, 1], { count: 0 })), undefined, /count must be a positive integer/);
    await rejectsWith(loadProbes(nodeFiles, spec(undefined, [2, 2, 1], { count: 2.5 })), undefined, /count/);
    await rejectsWith(loadProbes(nodeFiles, spec(undefined, [2, 2, 1], { count: Infinity })), undefined, /count/);
    await rejectsWith(loadProbes(nodeFiles, spec(file, [-1, 2, 1])), undefined, /fixed positive sizes/);
    await rejectsWith(loadProbes(nodeFiles, spec(file, [2, 2, 1], { mean: [0, 0] })), undefined, /mean has 2 values; expected 1 \(/);
    await rejectsWith(loadProbes(nodeFiles, spec(file, [2, 2, 1], { std: [0] })), undefined, /std must not be 0/);
  });
});
