// Issue 15.1, "same numbers everywhere": one verdict vocabulary across the renderers of one report,
// captions that say model or ensemble by the member count, and an ensemble curve that ends at the
// ensemble's own value.
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { adviseFixes } from '../src/core/advice';
import { runAudit } from '../src/core/audit/runAudit';
import { renderComparison, renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import { summaryRows, verdict } from '../src/core/report/rows';
import type { AuditReport } from '../src/core/report/types';
import { membersNeededText, reading, READING_WORDS, subject, UNREACHABLE } from '../src/core/report/verdictWords';
import { ensembleStats, functionMetrics, meanOrbit, type Orbit } from '../src/core/stats';
import { resultStatus, resultTitle, storedResult } from '../src/extension/results';
import { nodeFiles } from '../src/node/nodeFiles';
import { ROOT } from './helpers/cli';
import { fakeReport, member } from './extension/fixtures';

/** Two members at 20 % and 30 %, a fitted floor `floor` with interval `ci`, membersNeeded as given. */
function report(floor: number, ci: [number, number], needed: { '0.01': number | null; '0.05': number | null }): AuditReport {
  const base = fakeReport();
  return {
    ...base,
    ensemble: {
      ...base.ensemble!,
      relError: 0.05,
      floor,
      floorCI: ci,
      membersNeeded: needed,
      model: { bias2: floor * floor * 3, s2: 0.02, Z: 3 },
      curve: [
        { k: 1, relError: 0.25, relErrorSd: 0.05, osp: 3.5, div: 0.02, modelRelError: 0.24 },
        { k: 2, relError: 0.05, relErrorSd: 0.02, osp: 3.9, div: 0.001, modelRelError: 0.05 },
      ],
    },
    perElement: [{ element: 'r1', ensembleRelError: 0.07, memberMedianRelError: 0.25 }],
  };
}

/** Every text front end's rendering of `r`, by name (the panel shares verdict() and membersNeededText()). */
function renderings(r: AuditReport): Record<string, string> {
  const stored = storedResult(r);
  return {
    terminal: renderTerminal(r),
    markdown: renderMarkdown(r),
    html: renderHtml(r),
    comparison: renderComparison([{ name: 'ens', report: r }]),
    codeLens: resultTitle(stored),
    fixes: (adviseFixes(r) ?? []).map((f) => f.title).join('\n'),
  };
}

test('a fitted floor above 1 % whose wide interval reaches 0 reads "inconclusive" everywhere, never "unreachable"', () => {
  // The case: median member 25 %, floor 3 % with interval [0, 20 %]: wide, so inconclusive.
  const r = report(0.03, [0, 0.2], { '0.01': null, '0.05': 40 });
  assert.equal(reading(r), 'inconclusive');
  assert.equal(membersNeededText(r, '0.01'), 'inconclusive');
  assert.equal(membersNeededText(r, '0.05'), '40 members');
  assert.match(verdict(r)!, /^inconclusive: the floor interval reaches 0 but is wide \(up to 20\.00%\)/);
  const out = renderings(r);
  for (const [where, text] of Object.entries(out)) assert.doesNotMatch(text, /unreachable/i, `${where} says unreachable`);
  for (const where of ['terminal', 'markdown', 'html']) {
    assert.match(out[where]!, /to reach 1%: inconclusive · to reach 5%: 40 members/, where);
    assert.match(out[where]!, /inconclusive: the floor interval reaches 0 but is wide/, where);
  }
  assert.match(out.comparison!, /\binconclusive\s*$/m);
  assert.equal(out.codeLens, 'C4 · ensemble 5.0 % · floor 3.0 % · inconclusive');
  assert.equal(resultStatus(storedResult(r)), 'neutral', 'an inconclusive floor is no pass in the tree');
});

test('a floor interval clearly above 0 reads "floor above 0" and "unreachable" everywhere, never "inconclusive"', () => {
  const r = report(0.08, [0.05, 0.11], { '0.01': null, '0.05': null });
  assert.equal(reading(r), 'above-zero');
  const out = renderings(r);
  for (const [where, text] of Object.entries(out)) assert.doesNotMatch(text, /inconclusive/i, `${where} says inconclusive`);
  for (const where of ['terminal', 'markdown', 'html']) {
    assert.match(out[where]!, /to reach 1%: unreachable · to reach 5%: unreachable/, where);
    assert.match(out[where]!, /floor above 0: the interval excludes 0/, where);
  }
  assert.match(out.comparison!, /\bunreachable\s*$/m);
  assert.equal(resultStatus(storedResult(r)), 'warn');
  assert.equal(membersNeededText(r, '0.01', false), UNREACHABLE);
});

test('a narrow interval reaching 0 reads "conditions look satisfied" and passes in the tree', () => {
  const r = report(0.004, [0, 0.012], { '0.01': 6, '0.05': 1 });
  assert.equal(reading(r), 'satisfied');
  assert.match(verdict(r)!, new RegExp(`^${READING_WORDS.satisfied}: `));
  for (const where of ['terminal', 'markdown', 'html'] as const) assert.match(renderings(r)[where]!, /to reach 1%: 6 members · to reach 5%: 1 members/);
  assert.equal(resultStatus(storedResult(r)), 'pass');
});

test('no relative floor (mean ≈ 0): no number of members is promised or refused', () => {
  const r = report(0.03, [0, 0.2], { '0.01': null, '0.05': null });
  r.ensemble = { ...r.ensemble!, meanNearZero: true, floor: null, floorCI: null };
  assert.equal(reading(r), 'none');
  assert.equal(membersNeededText(r, '0.01'), '–');
  assert.doesNotMatch(renderComparison([{ name: 'ens', report: r }]), /unreachable|inconclusive/);
});

test('captions: "model" for one model, "member"/"ensemble" for several', () => {
  const ens = report(0.004, [0, 0.012], { '0.01': 6, '0.05': 1 });
  const one: AuditReport = { ...ens, members: [member('m/one.json', 0.2)], ensemble: null };
  assert.equal(subject(one), 'model');
  assert.equal(subject(ens), 'ensemble');
  assert.equal(summaryRows(one)[0]![0], 'model');
  assert.equal(summaryRows(ens)[0]![0], 'member');
  assert.equal(resultTitle(storedResult(one)), 'C4 · model 20.0 %');
  assert.match(resultTitle(storedResult(ens)), /^C4 · ensemble /);
  // The curve's fitted column is not called "model" (it is no model of the user's).
  assert.match(renderMarkdown(ens), /\| k \| relError \(mean ± sd\) \| expected \(fit\) \| OSP \| DIV \|/);
  assert.match(renderHtml(ens), /<th>expected \(fit\)<\/th>/);
});

/** A member with B = 1, m = 2 and D = 3: identity and ρ_out rows `e`, the moved row e + d. */
function orbit(e: number[], d: number[]): Orbit {
  const D = e.length;
  const moved = new Float32Array(2 * D);
  const expected = new Float32Array(2 * D);
  for (let j = 0; j < D; j++) {
    moved[j] = expected[j] = expected[D + j] = e[j]!;
    moved[D + j] = e[j]! + d[j]!;
  }
  return { dims: { B: 1, m: 2, D }, moved, expected };
}

test('the curve point at k = N is the ensemble itself: relError, OSP and DIV of the mean, not of resamples', () => {
  const members = [orbit([2, 0.5, 0.1], [0.5, -0.2, 0.1]), orbit([1.5, 1, 0.2], [0.3, 0.4, -0.6]), orbit([1.8, 0.1, 0.9], [-0.7, 0.2, 0.3])];
  const own = functionMetrics(meanOrbit(members), 'logits');
  // Without the mean's metrics, from the Gram matrices in float64: the same value up to the float32
  // rounding of the stored mean orbit (which is why assembleReport passes the mean's own metrics).
  const fromGrams = ensembleStats(members, 'logits', { seed: 3 }).curve.at(-1)!;
  assert.equal(fromGrams.k, 3);
  assert.ok(Math.abs(fromGrams.relError - own.relError!) <= 1e-6 * own.relError!, `${fromGrams.relError} vs ${own.relError}`);
  assert.equal(fromGrams.osp, own.osp);
  assert.ok(Math.abs(fromGrams.div! - own.div!) <= 1e-12);
  // With them (what assembleReport passes): exactly the reported numbers.
  const given = ensembleStats(members, 'logits', { seed: 3, ensemble: own });
  const end = given.curve.at(-1)!;
  assert.deepEqual([end.relError, end.osp, end.div], [own.relError, own.osp, own.div]);
  // The sd stays the spread of 3-member resamples (the noise `equilens check` compares with), and
  // the points below N are untouched by the change.
  const before = ensembleStats(members, 'logits', { seed: 3 });
  assert.ok(end.relErrorSd > 0);
  assert.equal(end.relErrorSd, before.curve.at(-1)!.relErrorSd);
  assert.deepEqual(given.curve.slice(0, -1), before.curve.slice(0, -1));
});

test('an audited ensemble: the curve ends at ensemble.relError, OSP and DIV exactly', async () => {
  const r = await runAudit({ targets: [join(ROOT, 'examples/compatible-plain')], group: 'c4', output: 'invariant', probesCount: 8, seed: 0 }, { fs: nodeFiles, backend: 'cpu' });
  const e = r.ensemble!;
  const end = e.curve.at(-1)!;
  assert.equal(end.k, e.size);
  assert.equal(end.relError, e.relError);
  assert.equal(end.osp, e.osp);
  assert.equal(end.div, e.div);
});
