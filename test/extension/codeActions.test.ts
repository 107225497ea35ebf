// Code actions on EquiLens diagnostics, without vscode: which actions for which diagnostics
// (codeActionPlan.ts), where their fixes come from (fixSet.ts), the Show fix page (fixMarkdown.ts)
// and the snippet the copy action takes (snippetChoice.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { augmentationSnippets } from '../../src/core/advice';
import type { Fix } from '../../src/core/advice/types';
import { analyzeText, toDiagnosticSpecs, type DocumentAnalysis } from '../../src/extension/diagnostics/findingDiagnostics';
import { COPY_SNIPPET_TITLE, findingAt, OPEN_REPORT_TITLE, planActions, type DiagnosticRef } from '../../src/extension/fixes/codeActionPlan';
import { fixMarkdown } from '../../src/extension/fixes/fixMarkdown';
import { fixForFinding, fixSet, topFixForLayer } from '../../src/extension/fixes/fixSet';
import { augmentationSnippet, frameworkChoices } from '../../src/extension/fixes/snippetChoice';
import { ROOT } from '../helpers/cli';
import { fakeReport } from './fixtures';

const MEMBER = readFileSync(join(ROOT, 'examples', 'incompatible-augmented', 'member-01', 'model.json'), 'utf8');
const analysis = analyzeText(MEMBER, 'c4')!;
/** The diagnostics the extension publishes for the member, as the editor hands them back. */
const refs: DiagnosticRef[] = toDiagnosticSpecs(analysis).map((s) => ({ code: s.code, offset: s.start }));
const facts = { findings: analysis.findings, group: 'c4', sample: analysis.sample ?? null, output: 'invariant' };
const staticSet = fixSet(facts);
const kinds = (actions: { kind: string }[]) => actions.map((a) => a.kind);

test('both 1×5 kernels: one "Show fix" for the one fix, then the snippet and the report, all on both diagnostics', () => {
  assert.equal(refs.length, 2);
  const actions = planActions(refs, analysis, staticSet);
  assert.deepEqual(kinds(actions), ['showFix', 'copySnippet', 'openReport']);
  const [show, copy, open] = actions;
  assert.equal(show!.title, 'EquiLens: Show fix — Square kernels in conv1, conv2');
  assert.ok(show?.kind === 'showFix' && show.preferred, 'an error finding makes its fix the preferred action');
  assert.equal(show.kind === 'showFix' && show.fix.id, 'architecture:kernel-not-square');
  assert.deepEqual(
    [show.diagnostics, copy!.diagnostics, open!.diagnostics],
    [
      [0, 1],
      [0, 1],
      [0, 1],
    ],
  );
  assert.deepEqual([copy!.title, open!.title], [COPY_SNIPPET_TITLE, OPEN_REPORT_TITLE]);
});

test('one diagnostic (the cursor on conv2): the same three actions, on it alone; no EquiLens diagnostic: none', () => {
  const actions = planActions([refs[1]!], analysis, staticSet);
  assert.deepEqual(kinds(actions), ['showFix', 'copySnippet', 'openReport']);
  assert.ok(actions.every((a) => a.diagnostics.length === 1 && a.diagnostics[0] === 0));
  assert.deepEqual(planActions([], analysis, staticSet), []);
});

test('a diagnostic maps to its finding by rule and by the layer its range starts in', () => {
  assert.equal(findingAt(analysis, refs[0]!)?.layer, 'conv1');
  assert.equal(findingAt(analysis, refs[1]!)?.layer, 'conv2');
  // Another rule on conv1, or a position outside every layer: no finding, hence no "Show fix".
  assert.equal(findingAt(analysis, { code: 'frozen-layer', offset: refs[0]!.offset }), undefined);
  assert.equal(findingAt(analysis, { code: 'kernel-not-square', offset: 0 }), undefined);
  const stale = planActions([{ code: 'kernel-not-square', offset: 0 }], analysis, staticSet);
  assert.deepEqual(kinds(stale), ['copySnippet', 'openReport']);
});

test('a finding about a whole member (offset 0, no layer) matches that finding', () => {
  const member: DocumentAnalysis = {
    ...analysis,
    findings: [...analysis.findings, { kind: 'non-finite-weights', severity: 'warning', title: 'Non-finite weights', member: 'm.json', evidence: 'NaN' }],
  };
  assert.equal(findingAt(member, { code: 'non-finite-weights', offset: 0 })?.member, 'm.json');
});

test('with a report of this model under the same group, fixes come from it (stored, or advised now for older reports)', () => {
  const report = { ...fakeReport({ floorCI: [0.1, 0.3] }), findings: analysis.findings };
  report.ensemble!.floor = 0.2;
  const fromReport = fixSet(facts, { report, label: 'incompatible-augmented' });
  assert.deepEqual(fromReport.origin, { kind: 'report', label: 'incompatible-augmented', createdAt: report.createdAt });
  const fix = fixForFinding(fromReport, analysis.findings[1]!)!;
  assert.equal(fix.id, 'architecture:kernel-not-square');
  // Measured: the floor of the report, not the static "not measured" wording.
  assert.match(fix.effect, /should fall from 20\.00% toward 0/);

  const stored: Fix = { ...fix, id: 'architecture:stored', title: 'Stored fix' };
  const withStored = fixSet(facts, { report: { ...report, fixes: [stored] }, label: 'x' });
  assert.equal(planActions(refs, analysis, withStored)[0]!.title, 'EquiLens: Show fix — Stored fix');
  // A report whose fixes leave a finding out (its condition measured as holding): no "Show fix" for it.
  assert.deepEqual(kinds(planActions(refs, analysis, fixSet(facts, { report: { ...report, fixes: [] }, label: 'x' }))), ['copySnippet', 'openReport']);
});

test('a report under another group than the diagnostics: its findings differ, so static fixes are used', () => {
  const d4 = { ...fakeReport(), group: { name: 'd4', order: 8, fullOrder: 8, sampled: false, elements: [] }, findings: [] };
  const set = fixSet(facts, { report: d4, label: 'x' });
  assert.deepEqual(set.origin, { kind: 'static', group: 'c4' });
  assert.match(fixForFinding(set, analysis.findings[0]!)!.effect, /^Not measured yet/);
  assert.equal(topFixForLayer(set, 'conv2')?.id, 'architecture:kernel-not-square');
  assert.equal(topFixForLayer(set, 'probs'), undefined);
});

test('the Show fix page: what, why, expected effect, and one fenced block per framework', () => {
  const fix = fixForFinding(staticSet, analysis.findings[0]!)!;
  const md = fixMarkdown(fix, staticSet.origin);
  assert.match(md, /^# Square kernels in conv1, conv2\n/);
  assert.match(md, /from the static findings under c4, before any audit/);
  assert.match(md, /\*\*What\.\*\* conv1, conv2 \(now 1×5\): a square, odd 5×5 kernel/);
  assert.match(md, /\*\*Why\.\*\* THEORY §1 condition 1/);
  assert.match(md, /\*\*Expected effect\.\*\* Not measured yet/);
  assert.match(md, /### TF\.js\n\n```ts\n[^`]*kernelSize: 5,\n```/);
  assert.match(md, /### Keras\n\n```python\n[^`]*kernel_size=5,\n```/);
  assert.match(md, /### PyTorch\n\n```python\n[^`]*kernel_size=5, padding=2/);
  // Code holding a fence cannot end its block early.
  const tricky = fixMarkdown({ ...fix, snippets: { tfjs: 'a ``` b' } }, staticSet.origin);
  assert.match(tricky, /````ts\na ``` b\n````/);
  assert.match(fixMarkdown({ ...fix, snippets: {} }, { kind: 'report', label: 'ens', createdAt: 'T' }), /from the audit of ens \(T\)[\s\S]*No code snippet for this fix/);
});

test("Copy augmentation snippet: the last framework first, and the group's snippet or why there is none", () => {
  assert.deepEqual(
    frameworkChoices(undefined).map((f) => f.label),
    ['TF.js', 'Keras', 'PyTorch'],
  );
  const choices = frameworkChoices('pytorch');
  assert.deepEqual(
    choices.map((f) => [f.id, f.description]),
    [
      ['pytorch', 'last used'],
      ['tfjs', undefined],
      ['keras', undefined],
    ],
  );
  assert.deepEqual(augmentationSnippet('c4', null, 'invariant', 'keras'), { code: augmentationSnippets('c4', [])!.keras! });
  assert.match((augmentationSnippet('c4', [16, 16, 1], 'invariant', 'keras') as { code: string }).code, /tf\.image\.rot90\(x, k=g\)/);
  assert.match((augmentationSnippet('translate', null, 'invariant', 'tfjs') as { problem: string }).problem, /needs the model's input size/);
  assert.match((augmentationSnippet('translate', [16, 16, 1], 'invariant', 'tfjs') as { code: string }).code, /Math\.random\(\) \* 16/);
  assert.deepEqual(augmentationSnippet('so3', [8], 'invariant', 'tfjs'), { problem: "no augmentation snippet for group 'so3'." });
});
