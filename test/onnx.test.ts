// Issue 14.2: ONNX models through onnxruntime-node give the numbers of the same model in TF.js
// (built from the same weights: test/helpers/onnxWriter.ts), and bad .onnx files are one line.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isChannelsFirst } from '../src/core/audit/inputLayout';
import { ONNX_NO_STATIC_CHECKS } from '../src/core/audit/assembleReport';
import { runAudit } from '../src/core/audit/runAudit';
import type { AuditHost, AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import { DEFAULT_LIMITS } from '../src/core/load/limits';
import { fingerprint } from '../src/core/load/fingerprint';
import { ONNX_RUNTIME_MISSING } from '../src/core/load/onnx/engine';
import { onnxStandIn } from '../src/core/load/onnx/onnxFile';
import { onnxFinalActivation, parseOnnx } from '../src/core/load/onnx/onnxGraph';
import type { AuditReport } from '../src/core/report/types';
import { nodeFiles } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { makeCnn, saveArtifacts, tempDir, writeModel } from './helpers/modelFixtures';
import { ROOT } from './helpers/cli';
import { cnnToOnnx, encodeOnnx, NO_RUNTIME } from './helpers/onnxWriter';
import { runMain } from './helpers/hostileFs';
import { encodeNpy } from '../src/core/probes/encodeNpy';

const tmp = tempDir('equilens-onnx-');
const host: AuditHost = { fs: nodeFiles, backend: 'cpu', onnx: nodeOnnxEngine() };
const SEEDS = [1, 2, 3];
const tfDir = join(tmp.dir, 'tfjs');
const onnxDir = join(tmp.dir, 'onnx');
let single = { tfjs: '', onnx: '' };
let cnnBytes: Uint8Array = new Uint8Array();

before(async () => {
  await tf.setBackend('cpu');
  mkdirSync(onnxDir, { recursive: true });
  for (const seed of SEEDS) {
    const model = biasedCnn(seed);
    writeModel(join(tfDir, `m${seed}`), await saveArtifacts(model));
    const bytes = cnnToOnnx(model);
    writeFileSync(join(onnxDir, `m${seed}.onnx`), bytes);
    if (seed === 1) cnnBytes = bytes;
    model.dispose();
  }
  single = { tfjs: join(tfDir, 'm1', 'model.json'), onnx: join(onnxDir, 'm1.onnx') };
});
after(() => tmp.cleanup());

/**
 * Seed 1's CNN with small per-seed noise on every weight: the members share one asymmetric
 * net, so the ensemble has a floor clearly above 0 (THEORY §4) and the floors compared are not zeros.
 */
function biasedCnn(seed: number) {
  const model = makeCnn({ seed: 1, size: 8 });
  const noisy = tf.tidy(() => model.getWeights().map((w, i) => tf.add(w, tf.randomNormal(w.shape, 0, 0.05, 'float32', seed * 10 + i))));
  model.setWeights(noisy);
  tf.dispose(noisy);
  return model;
}

const spec = (targets: string[], more: Partial<AuditSpec> = {}): AuditSpec => ({ targets, group: 'c4', output: 'invariant', probesCount: 24, seed: 0, ...more });

/** a ≈ b within 1e-4 relative (1e-7 absolute for values near 0). */
function close(a: number | null | undefined, b: number | null | undefined, what: string): void {
  assert.ok(typeof a === 'number' && typeof b === 'number', `${what}: ${a} vs ${b}`);
  assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b)) + 1e-7, `${what}: onnx ${a} vs tfjs ${b}`);
}

test('the ModelProto reader: ops, wiring, initializer shapes, symbolic batch, final activation', () => {
  const g = parseOnnx(cnnBytes, 'm1.onnx', DEFAULT_LIMITS);
  assert.deepEqual(
    g.nodes.map((n) => n.op),
    ['Conv', 'Relu', 'GlobalAveragePool', 'Flatten', 'Gemm', 'Softmax'],
  );
  assert.deepEqual(g.inputs, [{ name: 'input', dtype: 'float32', shape: ['N', 3, 8, 8] }]);
  assert.deepEqual(
    g.initializers.map((i) => i.dims),
    [[4, 3, 3, 3], [4], [4, 3], [3]],
  );
  assert.deepEqual(g.nodes[0]!.attrs, { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] });
  assert.deepEqual(g.opsets, [{ domain: '', version: 13 }]);
  assert.equal(onnxFinalActivation(g), 'softmax');
  assert.equal(onnxFinalActivation(g, 'logits'), null);
  // Negative int64s (axis -1, pads) are 10-byte varints: read back exactly, signed.
  const neg = encodeOnnx({
    inputs: [{ name: 'x', shape: [-1, 4] }],
    outputs: [{ name: 'y', shape: ['N', 4] }],
    initializers: [],
    nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], attrs: { axis: -1, big: 2 ** 40, list: [-2, 3, -(2 ** 40)] } }],
  });
  const n = parseOnnx(neg, 'neg.onnx', DEFAULT_LIMITS);
  assert.deepEqual(n.nodes[0]!.attrs, { axis: -1, big: 2 ** 40, list: [-2, 3, -(2 ** 40)] });
  assert.deepEqual(n.inputs[0]!.shape, [-1, 4]);
});

test('the ONNX fingerprint ignores weight values and names, not the architecture', async () => {
  const fp = (b: Uint8Array) => fingerprint(onnxStandIn(parseOnnx(b, 'x.onnx', DEFAULT_LIMITS)));
  const other = makeCnn({ seed: 9, size: 8 });
  const wider = makeCnn({ seed: 1, size: 8, filters: 5 });
  try {
    assert.equal(fp(cnnBytes), fp(cnnToOnnx(other)), 'another seed: same architecture');
    assert.equal(fp(cnnBytes), fp(cnnToOnnx(other, { batch: 'batch_size' })), "the batch size's symbolic name does not count");
    assert.notEqual(fp(cnnBytes), fp(cnnToOnnx(other, { batch: 1 })), 'a fixed batch does');
    assert.notEqual(fp(cnnBytes), fp(cnnToOnnx(wider)), '5 filters instead of 4');
  } finally {
    other.dispose();
    wider.dispose();
  }
});

test('auto layout: NCHW by default for ONNX rank-4 inputs unless the shape clearly says NHWC', () => {
  assert.equal(isChannelsFirst([null, 3, 224, 224], 'auto', 'm', 'x', true), true);
  assert.equal(isChannelsFirst([null, 5, 7, 7], 'auto', 'm', 'x', true), true, '5 channels: still NCHW for ONNX');
  assert.equal(isChannelsFirst([null, 5, 7, 7], 'auto', 'm', 'x'), false, 'TF.js keeps NHWC there');
  assert.equal(isChannelsFirst([null, 224, 224, 3], 'auto', 'm', 'x', true), false, '[N,224,224,3] says NHWC');
  assert.equal(isChannelsFirst([null, 3, 8, 3], 'auto', 'm', 'x', true), true, 'ambiguous: the ONNX convention');
  assert.equal(isChannelsFirst([null, 3, 8, 8], 'nhwc', 'm', 'x', true), false, 'an explicit choice wins');
});

test("one ONNX model gives the TF.js twin's numbers (c4, flip-h); the report says onnx, NCHW, onnxruntime, no static checks", { skip: NO_RUNTIME }, async () => {
  for (const group of ['c4', 'flip-h']) {
    const o = await runAudit(spec([single.onnx], { group }), host);
    const t = await runAudit(spec([single.tfjs], { group, engine: 'tfjs' }), host);
    assert.equal(o.model.format, 'onnx');
    assert.equal(o.model.input.layout, 'NCHW');
    assert.deepEqual(o.model.input.shape, [null, 3, 8, 8]);
    assert.equal(o.model.finalActivation, 'softmax');
    assert.equal(o.outputKind, t.outputKind);
    assert.match(o.backend, /^onnxruntime-node [\d.]+ \(CPU, \d+ threads?\)$/);
    assert.equal(o.compute?.reason, `ONNX model: ${o.backend}`);
    assert.equal(o.warnings.filter((w) => w === ONNX_NO_STATIC_CHECKS).length, 1, 'said once');
    assert.ok(!t.warnings.includes(ONNX_NO_STATIC_CHECKS));
    close(o.members[0]!.relError, t.members[0]!.relError, `${group} relError`);
    close(o.members[0]!.osp, t.members[0]!.osp, `${group} OSP`);
    assert.ok(o.members[0]!.relError! > 1e-3, 'a random CNN is not C4-invariant: the comparison is not of zeros');
    o.perElement.forEach((e, j) => close(e.ensembleRelError, t.perElement[j]!.ensembleRelError, `${group} ${e.element}`));
  }
});

test("an NCHW model with open height and width takes its size from an NHWC .npy probe file, with the fixed-size twin's numbers", { skip: NO_RUNTIME }, async () => {
  const model = biasedCnn(1);
  const open = join(tmp.dir, 'open.onnx');
  writeFileSync(open, cnnToOnnx(model, { openSize: true }));
  model.dispose();
  const images = Float32Array.from({ length: 4 * 8 * 8 * 3 }, (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5);
  const npy = join(tmp.dir, 'probes-nhwc.npy');
  writeFileSync(npy, encodeNpy([4, 8, 8, 3], images));
  const o = await runAudit(spec([open], { probes: npy, probesCount: 4 }), host);
  const fixed = await runAudit(spec([single.onnx], { probes: npy, probesCount: 4 }), host);
  assert.deepEqual(o.model.input.shape, [null, 3, null, null]);
  assert.equal(o.probes.count, 4);
  close(o.members[0]!.relError, fixed.members[0]!.relError, 'relError');
});

test("an ensemble folder of 3 .onnx members gives the TF.js ensemble's numbers (members, relError, floor, OSP)", { skip: NO_RUNTIME }, async () => {
  const o = await runAudit(spec([onnxDir]), host);
  const t = await runAudit(spec([tfDir], { engine: 'tfjs' }), host);
  assert.deepEqual(
    o.members.map((m) => m.path.split('/').pop()),
    ['m1.onnx', 'm2.onnx', 'm3.onnx'],
  );
  assert.equal(o.ensemble?.size, 3);
  o.members.forEach((m, i) => {
    close(m.relError, t.members[i]!.relError, `member ${i} relError`);
    close(m.osp, t.members[i]!.osp, `member ${i} OSP`);
  });
  close(o.ensemble.relError, t.ensemble!.relError, 'ensemble relError');
  close(o.ensemble.floor, t.ensemble!.floor, 'floor');
  assert.ok(t.ensemble!.floor! > 1e-3, `a shared asymmetry gives a floor above 0 (${t.ensemble!.floor})`);
  close(o.ensemble.floorCI![0], t.ensemble!.floorCI![0], 'floor CI low');
  close(o.ensemble.floorCI![1], t.ensemble!.floorCI![1], 'floor CI high');
  close(o.ensemble.osp, t.ensemble!.osp, 'ensemble OSP');
  assert.equal(o.layersSkipped, 'ONNX models are not covered (TF.js layers models only)');
  assert.equal(o.findings.filter((f) => f.kind !== 'degenerate-output').length, 0, 'no static findings were looked for');
});

test('a folder mixing TF.js and ONNX members, or ONNX members of two architectures, is refused like a fingerprint mismatch', async () => {
  const mixed = join(tmp.dir, 'mixed');
  writeModel(join(mixed, 'a'), await saveArtifacts(makeCnn({ seed: 1, size: 8 })));
  writeFileSync(join(mixed, 'b.onnx'), cnnBytes);
  await assert.rejects(runAudit(spec([mixed]), host), (e: unknown) => e instanceof EquiLensError && e.problem.includes('different architecture') && e.problem.includes('format'));
  const two = join(tmp.dir, 'two');
  mkdirSync(two, { recursive: true });
  writeFileSync(join(two, 'a.onnx'), cnnBytes);
  const wider = makeCnn({ seed: 2, size: 8, filters: 6 });
  writeFileSync(join(two, 'b.onnx'), cnnToOnnx(wider));
  wider.dispose();
  await assert.rejects(runAudit(spec([two]), host), (e: unknown) => e instanceof EquiLensError && e.problem.includes('b.onnx has a different architecture than a.onnx'));
});

test('without an ONNX engine (or where native code may not load) an ONNX member is one line saying how to get one', async () => {
  await assert.rejects(runAudit(spec([single.onnx]), { fs: nodeFiles, backend: 'cpu' }), (e: unknown) => e instanceof EquiLensError && e.problem === ONNX_RUNTIME_MISSING && e.file === single.onnx);
  assert.match(ONNX_RUNTIME_MISSING, /npm install onnxruntime-node/);
  const untrusted = { fs: nodeFiles, backend: 'cpu', onnx: nodeOnnxEngine({ allowed: false }) };
  await assert.rejects(runAudit(spec([single.onnx]), untrusted), (e: unknown) => e instanceof EquiLensError && e.problem.includes('trust the workspace'));
});

/** The CLI's main() in this process on the cpu backend, quiet; exit code and stderr. */
const cli = (args: string[]) => runMain([...args, '--backend', 'cpu', '-q']);

test('equilens audit model.onnx: exit 0 and a JSON report of format onnx', { skip: NO_RUNTIME }, async () => {
  const out = join(tmp.dir, 'cli.json');
  const r = await cli(['audit', single.onnx, '-g', 'flip-h', '-n', '8', '--json', out]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(out, 'utf8')) as AuditReport;
  assert.equal(report.model.format, 'onnx');
  assert.match(report.backend, /^onnxruntime-node/);
});

test('bad .onnx files: exit 2 with one line naming the file', async () => {
  const bad = (name: string, bytes: Uint8Array) => {
    const p = join(tmp.dir, 'bad', name);
    mkdirSync(join(tmp.dir, 'bad'), { recursive: true });
    writeFileSync(p, bytes);
    return p;
  };
  const cases: [string, Uint8Array, RegExp, boolean][] = [
    ['truncated.onnx', cnnBytes.subarray(0, 200), /is not a valid ONNX model \(not protobuf, or truncated/, false],
    ['text.onnx', new TextEncoder().encode('{"this": "is json, not protobuf"}'), /is not a valid ONNX model/, false],
    ['empty.onnx', new Uint8Array(0), /is not an ONNX model \(no graph\)/, false],
    ['nograph.onnx', Uint8Array.of(0x08, 0x08), /is not an ONNX model \(no graph\)/, false],
    [
      'unsupported.onnx',
      encodeOnnx({ inputs: [{ name: 'x', shape: ['N', 3, 4, 4] }], outputs: [{ name: 'y', shape: ['N', 3, 4, 4] }], initializers: [], nodes: [{ op: 'NoSuchOp', inputs: ['x'], outputs: ['y'] }] }),
      /onnxruntime cannot load this model: .*NoSuchOp/,
      true,
    ],
  ];
  for (const [name, bytes, problem, needsRuntime] of cases) {
    if (needsRuntime && NO_RUNTIME) continue;
    const p = bad(name, bytes);
    const r = await cli(['audit', p, '-n', '4']);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${name}: one line, got ${r.stderr}`);
    assert.ok(lines[0]!.includes(p), `${name}: names the file: ${lines[0]}`);
    assert.match(lines[0]!, problem, name);
  }
});

test(
  'the built CLI without onnxruntime-node where it runs: exit 2, one line saying how to install it',
  { skip: existsSync(join(ROOT, 'dist', 'cli.js')) ? false : 'dist/cli.js not built (npm test builds it first)' },
  () => {
    // A copy of dist/ outside any node_modules tree: nothing to require onnxruntime-node from.
    const copy = join(tmp.dir, 'bare');
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    const r = spawnSync(process.execPath, [join(copy, 'dist', 'cli.js'), 'audit', single.onnx, '-q'], { cwd: tmp.dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim(), `equilens: ${single.onnx}: ${ONNX_RUNTIME_MISSING}`);
  },
);
