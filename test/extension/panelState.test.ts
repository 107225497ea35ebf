// The host's copy of what the panel shows: the messages of an audit add up to the final state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEvent } from '../../src/core/audit/spec';
import { applyToPanel, panelMessage, reportState, runningState } from '../../src/extension/panelState';
import { fakeReport, member } from './fixtures';

test('started → progress → member … → report: progressive, then the report', () => {
  const report = fakeReport();
  const events: AuditEvent[] = [
    { kind: 'started', members: ['m/a.json', 'm/b.json'], group: 'c4', order: 4, probes: 8 },
    { kind: 'progress', done: 4, total: 8, member: 0 },
    { kind: 'member', index: 0, result: report.members[0]! },
    { kind: 'progress', done: 8, total: 8, member: 1 },
    { kind: 'member', index: 1, result: report.members[1]! },
    { kind: 'finished', report },
  ];
  const seen = [];
  let s = runningState('T');
  for (const e of events) {
    const m = panelMessage(e, 'T');
    s = applyToPanel(s, m);
    seen.push(m.kind);
    if (e.kind === 'started') assert.deepEqual(s.progress, { done: 0, total: 8 });
    if (e.kind === 'member' && e.index === 0) assert.deepEqual(s.members, [report.members[0]]);
  }
  assert.deepEqual(seen, ['started', 'progress', 'member', 'progress', 'member', 'report']);
  assert.deepEqual(s, reportState('T', report));
  assert.equal(s.status, 'done');
});

test('failed keeps what arrived and the one-line message; cancelled keeps the partial members', () => {
  let s = applyToPanel(runningState('T'), { kind: 'member', index: 0, result: member('a', 0.1) });
  const failed = applyToPanel(s, { kind: 'failed', message: 'm.json: outputs contain NaN or Infinity (3 of 96 values)' });
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error, 'm.json: outputs contain NaN or Infinity (3 of 96 values)');
  assert.equal(failed.members.length, 1);
  s = applyToPanel(s, { kind: 'cancelled' });
  assert.equal(s.status, 'cancelled');
  assert.equal(s.report, null);
  // A rerun starts over.
  assert.deepEqual(applyToPanel(s, { kind: 'state', state: runningState('T') }), runningState('T'));
});
