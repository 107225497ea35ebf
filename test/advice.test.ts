// adviseFixes (src/core/advice): findings and ensemble statistics → ranked fixes. Findings come
// from the real static rules (analyzeTopology on small topologies), so the evidence formats the
// advice reads are pinned; the three bundled examples are audited end to end.
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { adviseFixes, type Fix } from '../src/core/advice';
import { runAudit } from '../src/core/audit/runAudit';
import { analyzeTopology, type Finding } from '../src/core/checks';
import { axisSampling, isSymmetric } from '../src/core/checks/geometry';
import { toModelJson } from '../src/core/load/modelJson';
import { renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import type { AuditReport } from '../src/core/report/types';
import { initBackend } from '../src/node/backend';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';

const ROOT = join(__dirname, '..');
const fixture = JSON.parse(readFileSync(join(__dirname, 'page/fixtures/report.json'), 'utf8')) as AuditReport;

interface Stats {
  floor: number;
  ci: [number, number];
  relError: number;
  needed?: [number | null, number | null];
}
/** The recorded report of example (a), with the ensemble statistics and findings replaced. */
function report(stats: Stats | null, findings: Finding[] = [], patch: Partial<AuditReport> = {}): AuditReport {
  const e = fixture.ensemble!;
  const [n1, n5] = stats?.needed ?? [null, null];
  const ensemble = stats && { ...e, floor: stats.floor, floorCI: stats.ci, relError: stats.relError, membersNeeded: { '0.01': n1, '0.05': n5 } };
  return { ...fixture, members: stats ? fixture.members : [{ ...fixture.members[0]!, relError: 0.3 }], ensemble, findings, ...patch };
}

type Config = Record<string, unknown>;
const layer = (class_name: string, name: string, config: Config = {}) => ({ class_name, config: { name, trainable: true, ...config } });
const conv = (name: string, c: Config = {}) =>
  layer('Conv2D', name, { filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'same', dilation_rate: [1, 1], kernel_initializer: { class_name: 'GlorotUniform', config: {} }, ...c });
/** Findings of the real rules for a Sequential topology on size×size×1 inputs. */
function findingsOf(group: string, size: number, ...layers: { class_name: string; config: Config }[]): Finding[] {
  const [first, ...rest] = layers;
  const withInput = [{ ...first!, config: { ...first!.config, batch_input_shape: [null, size, size, 1] } }, ...rest];
  const json = toModelJson({ format: 'layers-model', modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: withInput } }, weightsManifest: [] }, 'test');
  return analyzeTopology(json, group, [null, size, size, 1]);
}

const ids = (fixes: Fix[]) => fixes.map((f) => f.id);
const POSITIVE: Stats = { floor: 0.2, ci: [0.15, 0.25], relError: 0.22 };

describe('never a fix whose condition holds', () => {
  test('floor interval reaching 0 and relError under 1 %: nothing to fix', () => {
    assert.deepEqual(adviseFixes(report({ floor: 0, ci: [0, 0.004], relError: 0.006, needed: [3, 1] })), []);
  });

  test('floor interval reaching 0, relError above 1 %: only more members, as many as membersNeeded says', () => {
    const fixes = adviseFixes(report({ floor: 0, ci: [0, 0.037], relError: 0.0242, needed: [70, 3] }));
    assert.deepEqual(ids(fixes), ['ensemble-size:members']);
    assert.equal(fixes[0]!.title, 'Grow the ensemble to 70 members');
    assert.match(fixes[0]!.what, /^Train 62 more members \(70 in all\)/);
    // √((bias² + s²/70)/Z) with the fixture's fitted model (bias² = 0): at most the 1 % target.
    const { s2, Z } = fixture.ensemble!.model;
    assert.ok(Math.abs(fixes[0]!.expected.to! - Math.sqrt(s2 / 70 / Z)) < 1e-12);
    assert.equal(fixes[0]!.expected.from, 0.0242);
  });

  test('augmentation layers covering the whole group: no augmentation fix even with a floor above 0', () => {
    const f = findingsOf('c4', 16, layer('RandomRotation', 'turn', { factor: 0.5 }), conv('c'));
    assert.deepEqual(
      f.map((x) => [x.kind, x.severity]),
      [['augmentation-layer', 'info']],
    );
    const fixes = adviseFixes(report(POSITIVE, f));
    assert.deepEqual(ids(fixes), ['symmetrisation:orbit-average', 'distillation:symmetrised-teacher']);
  });

  test('an initialiser finding is dropped when the floor interval reaches 0 (the measured law did no harm)', () => {
    const f = findingsOf('c4', 16, conv('c', { kernel_initializer: { class_name: 'Identity', config: {} } }));
    assert.deepEqual(
      f.map((x) => x.kind),
      ['init-not-invariant'],
    );
    assert.deepEqual(ids(adviseFixes(report({ floor: 0, ci: [0, 0.004], relError: 0.006, needed: [3, 1] }, f))), []);
    const fixes = adviseFixes(report(POSITIVE, f));
    // Equal scores: the cause THEORY §1 lists first (initialisation) goes first.
    assert.deepEqual(ids(fixes), ['initialisation:init-not-invariant', 'augmentation:full-group', 'symmetrisation:orbit-average', 'distillation:symmetrised-teacher']);
    const init = fixes[0]!;
    assert.equal(init.snippets.tfjs, "// c (now kernel_initializer Identity): in the layer's config\nkernelInitializer: 'glorotUniform',");
    assert.match(init.snippets.keras!, /kernel_initializer="glorot_uniform",/);
    assert.match(init.snippets.pytorch!, /nn\.init\.xavier_uniform_\(layer\.weight\)/);
    // Two suspects for one floor: augmentation by elimination counts half, a warning finding half.
    assert.equal(fixes[1]!.score, 0.1);
    assert.equal(init.score, 0.1);
  });

  test('one model (pretrained): symmetrise first, then fine-tune with augmentation; no ensemble to train from scratch', () => {
    const fixes = adviseFixes(report(null));
    assert.deepEqual(ids(fixes), ['symmetrisation:orbit-average', 'augmentation:fine-tune', 'distillation:symmetrised-teacher']);
    assert.deepEqual(fixes[0]!.expected, { metric: 'relError', from: 0.3, to: 0 });
  });

  test('a mean ≈ 0 has no relative floor: only fixes that findings support', () => {
    const r = report(POSITIVE);
    r.ensemble!.meanNearZero = true;
    assert.deepEqual(adviseFixes(r), []);
  });

  test('translations of 16×16 images (256 elements): no symmetrisation, which would cost ×256', () => {
    const r = report(POSITIVE, [], { group: { name: 'translate', order: 16, fullOrder: 256, sampled: true, elements: ['e'] } });
    assert.deepEqual(ids(adviseFixes(r)), ['augmentation:full-group']);
    assert.match(adviseFixes(r)[0]!.snippets.keras!, /tf\.roll\(x, shift=g, axis=\[-3, -2\]\)/);
  });
});

describe('fixes from the static rules, with concrete sizes', () => {
  test('non-square kernels: one architecture fix naming every layer, first, and no augmentation fix', () => {
    const f = findingsOf(
      'c4',
      16,
      conv('conv1', { kernel_size: [1, 5] }),
      conv('conv2', { kernel_size: [1, 5] }),
      layer('MaxPooling2D', 'pool', { pool_size: [1, 2], strides: [2, 2], padding: 'valid' }),
    );
    const fixes = adviseFixes(report(POSITIVE, f));
    assert.equal(fixes[0]!.id, 'architecture:kernel-not-square');
    assert.deepEqual(fixes[0]!.layers, ['conv1', 'conv2', 'pool']);
    assert.equal(fixes[0]!.what, 'conv1, conv2 (now 1×5): a square, odd 5×5 kernel (or 3×3, for fewer weights); pool (now 1×2): a 2×2 pool window.');
    assert.match(fixes[0]!.snippets.tfjs!, /kernelSize: 5,[\s\S]*poolSize: 2,/);
    assert.match(fixes[0]!.snippets.pytorch!, /kernel_size=5, padding=2,/);
    assert.ok(!ids(fixes).includes('augmentation:full-group'), 'the architecture explains the floor');
    assert.equal(fixes[0]!.expected.from, 0.2);
    assert.match(fixes[0]!.effect, /should fall from 20\.00% toward 0/);
  });

  test('a stride-2 window on a 14×14 map: aligned sizes 13 or 15, i.e. a 30×30 input after a halving pool', () => {
    const f = findingsOf('c4', 28, conv('c1'), layer('AveragePooling2D', 'half', { pool_size: [2, 2], strides: [2, 2], padding: 'valid' }), conv('down', { strides: [2, 2], padding: 'valid' }));
    assert.deepEqual(
      f.map((x) => `${x.kind}@${x.layer}`),
      ['stride-misaligned@down'],
    );
    for (const n of [13, 15]) assert.ok(isSymmetric(axisSampling(n, 3, 2, 1, 'valid')), `${n} tiles`);
    assert.ok(!isSymmetric(axisSampling(14, 3, 2, 1, 'same')), "'same' does not fix 14");
    const [fix] = adviseFixes(report(POSITIVE, f, { probes: { ...fixture.probes, shape: [32, 28, 28, 1] } }));
    assert.equal(fix!.id, 'architecture:stride-misaligned');
    assert.equal(
      fix!.what,
      "down (now stride 2, kernel 3×3, 'valid' padding on 14 rows): a map of 13 or 15 rows, which this grid tiles symmetrically: resize the inputs to 30×30 (if the layers before only divide the size by 2).",
    );
    assert.match(fix!.snippets.tfjs!, /tf\.image\.resizeBilinear\(images, \[30, 30\], false, true\)/);
    assert.match(fix!.snippets.keras!, /keras\.layers\.Resizing\(30, 30\)/);
  });

  test("stride 3 on a 10×10 map: switching to 'same' padding centres the grid (PyTorch: padding=1)", () => {
    const f = findingsOf('flip-h', 10, conv('s3', { strides: [3, 3], padding: 'valid' }));
    assert.ok(isSymmetric(axisSampling(10, 3, 3, 1, 'same')));
    const [fix] = adviseFixes(report(POSITIVE, f));
    assert.equal(fix!.what, "s3 (now stride 3, kernel 3×3, 'valid' padding on 10 columns): 'same' padding.");
    assert.match(fix!.snippets.tfjs!, /padding: 'same',/);
    assert.match(fix!.snippets.pytorch!, /padding=1,/);
  });

  test('even kernels, per-axis dilation and one-sided cropping get their symmetric versions', () => {
    const even = adviseFixes(report(POSITIVE, findingsOf('flip-h', 16, conv('even', { kernel_size: [4, 4] }))))[0]!;
    assert.match(even.what, /^even \(now 4×4 with 'same' padding\): a 5×5 window\. Or keep the window and use 'valid' padding/);
    const dil = adviseFixes(report(POSITIVE, findingsOf('d4', 16, conv('dil', { dilation_rate: [1, 2] }))))[0]!;
    assert.match(dil.snippets.keras!, /dilation_rate=2,/);
    const crop = adviseFixes(
      report(
        POSITIVE,
        findingsOf(
          'c4',
          16,
          layer('Cropping2D', 'crop', {
            cropping: [
              [1, 0],
              [0, 0],
            ],
          }),
          conv('c'),
        ),
      ),
    )[0]!;
    assert.equal(crop.id, 'architecture:asymmetric-crop-or-pad');
    assert.match(crop.snippets.tfjs!, /cropping: \[\[1, 1\], \[1, 1\]\],/);
  });

  test('augmentation layers covering part of the group: an augmentation fix naming them, even for one model', () => {
    const f = findingsOf('c4', 16, layer('RandomFlip', 'flip', { mode: 'horizontal' }), conv('c'));
    assert.deepEqual(
      f.map((x) => [x.kind, x.severity]),
      [['augmentation-layer', 'warning']],
    );
    const fixes = adviseFixes(report(null, f));
    const aug = fixes.find((x) => x.condition === 'augmentation')!;
    assert.deepEqual(aug.layers, ['flip']);
    assert.deepEqual(aug.findings, [0]);
    assert.match(aug.what, /covers only part of it: flip: RandomFlip draws none of c4's rot90, rot180, rot270/);
  });

  test('frozen layers and shared checkpoints: start member i from ρ̄(g_i)θ₀, with code that does it', () => {
    const frozen = findingsOf('c4', 16, conv('base', { trainable: false }), conv('head'));
    const shared: Finding = {
      kind: 'shared-checkpoint',
      severity: 'error',
      title: 'Members share weights',
      layer: 'base',
      layerIndex: 0,
      members: ['a', 'b'],
      evidence: 'base: all 8 members hold the same weights.',
    };
    const fixes = adviseFixes(report(POSITIVE, [...frozen, shared]));
    // An error finding (1) beats augmentation by elimination with suspects (½) and an info finding (¼ of the 20 % floor).
    assert.deepEqual(ids(fixes), ['initialisation:shared-checkpoint', 'augmentation:full-group', 'symmetrisation:orbit-average', 'initialisation:frozen-layer', 'distillation:symmetrised-teacher']);
    assert.deepEqual(
      fixes.map((x) => x.score.toFixed(4)),
      ['0.2000', '0.1000', '0.0550', '0.0500', '0.0138'],
    );
    assert.match(fixes[0]!.what, /start member i from ρ̄\(g_i\)θ₀ with g_i = i mod 4/);
    assert.match(fixes[0]!.snippets.tfjs!, /function orbitStart\(model: tf\.LayersModel, g: number\)/);
    assert.match(fixes[3]!.what, /^base is frozen and keeps the starting weights/);
    assert.ok(
      fixes.every((x, i) => i === 0 || fixes[i - 1]!.score >= x.score),
      'ranked by score',
    );
  });
});

describe('the bundled examples, audited', () => {
  const audits: Record<string, AuditReport> = {};
  before(async () => {
    const backend = await initBackend('wasm');
    for (const name of ['compatible-augmented', 'compatible-plain', 'incompatible-augmented']) {
      audits[name] = await runAudit(
        { targets: [toPosix(join(ROOT, 'examples', name))], group: 'c4', output: 'invariant', probes: toPosix(join(ROOT, 'examples/probes/test-images.npy')), probesCount: 64, seed: 0 },
        { fs: nodeFiles, backend: backend.description },
      );
    }
  });

  test('fixes are part of the JSON contract (schema/report.schema.json)', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')));
    for (const r of Object.values(audits)) assert.ok(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors));
    const broken = JSON.parse(JSON.stringify(audits['compatible-plain']));
    broken.fixes[0].condition = 'luck';
    assert.ok(!validate(broken), 'an unknown condition is refused');
  });

  test('(a) compatible + augmentation, floor interval reaching 0: no augmentation or architecture fix', () => {
    const r = audits['compatible-augmented']!;
    assert.equal(r.ensemble!.floorCI![0], 0);
    assert.deepEqual(r.fixes, adviseFixes(r), 'runAudit fills fixes');
    assert.deepEqual(ids(r.fixes), ['ensemble-size:members']);
    assert.equal(r.fixes[0]!.title, `Grow the ensemble to ${r.ensemble!.membersNeeded['0.01']} members`);
  });

  test('(b) compatible, no augmentation (floor ≈ 87 %): augmentation first, with the C4 snippet', () => {
    const r = audits['compatible-plain']!;
    const [first, ...rest] = r.fixes!;
    assert.ok(r.ensemble!.floor! > 0.8 && r.ensemble!.floorCI![0] > 0.8, `floor ${r.ensemble!.floor}`);
    assert.equal(first!.id, 'augmentation:full-group');
    assert.equal(first!.expected.from, r.ensemble!.floor);
    assert.match(first!.snippets.keras!, /tf\.image\.rot90\(x, k=g\)/);
    assert.match(first!.snippets.pytorch!, /torch\.rot90\(x, g, dims=\(-2, -1\)\)/);
    assert.deepEqual(ids(rest), ['symmetrisation:orbit-average', 'distillation:symmetrised-teacher']);
  });

  test('(c) incompatible + augmentation: the top fix is square kernels in conv1 and conv2', () => {
    const r = audits['incompatible-augmented']!;
    const top = r.fixes![0]!;
    assert.equal(top.id, 'architecture:kernel-not-square');
    assert.deepEqual(top.layers, ['conv1', 'conv2']);
    assert.match(top.what, /^conv1, conv2 \(now 1×5\): a square, odd 5×5 kernel/);
    assert.match(top.effect, new RegExp(`from ${(r.ensemble!.floor! * 100).toFixed(2)}% toward 0`));
    assert.ok(!ids(r.fixes!).includes('augmentation:full-group'));
  });
});

describe('renderers', () => {
  const evil = '<b>x</b>`|*';
  const f = findingsOf('c4', 16, conv(evil, { kernel_size: [1, 5] }));
  const r = { ...report(POSITIVE, f), fixes: adviseFixes(report(POSITIVE, f)) };

  test('terminal: the top three titles with the numbers they move', () => {
    const text = renderTerminal(r);
    assert.match(
      text,
      /fixes, by expected effect; --md or --html for why, effect and code:\n {2}1\. Square kernels in .* \(floor 20\.00% → 0\) \[architecture\]\n {2}2\. Symmetrise at inference \(exact, cost ×4\) \(relError 22\.00% → 0\) \[symmetrisation\]\n {2}3\. Distil/,
    );
    assert.match(renderTerminal({ ...r, fixes: [...r.fixes, ...r.fixes] }), /fixes, by expected effect \(3 more\)/);
  });

  test('Markdown: what, why, effect, and each snippet in a fence of its language', () => {
    const md = renderMarkdown(r);
    assert.match(md, /## Fixes\n/);
    assert.match(md, /### 1\. Square kernels in \\<b\\>x\\<\/b\\>\\`\|\\\*/);
    assert.match(md, /- \*\*Why:\*\* THEORY §1 condition 1/);
    // The layer name holds a backtick: the fence is longer than any run inside it.
    assert.match(md, /TF\.js:\n\n```ts\n\/\/ <b>x<\/b>`\|\* \(now 1×5\): in the layer's config\nkernelSize: 5,\n```/);
    assert.match(md, /PyTorch:\n\n```python\n/);
  });

  test('HTML: escaped text, snippets in closed <details>', () => {
    const html = renderHtml(r);
    assert.ok(!html.includes('<b>x</b>'), 'layer names are escaped');
    assert.match(html, /<h2>Fixes<\/h2><ol class="fixes"><li class="fix" data-fix="architecture:kernel-not-square"><h3>Square kernels in &#60;b&#62;x/);
    assert.equal((html.match(/<details><summary>/g) ?? []).length, 3 + 3, 'three frameworks for the architecture fix and for symmetrisation');
  });

  test('reports from before fixes existed render without a fixes section', () => {
    const old = { ...fixture, findings: [] };
    assert.equal(old.fixes, undefined);
    assert.doesNotMatch(renderMarkdown(old), /## Fixes/);
    assert.doesNotMatch(renderTerminal(old), /fixes, by/);
    assert.doesNotMatch(renderHtml(old), /<h2>Fixes/);
  });
});
