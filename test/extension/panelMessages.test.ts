// Messages from the webview are checked before use; saved panel state is checked before a restore.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFromPanel, parsePanelState } from '../../src/extension/panelMessages';
import { runningState } from '../../src/extension/panelState';
import { fakeReport } from './fixtures';

test('every FromPanel message passes, stripped of extra fields', () => {
  assert.deepEqual(parseFromPanel({ kind: 'ready' }), { kind: 'ready' });
  assert.deepEqual(parseFromPanel({ kind: 'cancel', extra: 1 }), { kind: 'cancel' });
  assert.deepEqual(parseFromPanel({ kind: 'rerun' }), { kind: 'rerun' });
  assert.deepEqual(parseFromPanel({ kind: 'export', format: 'md' }), { kind: 'export', format: 'md' });
  assert.deepEqual(parseFromPanel({ kind: 'openFile', path: 'a/model.json', x: 2 }), { kind: 'openFile', path: 'a/model.json' });
});

test('malformed or unknown messages are refused', () => {
  for (const bad of [
    null,
    undefined,
    'ready',
    42,
    [],
    ['ready'],
    {},
    { kind: 'nope' },
    { kind: 'export' },
    { kind: 'export', format: 'pdf' },
    { kind: 'export', format: 1 },
    { kind: 'openFile' },
    { kind: 'openFile', path: '' },
    { kind: 'openFile', path: 7 },
    { kind: 'openFile', path: 'a\0b' },
    { kind: 'toString' },
    { kind: 'constructor' },
  ]) {
    assert.equal(parseFromPanel(bad), null, JSON.stringify(bad));
  }
});

test('a saved PanelState is restored; anything else is not', () => {
  const running = runningState('EquiLens: m · C4');
  assert.deepEqual(parsePanelState(running), running);
  const done = { ...running, status: 'done', report: fakeReport(), members: fakeReport().members, progress: { done: 8, total: 8 } };
  assert.deepEqual(parsePanelState(done), done);
  for (const bad of [
    null,
    'x',
    [],
    { ...running, title: 3 },
    { ...running, status: 'weird' },
    { ...running, members: [{}] },
    { ...running, members: 'x' },
    { ...running, progress: { done: -1, total: 2 } },
    { ...running, progress: { done: 1 } },
    { ...running, report: { schemaVersion: 2, members: [], group: {} } },
    { ...running, report: 'r' },
    { ...running, error: 5 },
  ]) {
    assert.equal(parsePanelState(bad), null, JSON.stringify(bad));
  }
});
