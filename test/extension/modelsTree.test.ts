// The "Models & Ensembles" rows stay readable (issue 15.2): one short description, the detail in a
// Markdown tooltip. ModelsTree runs against the fake vscode module.
import { fake } from '../helpers/fakeVscode';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelsTree } from '../../src/extension/modelsTree';
import { storedResult, type StoredResult } from '../../src/extension/results';
import { escapeMarkdown, rowDescription, rowTooltip } from '../../src/extension/treeText';
import { fakeReport, member } from './fixtures';

const ENSEMBLE = {
  folder: '/w/examples/compatible_augmented',
  fingerprint: 'f',
  members: ['/w/examples/compatible_augmented/member-01/model.json', '/w/examples/compatible_augmented/member-02/model.json'],
};
const LAST: StoredResult = {
  ...storedResult(fakeReport()),
  at: '2026-12-06T23:04:05.123Z',
};

function tree(results: Record<string, StoredResult>): ModelsTree {
  const changes = { onDidChange: () => ({ dispose() {} }) };
  const index = {
    ...changes,
    get: async () => ({
      ensembles: [ENSEMBLE],
      singles: [{ path: '/w/alone/model.json', fingerprint: 'g' }],
    }),
  };
  const store = { ...changes, get: (p: string) => results[p] };
  return new ModelsTree(index as never, store as never);
}

test("an audited ensemble's row: group and floor only; the full result, its time and the floor's interval in a Markdown tooltip", async () => {
  fake.folders = ['/w'];
  const t = tree({
    [ENSEMBLE.members[0]!]: LAST,
    [ENSEMBLE.members[1]!]: LAST,
  });
  const [ensemble, single] = await t.getChildren();
  const item = t.getTreeItem(ensemble!);
  assert.equal(item.description, 'C4 · floor 0.1 %');
  const tip = item.tooltip as unknown as { value: string };
  assert.equal(typeof tip.value, 'string', 'a MarkdownString');
  assert.equal(
    tip.value,
    [
      '**examples/compatible\\_augmented** — ensemble of 2 members sharing one architecture',
      "Last audit: C4 · ensemble 0.8 % · floor 0.1 % \\(floor's 95 % interval 0.0 % – 0.4 %\\)  \n2026-12-06 23:04 UTC",
    ].join('\n\n'),
  );
  // Not audited: the member count, and the tooltip says so.
  const fresh = tree({}).getTreeItem(ensemble!);
  assert.equal(fresh.description, '2 members');
  assert.match((fresh.tooltip as unknown as { value: string }).value, /\n\nNot audited yet$/);
  // A member row inside the ensemble, and a model alone.
  const [m1] = await t.getChildren(ensemble);
  assert.equal(t.getTreeItem(m1!).description, 'C4 · floor 0.1 %');
  const alone = tree({
    '/w/alone/model.json': storedResult(fakeReport({ members: [member('alone/model.json', 0.1234)] })),
  }).getTreeItem(single!);
  assert.equal(alone.description, 'C4 · model 12.3 %');
  t.dispose();
});

test("a failed check: the row keeps the threshold's name, its numbers go to the tooltip's list", () => {
  const badge = {
    failed: true,
    description: '✗ maxFloor (87.4 % > 5 %), maxEnsembleRelError (88.0 % > 5 %)',
    tooltip: 'Check "plain": 2 of 2 thresholds fail\n✗ maxFloor: floor 87.44% > 5.00%\n✗ maxEnsembleRelError: ensemble relError 88.00% > 5.00%',
  };
  assert.equal(rowDescription({ label: 'e', members: 8 }, LAST, badge), 'C4 · floor 0.1 % · ✗ maxFloor, maxEnsembleRelError');
  assert.match(rowTooltip({ label: 'e', members: 8 }, LAST, badge), /\n\nCheck "plain": 2 of 2 thresholds fail\n- ✗ maxFloor: floor 87\.44% \\> 5\.00%\n- ✗ maxEnsembleRelError: /);
  const notMeasurable = { ...LAST, notMeasurable: true as const };
  assert.equal(rowDescription({ label: 'e', members: 8 }, notMeasurable), 'C4 · not measurable');
  // A floor reaching 0 with a wide interval is not a pass: the row says so, in the report's word.
  assert.equal(rowDescription({ label: 'e', members: 8 }, { ...LAST, reading: 'inconclusive' }), 'C4 · floor 0.1 % · inconclusive');
});

test('Markdown in names is shown literally', () => {
  assert.equal(escapeMarkdown('a_b*[c](d)<e>'), 'a\\_b\\*\\[c\\]\\(d\\)\\<e\\>');
});
