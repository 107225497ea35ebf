// Renderers: same figures in every format, and text from model files never becomes markup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderComparison, renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import type { AuditReport } from '../src/core/report/types';

function report(overrides: Partial<AuditReport> = {}): AuditReport {
  const member = (path: string, relError: number) => ({ path, relError, absError: 0.01, osp: 3.5, agreement: 0.5 / 0.6, div: 0.02 });
  return {
    schemaVersion: 1,
    tool: { name: 'equilens', version: 'test' },
    createdAt: '2026-01-01T00:00:00.000Z',
    backend: 'cpu',
    model: { format: 'layers-model', fingerprint: 'f', input: { name: 'in', shape: [null, 8, 8, 1] }, output: { name: 'out', shape: [null, 3] }, finalActivation: 'softmax' },
    group: { name: 'c4', order: 4, fullOrder: 4, sampled: false, elements: ['e', 'rot90', 'rot180', 'rot270'] },
    representation: { kind: 'invariant', description: 'invariant' },
    probes: { count: 8, source: 'npy', shape: [8, 8, 8, 1], description: 'p.npy' },
    outputKind: 'probabilities',
    outputKindReason: 'final layer activation softmax',
    members: [member('m/<script>alert(1)</script>|x.json', 0.2), member('m/two.json', 0.3)],
    ensemble: {
      size: 2,
      relError: 0.05,
      absError: 0.004,
      osp: 3.9,
      agreement: 0.9666,
      div: 0.001,
      floor: 0.0123,
      floorCI: [0, 0.02],
      floorAbs: 0.001,
      membersNeeded: { '0.01': null, '0.05': 1 },
      model: { bias2: 1, s2: 2, Z: 3 },
      curve: [
        { k: 1, relError: 0.25, relErrorSd: 0.05, osp: 3.5, div: 0.02, modelRelError: 0.24 },
        { k: 2, relError: 0.1, relErrorSd: 0.02, osp: 3.8, div: 0.01, modelRelError: 0.11 },
      ],
      meanNearZero: false,
    },
    perElement: [
      { element: 'rot90', ensembleRelError: 0.07, memberMedianRelError: 0.25 },
      { element: 'rot180', ensembleRelError: 0.03, memberMedianRelError: 0.2 },
    ],
    warnings: ['careful <b>'],
    findings: [{ kind: 'kernel-not-square', severity: 'error', title: 'Kernel is not square', layer: 'conv<img src=x onerror=alert(1)>', layerIndex: 0, evidence: 'kernel 1×5' }],
    timing: { totalSeconds: 1, predictSeconds: 0.5 },
    ...overrides,
  };
}

test('terminal: members, ensemble row, floor with interval and members needed', () => {
  const t = renderTerminal(report());
  assert.match(t, /m\/two\.json\s+30\.00%/);
  assert.match(t, /ensemble mean \(2\)\s+5\.00%/);
  // The fitted floor 1.23 % is above 1 % but its interval reaches 0: inconclusive, never 'unreachable' (verdictWords.ts).
  assert.match(t, /floor 1\.23% \(95% CI 0\.00% – 2\.00%\) · to reach 1%: inconclusive · to reach 5%: 1 members/);
  assert.match(t, /most broken element: rot90/);
  assert.match(t, /warning: careful <b>/);
  assert.match(t, /error · conv<img src=x onerror=alert\(1\)>: Kernel is not square — kernel 1×5/);
});

test('regression outputs drop the classification columns', () => {
  const t = renderTerminal(report({ outputKind: 'regression' }));
  assert.doesNotMatch(t, /OSP/);
});

test('html escapes every string from model files and has no script', () => {
  const html = renderHtml(report());
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
  assert.match(html, /careful &#60;b&#62;/);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /conv&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.match(html, /default-src 'none'/);
});

test('markdown escapes table separators and markup', () => {
  const md = renderMarkdown(report());
  assert.match(md, /m\/\\<script\\>alert\(1\)\\<\/script\\>\\\|x\.json/);
  assert.match(md, /\| ensemble mean \(2\) \| 5\.00% \|/);
  assert.match(md, /\| 2 \| 10\.00% ± 2\.00% \| 11\.00% \|/);
});

test('comparison puts one ensemble per row', () => {
  const c = renderComparison([
    { name: 'A', report: report() },
    { name: 'B', report: report({ ensemble: null }) },
  ]);
  const lines = c.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^A\s+25\.00%\s+5\.00%\s+1\.23%\s+0\.00%–2\.00%/);
  assert.match(lines[2]!, /^B\s+25\.00%\s+20\.00%\s+–/);
});
