// What the CodeLens and the tree say about a model's last audit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensembleResult, groupLabel, resultStatus, resultTitle, storedResult, type StoredResult } from '../../src/extension/results';
import { fakeReport, member } from './fixtures';

test('CodeLens titles: ensemble with its floor, single model with its relError', () => {
  assert.equal(resultTitle(storedResult(fakeReport())), 'C4 · ensemble 0.8 % · floor 0.1 %');
  assert.equal(resultTitle(storedResult(fakeReport({ members: [member('m.json', 0.1234)] }))), 'C4 · model 12.3 %');
  const noFloor: StoredResult = { group: 'flip-h', members: 3, relError: null, floor: null, floorCI: null, at: 'x' };
  assert.equal(resultTitle(noFloor), 'flip-h · ensemble – · floor –');
});

test('group labels: cyclic and dihedral groups in capitals, the rest as named', () => {
  assert.deepEqual(['c2', 'c4', 'd4', 'flip-h', 'translate', 'permute'].map(groupLabel), ['C2', 'C4', 'D4', 'flip-h', 'translate', 'permute']);
});

test('status: floor interval reaching 0 passes, clearly above 0 warns, no floor is neutral, none is none', () => {
  assert.equal(resultStatus(storedResult(fakeReport({ floorCI: [0, 0.004] }))), 'pass');
  assert.equal(resultStatus(storedResult(fakeReport({ floorCI: [0.00005, 0.004] }))), 'pass');
  assert.equal(resultStatus(storedResult(fakeReport({ floorCI: [0.02, 0.09] }))), 'warn');
  assert.equal(resultStatus(storedResult(fakeReport({ floorCI: null }))), 'neutral');
  assert.equal(resultStatus(storedResult(fakeReport({ members: [member('m.json', 0.1)] }))), 'neutral');
  assert.equal(resultStatus(undefined), 'none');
});

test("an ensemble shows its members' newest result from an audit of that size", () => {
  const r = (members: number, at: string): StoredResult => ({ group: 'c4', members, relError: 0.1, floor: 0, floorCI: [0, 0], at });
  const old = r(3, '2026-01-01T00:00:00Z');
  const newer = r(3, '2026-02-01T00:00:00Z');
  const single = r(1, '2026-03-01T00:00:00Z');
  assert.equal(ensembleResult(3, [old, undefined, newer, single]), newer);
  assert.equal(ensembleResult(3, [single, undefined]), undefined);
  assert.equal(ensembleResult(2, [old]), undefined);
});
