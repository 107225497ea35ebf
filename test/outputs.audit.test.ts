// Issue 12 point 5 end to end: keypoint and heatmap models built so that they are exactly
// equivariant under a known output rule, audited under the right rule, wrong ones, and merged shards.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditSpec } from '../src/core/audit/spec';
import type { AuditReport } from '../src/core/report/types';
import { renderHtml } from '../src/core/report/html';
import { renderMarkdown } from '../src/core/report/markdown';
import { renderTerminal } from '../src/core/report/terminal';
import { verdict } from '../src/core/report/rows';
import { mergeShards } from '../src/core/shard/mergeShards';
import { readShard } from '../src/core/shard/readShard';
import { runShard } from '../src/core/shard/runShard';
import { nodeFiles } from '../src/node/nodeFiles';
import { saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';
import { fakeOutcome, fakeRun } from './helpers/checkFixtures';
import { renderSarif } from '../src/core/ci/sarif';

const ROOT = join(__dirname, '..');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')));
const tmp = tempDir('equilens-outputs-');
const H = 5;
const W = 6;
let keypoints = '';
let heatmaps = '';
let symmetricMaps = '';
let classifier = '';

/** Seeded uniform values in [−0.5, 0.5). */
function uniform(n: number, seed: number): number[] {
  let s = seed * 7919 + 1;
  return Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

/**
 * Two keypoints (x, y, score in pixel-index coordinates) from one Dense layer on the flattened
 * image: point 0 weighs pixels by a(r, c), point 1 by its mirror a(r, W−1−c), each coordinate
 * measured from the centre, so flipping the input sends point 0 to the mirror of point 1 exactly:
 * 'points:xys,centers;flip-h=1,0' holds, without the permutation it does not.
 */
function keypointModel(seed: number): tfl.Sequential {
  // A shared part and a member's own: the ensemble mean is not ≈ 0 (THEORY §4 needs Z well above noise).
  const own = uniform(H * W, seed);
  const a = uniform(H * W, 100).map((v, i) => v + 0.3 * own[i]!);
  const sym = uniform(H * W, seed + 50);
  const c0 = (W - 1) / 2;
  const r0 = (H - 1) / 2;
  const kernel = new Float32Array(H * W * 6);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      const p = r * W + c;
      const mirror = r * W + (W - 1 - c);
      const s = (sym[p]! + sym[mirror]!) / 2;
      const cols = [(c - c0) * a[p]!, (r - r0) * a[p]!, s, (c - c0) * a[mirror]!, (r - r0) * a[mirror]!, s];
      cols.forEach((v, k) => (kernel[p * 6 + k] = v));
    }
  }
  const m = tfl.sequential();
  m.add(tfl.layers.flatten({ inputShape: [H, W, 1] }));
  m.add(tfl.layers.dense({ units: 6 }));
  m.setWeights([tf.tensor2d(kernel, [H * W, 6]), tf.tensor1d([c0, r0, 0, c0, r0, 0])]);
  return m;
}

/** A 3×3 'same' conv with 2 filters; `mirrored`: filter 1 is filter 0 mirrored left-right, else each filter is symmetric. */
function heatmapModel(seed: number, mirrored: boolean): tfl.Sequential {
  const k0 = uniform(9, seed);
  const at = (i: number, j: number) => k0[i * 3 + j]!;
  const kernel = new Float32Array(9 * 2);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const f0 = mirrored ? at(i, j) : (at(i, j) + at(i, 2 - j)) / 2;
      const f1 = mirrored ? at(i, 2 - j) : f0 + 0.3;
      kernel[(i * 3 + j) * 2] = f0;
      kernel[(i * 3 + j) * 2 + 1] = f1;
    }
  }
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [H, W, 1], filters: 2, kernelSize: 3, padding: 'same', useBias: false }));
  m.setWeights([tf.tensor4d(kernel, [3, 3, 1, 2])]);
  return m;
}

/** An exactly flip-invariant classifier: symmetric conv, global average pool, softmax. */
function invariantClassifier(): tfl.Sequential {
  const m = heatmapModel(9, false);
  m.add(tfl.layers.globalAveragePooling2d({}));
  m.add(tfl.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tfl.initializers.randomUniform({ minval: -1, maxval: 1, seed: 4 }) }));
  return m;
}

async function save(dir: string, m: tfl.LayersModel): Promise<string> {
  const path = writeModel(dir, await saveArtifacts(m));
  m.dispose();
  return path;
}

before(async () => {
  await tf.setBackend('cpu');
  for (const i of [1, 2, 3]) await save(`${tmp.dir}/kp/member-${i}`, keypointModel(i));
  keypoints = `${tmp.dir}/kp`;
  heatmaps = await save(`${tmp.dir}/hm`, heatmapModel(3, true));
  symmetricMaps = await save(`${tmp.dir}/sym`, heatmapModel(5, false));
  classifier = await save(`${tmp.dir}/cls`, invariantClassifier());
});
after(() => tmp.cleanup());

const spec = (targets: string, output: string, extra: Partial<AuditSpec> = {}): AuditSpec => ({ targets: [targets], group: 'flip-h', output, probesCount: 8, seed: 0, localise: false, ...extra });
const audit = (targets: string, output: string, extra: Partial<AuditSpec> = {}) => runAudit(spec(targets, output, extra), { fs: nodeFiles, backend: 'cpu' });
const mismatches = (r: AuditReport) => r.findings.filter((f) => f.kind === 'representation-mismatch');

describe('keypoints', () => {
  test('exactly flip-equivariant under its points rule: relError < 1e-5, pointErrorPx ≈ 0', async () => {
    const r = await audit(keypoints, 'points:xys,centers;flip-h=1,0');
    assert.ok(validate(r), JSON.stringify(validate.errors));
    assert.equal(r.representation.kind, 'points');
    assert.equal(r.representation.description, 'points (x, y, score; centers frame; flip-h swaps 0↔1)');
    assert.equal(r.outputKind, 'regression');
    for (const m of r.members) {
      assert.ok(m.relError! < 1e-5, `member ${m.relError}`);
      assert.ok(m.pointErrorPx! < 1e-4, `member px ${m.pointErrorPx}`);
      assert.equal(m.osp, null);
    }
    assert.ok(r.ensemble!.relError! < 1e-5);
    assert.ok(r.ensemble!.pointErrorPx! < 1e-4);
    assert.deepEqual(mismatches(r), []);
    assert.match(renderTerminal(r), /pointErrorPx \(mean point displacement, input pixels\): members [\d.e-]+ px/);
    assert.match(renderMarkdown(r), /pointErrorPx/);
    assert.match(renderHtml(r), /pointErrorPx/);
  });

  test('a wrong permutation (none) gives a clearly larger error', async () => {
    const r = await audit(keypoints, 'points:xys,centers');
    for (const m of r.members) assert.ok(m.relError! > 0.05 && m.pointErrorPx! > 0.1, `${m.relError} ${m.pointErrorPx}`);
  });

  test('the wrong frame (pixels: one pixel off) is found: representation-mismatch suggests centers', async () => {
    const r = await audit(keypoints, 'points:xys,pixels;flip-h=1,0');
    // Every x is off by exactly one pixel: pointErrorPx = 1 (each pair has a one-pixel Δx).
    assert.ok(Math.abs(r.members[0]!.pointErrorPx! - 1) < 1e-4, String(r.members[0]!.pointErrorPx));
    const found = mismatches(r);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'warning');
    assert.match(found[0]!.evidence, /under 'points:xys,pixels;flip-h=1,0' but .* under 'points:xys,centers;flip-h=1,0' .*audit with --output 'points:xys,centers;flip-h=1,0'/);
    assert.match(renderTerminal(r), /warning · –: Representation is probably wrong — relError/);
    assert.match(renderMarkdown(r), /Representation is probably wrong/);
    assert.match(renderHtml(r), /Representation is probably wrong/);
    const sarif = renderSarif(fakeRun([fakeOutcome('kp', r)]), { uri: (p) => p, line: () => null }) as { runs: { results: { ruleId: string; level: string; message: { text: string } }[] }[] };
    const hit = sarif.runs[0]!.results.find((x) => x.ruleId === 'representation-mismatch');
    assert.equal(hit?.level, 'warning');
    assert.match(hit.message.text, /^kp: Representation is probably wrong — relError/);
  });

  test("the output layer's per-layer floor is the report's floor (both in the centered frame)", async () => {
    const r = await audit(keypoints, 'points:xys,pixels;flip-h=1,0', { localise: true });
    const last = r.layers!.at(-1)!;
    assert.ok(r.ensemble!.floor! > 0.01, String(r.ensemble!.floor));
    assert.ok(Math.abs(last.floor! - r.ensemble!.floor!) < 1e-6 * r.ensemble!.floor! + 1e-9, `${last.floor} vs ${r.ensemble!.floor}`);
  });

  test('merged shards keep pointErrorPx and the finding', async () => {
    const s = spec(keypoints, 'points:xys,pixels;flip-h=1,0', { probes: undefined });
    const host = { fs: nodeFiles, backend: 'cpu' };
    const list = [];
    for (const index of [1, 2]) {
      const text = JSON.stringify(await runShard(s, { index, count: 2 }, host));
      list.push({ file: `s${index}.json`, shard: readShard(text, `s${index}.json`) });
    }
    const merged = mergeShards(list);
    const single = await runAudit(s, host);
    assert.deepEqual(
      merged.members.map((m) => m.pointErrorPx),
      single.members.map((m) => m.pointErrorPx),
    );
    assert.equal(merged.ensemble!.pointErrorPx, single.ensemble!.pointErrorPx);
    assert.deepEqual(mismatches(merged), mismatches(single));
    assert.equal(mismatches(merged).length, 1);
  });

  test('an output that is not a whole number of points is refused in one line', async () => {
    await assert.rejects(
      audit(keypoints, 'points:xyzs'),
      (e: unknown) => e instanceof Error && e.message.includes('holds 6 values per probe, not a whole number of groups') && !e.message.includes('\n'),
    );
  });
});

describe('heatmaps', () => {
  test("'same;flip-h=1,0': left/right channels swap, exactly", async () => {
    const r = await audit(heatmaps, 'same;flip-h=1,0');
    assert.ok(validate(r), JSON.stringify(validate.errors));
    assert.equal(r.representation.kind, 'same');
    assert.equal(r.representation.description, 'same (outputs move like the input; channels: flip-h swaps 0↔1)');
    assert.ok(r.members[0]!.relError! < 1e-5, String(r.members[0]!.relError));
    const plain = await audit(heatmaps, 'same');
    assert.ok(plain.members[0]!.relError! > 0.1, String(plain.members[0]!.relError));
    // Chosen 'same' without the swap: nothing to suggest (the swap cannot be guessed).
    assert.deepEqual(mismatches(plain), []);
  });

  test('representation-mismatch fires on a map output audited as invariant', async () => {
    const r = await audit(symmetricMaps, 'invariant');
    assert.ok(r.members[0]!.relError! > 0.05);
    const found = mismatches(r);
    assert.equal(found.length, 1);
    assert.match(found[0]!.evidence, /under 'invariant' but .* under 'same' \((over 1000|\d+)× lower\).*audit with --output 'same'/);
    // No reading of the floor or error as a verdict when the rule is probably wrong.
    assert.equal(verdict(r), "not judged: the representation is probably wrong (representation-mismatch), so these errors measure the wrong thing — audit with --output 'same'");
    const right = await audit(symmetricMaps, 'same');
    assert.ok(right.members[0]!.relError! < 1e-5);
    assert.deepEqual(mismatches(right), []);
  });

  test('and not on a genuinely invariant classifier', async () => {
    const r = await audit(classifier, 'invariant');
    assert.ok(r.members[0]!.relError! < 1e-5, String(r.members[0]!.relError));
    assert.deepEqual(mismatches(r), []);
  });

  test('a class or channel permutation that does not hold is found too', async () => {
    const cls = mismatches(await audit(classifier, 'classes:flip-h=1,0,2'));
    assert.equal(cls.length, 1);
    assert.match(cls[0]!.evidence, /audit with --output 'invariant'$/);
    const maps = mismatches(await audit(symmetricMaps, 'same;flip-h=1,0'));
    assert.equal(maps.length, 1);
    assert.match(maps[0]!.evidence, /audit with --output 'same'$/);
  });
});
