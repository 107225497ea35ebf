// The layer hover's additions from the last audit (layerFloorHover.ts): the layer's per-layer
// floor, the layer where the floor jumps, and the top fix, read defensively from the report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fix } from '../../src/core/advice/types';
import type { LayerFloor } from '../../src/core/localise/types';
import type { AuditReport } from '../../src/core/report/types';
import { layerFloorLines, layerHoverMarkdown, topFixLine } from '../../src/extension/diagnostics/layerFloorHover';
import { fakeReport } from './fixtures';

function floor(name: string, index: number, value: number | null, ci: [number, number] | null, note?: string): LayerFloor {
  return {
    name,
    index,
    className: 'Conv2D',
    outputShape: [null, 16, 16, 8],
    action: value === null ? 'skipped' : 'spatial',
    ...(note && { note }),
    floor: value,
    floorCI: ci,
    floorAbs: value,
    relError: value,
    memberMedianRelError: value,
    positions: { used: 256, total: 256 },
  };
}

const STATIC = 'static: conv2 kernel is not square (1×5 kernel becomes 5×1 under rot90) — dynamic: floor jumps at conv2 (0.3% → 41.2%)';
const report: AuditReport = {
  ...fakeReport(),
  layers: [floor('conv1', 0, 0.003, [0, 0.006]), floor('conv2', 1, 0.412, [0.3, 0.5]), floor('gap', 2, null, null, 'mean ≈ 0'), floor('#3', 3, 0.5, null)],
  breakingLayer: { name: 'conv2', index: 1, floor: 0.412, previousFloor: 0.003, staticFinding: STATIC },
};
const lines = (name: string, index: number, r: AuditReport = report) => layerFloorLines(r, 'incompatible-augmented', { name, index });

test('the breaking layer: its floor with the interval, and "floor jumps here" with the static cross-reference', () => {
  assert.deepEqual(lines('conv2', 1), ['**Per-layer floor** · C4 audit of incompatible-augmented: **41.2 %** (95 % interval 30.0 %–50.0 %)', `⚠ **Floor jumps here: 0.3 % → 41.2 %**\n\n_${STATIC}_`]);
});

test('a layer before it: its own floor, and where the floor first jumps', () => {
  assert.deepEqual(lines('conv1', 0), ['**Per-layer floor** · C4 audit of incompatible-augmented: **0.3 %** (95 % interval 0.0 %–0.6 %)', 'The floor first jumps at `conv2` (0.3 % → 41.2 %).']);
});

test('no number: the reason; an unnamed layer matches by index; a layer the report lacks: nothing', () => {
  assert.equal(lines('gap', 2)[0], '**Per-layer floor** · C4 audit of incompatible-augmented: – (mean ≈ 0)');
  assert.match(lines('#3', 3)[0]!, /: \*\*50\.0 %\*\*$/);
  assert.deepEqual(lines('renamed', 1), []);
});

test('reports without floors: absent (older reports, localise off) says nothing; null says they were not computed', () => {
  assert.deepEqual(lines('conv2', 1, fakeReport()), []);
  assert.deepEqual(lines('conv2', 1, { ...fakeReport(), layers: null }), ["**Per-layer floor** · C4 audit of incompatible-augmented: not computed (see the report's warnings)"]);
  // No breaking layer, or one in an unexpected shape: only the floor line.
  assert.equal(lines('conv2', 1, { ...report, breakingLayer: null }).length, 1);
  const odd = { ...report, breakingLayer: { name: 'conv2', index: 1 } } as unknown as AuditReport;
  assert.equal(lines('conv2', 1, odd).length, 1);
});

test('the whole hover: findings, then the floor, then the top fix, as separate sections', () => {
  const fix = { title: 'Square kernels in conv1, conv2', effect: 'The floor should fall from 20.00% toward 0.' } as Fix;
  const md = layerHoverMarkdown({ layer: { name: 'conv2', index: 1 }, group: 'c4', findings: [], last: { report, label: 'ens' }, fix, measured: true });
  const sections = md.split('\n\n---\n\n');
  assert.equal(sections.length, 3);
  assert.equal(sections[0], 'EquiLens: no static findings for `conv2` under `c4`');
  assert.match(sections[1]!, /^\*\*Per-layer floor\*\* · C4 audit of ens: \*\*41\.2 %\*\*[\s\S]*Floor jumps here: 0\.3 % → 41\.2 %/);
  assert.equal(sections[2], '**Top fix:** Square kernels in conv1, conv2 — _The floor should fall from 20.00% toward 0._ (light bulb → *Show fix*)');
  // Before any audit: the static fix, its effect marked unmeasured, and no floor section.
  const before = layerHoverMarkdown({ layer: { name: 'conv2', index: 1 }, group: 'c4', findings: [], fix, measured: false }).split('\n\n---\n\n');
  assert.deepEqual(before.slice(1), [topFixLine(fix, false)[0]]);
  assert.match(before[1]!, /_not measured yet: static findings only_/);
  assert.deepEqual(topFixLine(undefined, true), []);
});
