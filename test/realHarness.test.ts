// The pure parts of `npm run check:real` (scripts/real/): the mirror tables, the flags built from
// a model's data row, how a CLI run becomes a table row, and the nsfwjs bundle extraction. The
// real packages themselves are never installed here (no network in `npm test`).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseNpy } from '../src/core/probes/parseNpy';
import type { AuditReport } from '../src/core/report/types';
import { auditArgs, unknownFlags } from '../scripts/real/args';
import { BLAZEPOSE_39, COCO_17, EFFICIENTPOSE_16, FACE_MESH_468 } from '../scripts/real/mirrors';
import { AUDITS, type RealAudit } from '../scripts/real/models';
import { extractNsfwjs } from '../scripts/real/nsfwjs';
import { ranRow } from '../scripts/real/row';
import type { ChildResult } from '../scripts/real/runChild';
import { tempDir } from './helpers/modelFixtures';

const tmp = tempDir('equilens-real-');
after(() => tmp.cleanup());

describe('mirror tables', () => {
  test('each is a permutation that is its own inverse, with the known pairs', () => {
    for (const p of [COCO_17, EFFICIENTPOSE_16, BLAZEPOSE_39, FACE_MESH_468]) {
      assert.equal(new Set(p).size, p.length);
      p.forEach((j, i) => assert.equal(p[j], i));
    }
    assert.deepEqual([COCO_17[1], COCO_17[5], COCO_17[15]], [2, 6, 16]); // eyes, shoulders, ankles
    assert.deepEqual([EFFICIENTPOSE_16[2], EFFICIENTPOSE_16[10], EFFICIENTPOSE_16[0]], [6, 13, 0]);
    assert.deepEqual([BLAZEPOSE_39[1], BLAZEPOSE_39[11], BLAZEPOSE_39[33], BLAZEPOSE_39[35]], [4, 12, 33, 37]);
    // Face mesh: outer eye corners, inner eye corners, mouth corners; the nose tip and chin stay.
    assert.deepEqual([FACE_MESH_468[33], FACE_MESH_468[133], FACE_MESH_468[61], FACE_MESH_468[4], FACE_MESH_468[152]], [263, 362, 291, 4, 152]);
    assert.equal(FACE_MESH_468.filter((j, i) => j === i).length, 28);
  });
});

describe('audit data', () => {
  test('ids are unique and every skip or expected refusal says why', () => {
    assert.equal(new Set(AUDITS.map((a) => a.id)).size, AUDITS.length);
    for (const a of AUDITS) {
      assert.ok(a.why.length > 10, a.id);
      if (a.skip) assert.ok(a.skip.length > 40, a.id);
    }
  });

  test('a points permutation has one entry per point group of the fields', () => {
    for (const a of AUDITS.filter((x) => x.output?.startsWith('points:') && x.output.includes('flip-h='))) {
      const perm = a.output!.split('flip-h=')[1]!.split(',').map(Number);
      assert.ok([17, 39, 468].includes(perm.length), `${a.id}: ${perm.length} points`);
    }
  });
});

describe('auditArgs', () => {
  const rvm: RealAudit = {
    id: 'rvm',
    pkg: 'human',
    file: 'rvm.json',
    inputName: 'src',
    inputShape: '256x256x3',
    outputName: 'pha',
    output: 'same',
    fixedInputs: { downsample_ratio: 0.5 },
    why: 'test row',
  };

  test('builds the flags from the row and writes fixed inputs as 0-d .npy files', () => {
    const args = auditArgs(rvm, '/m/rvm.json', join(tmp.dir, 'fixed'), '/r/rvm.json');
    assert.deepEqual(args.slice(0, 9), ['/m/rvm.json', '-g', 'flip-h', '-o', 'same', '-n', '8', '--seed', '0']);
    assert.deepEqual(args.slice(args.indexOf('--output-name'), args.indexOf('--output-name') + 2), ['--output-name', 'pha']);
    assert.deepEqual(args.slice(args.indexOf('--input-shape'), args.indexOf('--input-shape') + 2), ['--input-shape', '256x256x3']);
    const fixed = args[args.indexOf('--fixed-input') + 1]!;
    const [name, file] = fixed.split('=') as [string, string];
    assert.equal(name, 'downsample_ratio');
    const npy = parseNpy(readFileSync(file), file);
    assert.deepEqual(npy.shape, []);
    assert.deepEqual([...npy.data], [0.5]);
    assert.deepEqual(args.slice(-3), ['--json', '/r/rvm.json', '--quiet']);
  });

  test('photos go to image models only', () => {
    const img = auditArgs(rvm, '/m/rvm.json', join(tmp.dir, 'fixed'), '/r.json', '/photos');
    assert.deepEqual(img.slice(img.indexOf('-p'), img.indexOf('-p') + 2), ['-p', '/photos']);
    const audio = auditArgs({ ...rvm, group: 'shift', fixedInputs: {} }, '/m.json', tmp.dir, '/r.json', '/photos');
    assert.equal(audio.includes('-p'), false);
  });

  test('filled fixed inputs keep their shape; text probes are written at the --input-shape in either axis order, photos or not', () => {
    const vad: RealAudit = { id: 'vad/x', pkg: 'vad', file: 'x.onnx', inputShape: '3x48x64', probes: 3, textProbes: 'line', fixedInputs: { state: { shape: [2, 1, 4], fill: 0 } }, why: 'test row' };
    const args = auditArgs(vad, '/m/x.onnx', join(tmp.dir, 'text'), '/r.json', '/photos');
    const state = args[args.indexOf('--fixed-input') + 1]!.split('=')[1]!;
    assert.deepEqual(parseNpy(readFileSync(state), state).shape, [2, 1, 4]);
    const probes = args[args.indexOf('-p') + 1]!;
    assert.notEqual(probes, '/photos');
    const npy = parseNpy(readFileSync(probes), probes);
    assert.deepEqual(npy.shape, [3, 48, 64, 3]);
    // uint8 images: light paper and dark ink.
    assert.equal(npy.dtype, '|u1');
    const data = [...npy.data];
    assert.ok(data.some((v) => v >= 200) && data.some((v) => v < 60));
    const nhwc = auditArgs({ ...vad, inputShape: '48x64x3' }, '/m/x.onnx', join(tmp.dir, 'text'), '/r.json');
    assert.deepEqual(parseNpy(readFileSync(nhwc[nhwc.indexOf('-p') + 1]!), 'x').shape, [3, 48, 64, 3]);
  });

  test('unknownFlags names the flags a CLI build does not list', () => {
    const help = '  -g, --group <group>\n  --output-name <name>\n  --json <file>\n  --seed <s>\n';
    assert.deepEqual(unknownFlags(['m.json', '-g', 'c4', '--output-name', 'x', '--input-shape', '3x3x1', '--json', 'r'], help), ['--input-shape']);
  });
});

describe('ranRow', () => {
  const base: RealAudit = { id: 'm', pkg: 'human', file: 'm.json', outputName: 'ld_3d', output: 'points:xyz,pixels', why: 'test row' };
  const child = (over: Partial<ChildResult>): ChildResult => ({
    exitCode: 0,
    timedOut: false,
    seconds: 1.5,
    peakRssMiB: 120,
    lastError: '',
    report: null,
    ...over,
  });
  const report = (over: Record<string, unknown> = {}): AuditReport =>
    ({
      model: { input: { name: 'in', shape: [null, 8, 8, 3], dtype: 'int32', layout: 'NHWC' }, output: { name: 'ld_3d', shape: [null, 9] } },
      probes: { shape: [4, 8, 8, 3] },
      representation: { kind: 'points', description: 'points' },
      outputKind: 'regression',
      members: [{ path: 'm.json', relError: 0.034, absError: 1, osp: null, agreement: null, div: null, pointErrorPx: 1.234 }],
      ensemble: null,
      findings: [{ kind: 'stride-misaligned' }, { kind: 'stride-misaligned' }],
      warnings: [],
      ...over,
    }) as unknown as AuditReport;

  test('a verdict: input, output and metrics from the report', () => {
    const row = ranRow(base, child({ report: report() }), 60);
    assert.equal(row.status, 'ok');
    assert.equal(row.input, 'int32 NHWC 8×8×3');
    assert.equal(row.output, 'ld_3d [?×9]');
    assert.equal(row.result, 'relError 3.4% · 1.23 px · 2 static findings');
  });

  test('an output that barely moves with the input says so', () => {
    const warnings = ['the output varies little with the input (0.03% of its RMS across the probes): relError 47.48% is …'];
    assert.equal(ranRow(base, child({ report: report({ warnings }) }), 60).result, 'relError 3.4% · 1.23 px · output varies only 0.03% · 2 static findings');
  });

  test('a verdict on another output or representation than asked is a failure', () => {
    const other = report({ model: { input: { name: 'in', shape: [1, 8, 8, 3] }, output: { name: 'poseflag', shape: [1, 1] } } });
    assert.match(ranRow(base, child({ report: other }), 60).result, /^WRONG OUTPUT: audited poseflag, asked for ld_3d/);
    const inv = report({ representation: { kind: 'invariant', description: 'invariant' } });
    const row = ranRow(base, child({ report: inv }), 60);
    assert.equal(row.status, 'FAIL');
    assert.match(row.result, /^WRONG REPRESENTATION: invariant, asked for points/);
  });

  test('refusals: expected ones are results, others failures; time-outs fail', () => {
    const line = 'equilens: m.json: points:yxs reads each output as groups of 3 values';
    assert.deepEqual(
      [ranRow({ ...base, expectRefusal: true }, child({ exitCode: 2, lastError: line }), 60)].map((r) => [r.status, r.result]),
      [['refused', 'm.json: points:yxs reads each output as groups of 3 values']],
    );
    assert.equal(ranRow(base, child({ exitCode: 2, lastError: line }), 60).status, 'FAIL');
    assert.equal(ranRow({ ...base, expectRefusal: true }, child({ report: report() }), 60).status, 'FAIL');
    // The model's own path is dropped from a refusal; a refusal for another reason than the one expected fails.
    assert.equal(ranRow({ ...base, expectRefusal: true }, child({ exitCode: 2, lastError: line }), 60, 'm.json').result, 'points:yxs reads each output as groups of 3 values');
    const why = { ...base, expectRefusal: true, refusalSays: 'groups of 3 values' };
    assert.equal(ranRow(why, child({ exitCode: 2, lastError: line }), 60).status, 'refused');
    const other = ranRow(why, child({ exitCode: 2, lastError: "equilens: m.json: input 'state' has unknown size" }), 60);
    assert.deepEqual([other.status, other.result], ['FAIL', "refused for another reason: m.json: input 'state' has unknown size"]);
    const late = ranRow(base, child({ exitCode: null, timedOut: true, peakRssMiB: null }), 60);
    assert.deepEqual([late.status, late.result], ['FAIL', 'timed out after 60 s']);
  });

  test('a constant output leads with NOT MEASURABLE, and an expected finding must be there', () => {
    const degenerate = report({ findings: [{ kind: 'degenerate-output', members: ['m.json'] }] });
    const row = ranRow({ ...base, expectFinding: 'degenerate-output' }, child({ report: degenerate }), 60);
    assert.equal(row.status, 'ok');
    assert.equal(row.result, 'NOT MEASURABLE · relError 3.4% · 1.23 px · degenerate-output');
    assert.equal(ranRow({ ...base, expectFinding: 'degenerate-output' }, child({ report: report() }), 60).status, 'FAIL');
  });
});

describe('extractNsfwjs', () => {
  test('writes model.json and binary shards from UMD bundles', () => {
    const bundles = join(tmp.dir, 'bundles');
    mkdirSync(join(bundles, 'tiny'), { recursive: true });
    const umd = (value: string) => `!function(e){if("object"==typeof exports&&"undefined"!=typeof module)module.exports=e();else this.model=e()}(function(){return ${value}});`;
    writeFileSync(join(bundles, 'tiny', 'model.min.js'), umd('{modelTopology:{keras_version:"2.2.4",ok:!0},weightsManifest:[{paths:["group1-shard1of1"],weights:[]}]}'));
    writeFileSync(join(bundles, 'tiny', 'group1-shard1of1.min.js'), umd(JSON.stringify(Buffer.from([1, 2, 250]).toString('base64'))));
    extractNsfwjs(bundles, join(tmp.dir, 'out'));
    const model = JSON.parse(readFileSync(join(tmp.dir, 'out', 'tiny', 'model.json'), 'utf8'));
    assert.deepEqual(model, { modelTopology: { keras_version: '2.2.4', ok: true }, weightsManifest: [{ paths: ['group1-shard1of1'], weights: [] }] });
    assert.deepEqual([...readFileSync(join(tmp.dir, 'out', 'tiny', 'group1-shard1of1'))], [1, 2, 250]);
  });
});
