// The panel's state machine, without a browser: what each ToPanel message does to PanelState.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AuditReport } from '../../src/core/report/types';
import type { ToPanel } from '../../src/protocol';
import { initialModel, isToPanel, step, type PanelModel } from '../../src/webview/panel/state';

const report = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'report.json'), 'utf8')) as AuditReport;
const run = (msgs: ToPanel[], from: PanelModel = initialModel()) => msgs.reduce(step, from);
const started: ToPanel = { kind: 'started', title: 'T', members: ['a/model.json', 'b/model.json'], order: 4, probes: 32 };

test('started → progress → member → report', () => {
  const s1 = run([started]);
  assert.deepEqual(s1.state, { title: 'T', status: 'running', members: [], progress: { done: 0, total: 8 }, report: null, error: null });
  assert.deepEqual(s1.planned, { members: ['a/model.json', 'b/model.json'], order: 4, probes: 32 });
  const s2 = run(
    [
      { kind: 'progress', done: 4, total: 8 },
      { kind: 'member', index: 1, result: report.members[1]! },
    ],
    s1,
  );
  assert.deepEqual(s2.state.progress, { done: 4, total: 8 });
  assert.equal(s2.state.members[1], report.members[1]);
  assert.equal(s1.state.members.length, 0, 'earlier models are never mutated');
  const s3 = step(s2, { kind: 'report', report });
  assert.equal(s3.state.status, 'done');
  assert.equal(s3.state.report, report);
  assert.equal(s3.state.members, report.members);
  assert.equal(s3.state.progress, null);
  assert.equal(s3.state.title, 'T');
  assert.equal(step(initialModel(), { kind: 'report', report }).state.title, 'EquiLens · c4 · examples/compatible-augmented', 'untitled: named after the report');
});

test('failed keeps the members audited so far; cancelled; state replaces everything', () => {
  const partial = run([started, { kind: 'member', index: 0, result: report.members[0]! }]);
  const failed = step(partial, { kind: 'failed', message: 'a/model.json: bad' });
  assert.equal(failed.state.status, 'failed');
  assert.equal(failed.state.error, 'a/model.json: bad');
  assert.equal(failed.state.members.length, 1);
  assert.equal(step(partial, { kind: 'cancelled' }).state.status, 'cancelled');
  const restored = { title: 'R', status: 'done' as const, members: report.members, progress: null, report, error: null };
  assert.deepEqual(step(failed, { kind: 'state', state: restored }), { state: restored, planned: null });
  const again = step(step(failed, { kind: 'report', report }), started);
  assert.equal(again.state.report, null, 'a new run clears the old report');
});

test('messages from elsewhere: unknown kinds change nothing; non-objects are not ToPanel', () => {
  const m = run([started]);
  assert.equal(step(m, { kind: 'bogus' } as unknown as ToPanel), m);
  assert.equal(isToPanel({ kind: 'report' }), true);
  for (const x of [null, 'report', 3, {}, { kind: 1 }]) assert.equal(isToPanel(x), false);
});
