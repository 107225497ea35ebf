// Issue 12: inputLayout, inputShape and fixedInputs in equilens.config.json reach the audit's spec.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configAuditSpec } from '../src/core/config/auditSpec';
import { loadConfigText } from '../src/core/config';

test('config input settings: validated, merged with defaults, paths relative to the config', () => {
  const text = JSON.stringify({
    defaults: { inputLayout: 'nchw', fixedInputs: { state: 'zeros.npy', ratio: 'half.npy' } },
    audits: [
      { name: 'a', models: 'm', inputShape: '3x416x416', fixedInputs: { ratio: 'quarter.npy' } },
      { name: 'b', models: 'n', inputShape: [320, 320, 3], inputLayout: 'auto' },
    ],
  });
  const { audits, errors } = loadConfigText(text);
  assert.deepEqual(errors, []);
  const a = configAuditSpec(audits[0]!, '/w');
  assert.equal(a.inputLayout, 'nchw');
  assert.deepEqual(a.inputShape, [3, 416, 416]);
  assert.deepEqual(a.fixedInputs, { state: '/w/zeros.npy', ratio: '/w/quarter.npy' });
  const b = configAuditSpec(audits[1]!, '/w');
  assert.equal(b.inputLayout, undefined, "'auto' is the default");
  assert.deepEqual(b.inputShape, [320, 320, 3]);
});

test('config input settings: bad values are schema errors with their path', () => {
  const bad = (audit: Record<string, unknown>) => loadConfigText(JSON.stringify({ audits: [{ models: 'm', ...audit }] })).errors.map((e) => e.path);
  assert.deepEqual(bad({ inputLayout: 'nwhc' }), ['audits[0].inputLayout']);
  assert.deepEqual(bad({ inputShape: '320*320' }), ['audits[0].inputShape']);
  assert.deepEqual(bad({ inputShape: [0, 3] }), ['audits[0].inputShape[0]']);
  assert.deepEqual(bad({ fixedInputs: { z: 3 } }), ['audits[0].fixedInputs.z']);
  assert.deepEqual(bad({ fixedInputs: { z: '../outside.npy' } }), ['audits[0].fixedInputs.z']);
  assert.deepEqual(bad({ fixedInputs: { z: '/etc/z.npy' } }), ['audits[0].fixedInputs.z']);
  const message = (audit: Record<string, unknown>) => loadConfigText(JSON.stringify({ audits: [{ models: 'm', ...audit }] })).errors[0]!.message;
  assert.match(message({ fixedInputs: { z: '../outside.npy' } }), /inside the config's folder/);
  assert.match(message({ inputShape: '320*320' }), /expected sizes like "320x320x3"/);
});
