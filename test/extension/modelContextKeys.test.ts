// The Explorer's "Audit Symmetry…" shows on model files and the folders an audit would find them
// in: the context keys computed from the model index.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelContext } from '../../src/extension/modelContextKeys';

test("model files as given (sorted, unique); folders: each model's own folder and its parent, inside a workspace root", () => {
  const models = ['/w/examples/ens/member-02/model.json', '/w/examples/ens/member-01/model.json', '/w/loose/seed1.json', '/w/net.onnx', '/w/loose/seed1.json'];
  assert.deepEqual(modelContext(models, ['/w']), {
    files: ['/w/examples/ens/member-01/model.json', '/w/examples/ens/member-02/model.json', '/w/loose/seed1.json', '/w/net.onnx'],
    // Not /w/examples: a folder audit looks one level down (member-*/), not two.
    folders: ['/w', '/w/examples/ens', '/w/examples/ens/member-01', '/w/examples/ens/member-02', '/w/loose'],
  });
});

test('a model at a root: the root, not the folder above it; models outside every root add no folder', () => {
  assert.deepEqual(modelContext(['/w/model.json', '/other/x/model.json'], ['/w']).folders, ['/w']);
  // Two roots: each model's folders come from its own root.
  assert.deepEqual(modelContext(['/a/m/model.json', '/b/model.json'], ['/a', '/b']).folders, ['/a', '/a/m', '/b']);
  assert.deepEqual(modelContext([], ['/w']), { files: [], folders: [] });
});
