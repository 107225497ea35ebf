// staticFixes / augmentationSnippets (src/core/advice/staticFixes.ts): advice before any audit, from
// the static findings of the real rules, as the editor's "Show fix" and "Copy augmentation snippet" use it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { adviseFixes, augmentationSnippets, staticFixes } from '../src/core/advice';
import { analyzeTopology, type Finding } from '../src/core/checks';
import { parseModelJson, toModelJson } from '../src/core/load/modelJson';
import type { AuditReport } from '../src/core/report/types';

const ROOT = join(__dirname, '..');
const MEMBER = readFileSync(join(ROOT, 'examples', 'incompatible-augmented', 'member-01', 'model.json'), 'utf8');
const memberFindings = (group: string) => analyzeTopology(parseModelJson(MEMBER, 'member'), group, []);

/** Findings of the real rules for a Sequential topology on 16×16×1 images. */
function findingsOf(group: string, ...layers: { class_name: string; config: Record<string, unknown> }[]): Finding[] {
  const [first, ...rest] = layers;
  const withInput = [{ ...first!, config: { ...first!.config, batch_input_shape: [null, 16, 16, 1] } }, ...rest];
  const json = toModelJson({ format: 'layers-model', modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: withInput } }, weightsManifest: [] }, 'test');
  return analyzeTopology(json, group, []);
}
const conv = (name: string) => ({
  class_name: 'Conv2D',
  config: { name, filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'same', kernel_initializer: { class_name: 'GlorotUniform', config: {} } },
});

test('the 1×5 example member under C4: one architecture fix for both layers, with the 5×5 change, and nothing measured', () => {
  const fixes = staticFixes(memberFindings('c4'), 'c4', [16, 16, 1]);
  assert.deepEqual(
    fixes.map((f) => f.id),
    ['architecture:kernel-not-square'],
  );
  const fix = fixes[0]!;
  assert.deepEqual(fix.layers, ['conv1', 'conv2']);
  assert.match(fix.what, /^conv1, conv2 \(now 1×5\): a square, odd 5×5 kernel/);
  assert.match(fix.snippets.keras!, /kernel_size=5,/);
  assert.match(fix.effect, /^Not measured yet/);
  assert.deepEqual(fix.expected, { metric: 'relError', from: null, to: null });
  // Without an ensemble there is no floor: no "more members", symmetrisation or distillation advice.
  assert.ok(fixes.every((f) => f.condition === 'architecture'));
});

test('no findings (the member under flip-h): no fixes at all', () => {
  assert.deepEqual(memberFindings('flip-h'), []);
  assert.deepEqual(staticFixes([], 'flip-h', [16, 16, 1]), []);
});

test("a flip layer under C4 covers part of the group: an augmentation fix counting the group's 4 elements", () => {
  const f = findingsOf('c4', { class_name: 'RandomFlip', config: { name: 'flip', mode: 'horizontal' } }, conv('c'));
  const fixes = staticFixes(f, 'c4', [16, 16, 1]);
  const aug = fixes.find((x) => x.id === 'augmentation:full-group')!;
  assert.ok(aug, `fixes: ${fixes.map((x) => x.id)}`);
  assert.deepEqual(aug.layers, ['flip']);
  assert.match(aug.what, /uniformly random element of c4 \(4 elements\)/);
  assert.deepEqual(aug.snippets, augmentationSnippets('c4', [16, 16, 1]));
});

test('augmentation snippets follow the output representation, class permutations included', () => {
  const invariant = augmentationSnippets('flip-h', [8, 8, 3])!;
  assert.match(invariant.pytorch!, /return transform\(x, g\), y {2}# invariant outputs: the label stays/);
  assert.match(augmentationSnippets('flip-h', [8, 8, 3], 'same')!.keras!, /transform\(y, g\)/);
  const classes = augmentationSnippets('flip-h', [8, 8, 3], 'classes:flip-h=1,0,2')!;
  // flip-h swaps classes 0 and 1: element 1's table is [1, 0, 2], the identity's [0, 1, 2].
  assert.match(classes.pytorch!, /CLASS_PERM = \[\[0,1,2\],\[1,0,2\]\]/);
  assert.match(classes.tfjs!, /CLASS_INV = \[\[0,1,2\],\[1,0,2\]\]/);
  // Translations need the image size; an unknown group gives nothing.
  assert.match(augmentationSnippets('translate', [12, 10, 1])!.tfjs!, /Math\.random\(\) \* 12\), Math\.floor\(Math\.random\(\) \* 10\)/);
  assert.equal(augmentationSnippets('so3', [8, 8, 1]), null);
});

test('the same findings in a measured report get measured effects: static fixes only replace what is unknown', () => {
  const findings = memberFindings('c4');
  const fromReport = adviseFixes({ ...unmeasured(findings), members: [{ path: 'm.json', relError: 0.3, absError: 0, osp: 1, agreement: 1, div: 0 }] });
  // One measured model ranks symmetrisation first (no training needed): compare the architecture fix itself.
  const arch = fromReport.find((f) => f.id === 'architecture:kernel-not-square')!;
  assert.equal(arch.what, staticFixes(findings, 'c4', [16, 16, 1])[0]!.what);
  assert.doesNotMatch(arch.effect, /Not measured/);
});

/** The smallest report the advice reads, for the comparison above. */
function unmeasured(findings: Finding[]): AuditReport {
  return {
    schemaVersion: 1,
    tool: { name: 'equilens', version: 't' },
    createdAt: '',
    backend: '',
    model: { format: 'layers-model', fingerprint: '', input: { name: '', shape: [null, 16, 16, 1] }, output: { name: '', shape: [null, 4] }, finalActivation: 'softmax' },
    group: { name: 'c4', order: 4, fullOrder: 4, sampled: false, elements: ['e', 'rot90', 'rot180', 'rot270'] },
    representation: { kind: 'invariant', description: 'invariant' },
    probes: { count: 1, source: 'synthetic', shape: [1, 16, 16, 1], description: '' },
    outputKind: 'probabilities',
    outputKindReason: '',
    members: [],
    ensemble: null,
    perElement: [],
    warnings: [],
    findings,
    timing: { totalSeconds: 0, predictSeconds: 0 },
  };
}
