// Issue 13 §3: nothing model-derived is trusted in output. Every name field holds an injection
// string (a tag behind a backslash, newlines with '# ', backticks, ESC/BEL/CR/OSC, C1, bidi);
// Markdown is rendered by a real renderer (markdown-it) and must have exactly the structure it
// has with harmless names; terminal and CI-log text holds no control character.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fix } from '../src/core/advice/types';
import { evaluateThresholds } from '../src/core/ci/thresholds';
import { renderCheckMarkdown } from '../src/core/ci/markdown';
import { renderCheckSummary } from '../src/core/ci/summary';
import { renderJunit } from '../src/core/ci/junit';
import { EquiLensError } from '../src/core/errors';
import { renderHtml, renderMarkdown, renderTerminal } from '../src/core/report';
import { mdCode, mdText, plainText, termText } from '../src/core/report/escape';
import type { AuditReport } from '../src/core/report/types';
import { main } from '../src/cli/main';
import { HOSTILE_NAMES, hostile, injectionProblems, markdownStructure } from '../scripts/fuzz/injection';
import { fakeOutcome, fakeReport, fakeRun } from './helpers/checkFixtures';

/** A report with an injection string in every field a model, a folder or a config can name. */
function hostileReport(k: number): AuditReport {
  const h = (i: number) => hostile(k + i);
  const r = fakeReport(
    [
      { relError: 0.3, agreement: 0.8, div: 0.2 },
      { relError: 0.35, agreement: 0.7, div: 0.3 },
    ],
    { relError: 0.2, floor: 0.15, floorCI: [0.1, 0.2], sdAtN: 0.02, agreement: 0.9, div: 0.1 },
    [{ kind: 'kernel-not-square', severity: 'error', title: h(0), layer: h(1), layerIndex: 0, evidence: h(2), member: h(3) }],
  );
  r.members[0]!.path = `${h(4)}/model.json`;
  r.members[1]!.path = `models/${h(5)}.json`;
  r.probes.description = h(6);
  r.outputKindReason = h(7);
  r.representation.description = h(8);
  r.group.elements = ['e', h(1), 'rot180', 'rot270'];
  r.perElement = [{ element: h(2), ensembleRelError: 0.1, memberMedianRelError: 0.2 }];
  r.warnings = [h(3), h(4)];
  r.layers = [{ name: h(5), className: h(6), outputShape: [null, 4, 4, 2], action: 'skipped', note: h(7), floor: null, floorCI: null, relError: null, memberMedianRelError: null } as never];
  r.breakingLayer = null;
  const fix: Fix = {
    id: 'architecture:kernel-not-square',
    condition: 'architecture',
    title: h(0),
    what: h(1),
    why: h(2),
    effect: h(3),
    expected: { metric: 'floor', from: 0.15, to: 0 },
    score: 1,
    findings: [0],
    layers: [h(4)],
    snippets: { tfjs: `model.getLayer('${h(5)}');\n// ${h(6)}\n${'`'.repeat(5)}`, keras: `m.get_layer("${h(7)}")` },
  };
  r.fixes = [fix];
  return r;
}

function hostileRun(k: number) {
  const report = hostileReport(k);
  const checks = evaluateThresholds(report, { maxFloor: 0.05, maxMemberRelError: 0.1 });
  for (const c of checks) {
    c.message = `${c.message} ${hostile(k + 2)}`;
    if (c.members) c.members = [hostile(k + 3), `${hostile(k + 4)}/m.json`];
  }
  const run = fakeRun([fakeOutcome(hostile(k), report, checks)]);
  run.baseline = hostile(k + 5);
  run.changedSince = { ref: hostile(k + 6), unchanged: [hostile(k + 7)] };
  return run;
}

test('every renderer keeps its structure with an injection string in every name field (each string in each field)', () => {
  for (let k = 0; k < HOSTILE_NAMES.length; k++) {
    const run = hostileRun(k);
    assert.deepEqual(injectionProblems(run.audits[0]!.report, run), [], `rotation ${k}`);
  }
});

test('Markdown: no raw HTML, heading, list item or link comes from a name (markdown-it)', () => {
  const run = hostileRun(0);
  const audit = renderMarkdown(run.audits[0]!.report);
  const check = renderCheckMarkdown(run, null, 1);
  for (const [what, text] of [
    ['audit', audit],
    ['check', check],
  ] as const) {
    const tags = markdownStructure(text);
    assert.ok(!tags.some((t) => /^<\/?(img|script|b|a)$/.test(t)), `${what}: ${tags.filter((t) => /img|script|<b|<a/.test(t)).join(' ')}`);
    assert.equal(tags.filter((t) => t === '<blockquote').length, what === 'audit' ? 1 : 0, `${what}: only our own warning quote`);
  }
  // Our own headings only: '# EquiLens audit', Findings, per-layer, Fixes and one fix.
  assert.deepEqual(
    markdownStructure(audit).filter((t) => /^<h\d$/.test(t)),
    ['<h1', '<h2', '<h2', '<h2', '<h3'],
  );
  assert.deepEqual(
    markdownStructure(check).filter((t) => /^<h\d$/.test(t)),
    ['<h2', '<h3'],
  );
  // One list item per failed check, however many newlines the audit name holds.
  assert.equal(markdownStructure(check).filter((t) => t === '<li').length, 2);
});

test('the escapes themselves: inline text, code spans, terminal text', () => {
  assert.equal(mdText('\\<img src=x onerror=alert(1)>'), '\\\\\\<img src=x onerror=alert(1)\\>');
  assert.equal(mdText('a\n# b'), 'a\\\\n\\# b');
  assert.equal(mdCode('a`b``c'), '```a`b``c```');
  assert.equal(mdCode('`x'), '`` `x ``');
  assert.equal(termText('ok\u001b]0;t\u0007\r\nequilens: all checks passed\u009b'), 'ok\\x1b]0;t\\x07\\r\\nequilens: all checks passed\\x9b');
  assert.equal(plainText('bidi\u202e'), 'bidi\\u202e');
});

test('HTML escapes every name; no tag comes from one', () => {
  const html = renderHtml(hostileReport(0));
  assert.doesNotMatch(html, /<img|<script|<b>/i);
  assert.match(html, /\\&#60;img src=x onerror=alert\(1\)&#62;/);
  assert.doesNotMatch(html, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});

test('terminal, check summary and JUnit: no control character, no forged line', () => {
  const run = hostileRun(2);
  const term = renderTerminal(run.audits[0]!.report);
  const summary = renderCheckSummary(run, 1);
  for (const t of [term, summary]) assert.doesNotMatch(t, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  assert.ok(!summary.split('\n').some((l) => l.startsWith('equilens:')), 'no line of the summary starts like one of ours');
  assert.match(summary, /^FAIL x\\nequilens: all checks passed · c4/m);
  assert.doesNotMatch(renderJunit(run), /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
});

test('CLI error lines (stderr) carry a hostile path as one line without control characters', async () => {
  const writes: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  process.stderr.write = (s: string) => (writes.push(String(s)), true);
  let code: number;
  try {
    code = await main(['audit', '/nonexistent/x\u001b]0;pwn\u0007\nequilens: all checks passed\r/model.json', '-q']);
  } finally {
    process.stderr.write = orig;
  }
  assert.equal(code, 2);
  const text = writes.join('');
  assert.equal(text.split('\n').length, 2, JSON.stringify(text));
  assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(text, /^equilens: \/nonexistent\/x\\x1b\]0;pwn\\x07\\nequilens: all checks passed\\r\/model\.json: /);
  const e = new EquiLensError('a\nb', 'c\u001b');
  assert.equal(e.message, 'a\\nb: c\\x1b', 'the message is one line; file and problem keep the exact text');
  assert.equal(e.file, 'a\nb');
});
