// equilens.limits.* settings: contributed with the engine's defaults, converted to bytes, and
// in an untrusted workspace only ever lowered by the workspace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_LIMITS } from '../../src/core/load/limits';
import { buildSpec } from '../../src/extension/auditRequest';
import { LIMIT_SETTINGS, limitsFromSettings, type SettingLayers } from '../../src/extension/limitSettings';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, { default: number; type: string; markdownDescription: string }>;
const MIB = 1024 * 1024;

test('every cap is a setting whose default is the engine default (MiB for sizes), and nothing else is', () => {
  const contributed = Object.keys(props).filter((k) => k.startsWith('equilens.limits.')).sort();
  assert.deepEqual(contributed, LIMIT_SETTINGS.map((s) => `equilens.${s.name}`).sort());
  assert.deepEqual(new Set(LIMIT_SETTINGS.map((s) => s.key)), new Set(Object.keys(DEFAULT_LIMITS)));
  for (const s of LIMIT_SETTINGS) {
    const p = props[`equilens.${s.name}`]!;
    assert.equal(s.mib ? p.default * MIB : p.default, DEFAULT_LIMITS[s.key], s.name);
    assert.equal(p.type, s.mib ? 'number' : 'integer', s.name);
    assert.match(p.markdownDescription, /untrusted workspace, workspace settings can only lower this cap/);
  }
  assert.equal(props['equilens.limits.maxWeightsMB']!.default, 4096);
});

/** inspect() over a fixed table of values: { name: { globalValue, workspaceValue, … } }. */
const reader = (table: Record<string, SettingLayers>) => (name: string) => table[name];

test('trusted: folder over workspace over user; MiB become bytes; invalid values are ignored', () => {
  const got = limitsFromSettings(
    reader({
      'limits.maxModelJsonMB': { globalValue: 1, workspaceValue: 512 },
      'limits.maxWeightsMB': { globalValue: 0.5 },
      'limits.maxLayers': { workspaceValue: 10, workspaceFolderValue: 20 },
      'limits.maxJsonDepth': { globalValue: -3 },
      'limits.maxTensorElements': { globalValue: 'many' },
      'limits.maxInputElements': { globalValue: 1.5 },
    }),
    true,
  );
  assert.deepEqual(got, { maxJsonBytes: 512 * MIB, maxWeightBytes: 524_288, maxTopologyNodes: 20 });
});

test('untrusted: the workspace may lower a cap, never raise it; the user still may', () => {
  const got = limitsFromSettings(
    reader({
      'limits.maxModelJsonMB': { workspaceValue: 100_000 },
      'limits.maxWeightsMB': { globalValue: 8192, workspaceValue: 16_384 },
      'limits.maxLayers': { globalValue: 50, workspaceFolderValue: 10 },
      'limits.maxJsonDepth': { workspaceValue: 64 },
    }),
    false,
  );
  assert.deepEqual(got, { maxWeightBytes: 8192 * MIB, maxTopologyNodes: 10, maxJsonDepth: 64 });
  assert.deepEqual(limitsFromSettings(() => undefined, false), {});
});

test('the spec carries the caps only when a setting changed one', () => {
  const req = { targets: ['/w/m.json'], label: 'm', group: 'c4', output: 'invariant' };
  const s = { probes: undefined, probesCount: 32, seed: 0, batchSize: 32, backend: 'auto' as const };
  assert.equal('limits' in buildSpec(req, { ...s, limits: {} }, { pictures: 0 }), false);
  assert.deepEqual(buildSpec(req, { ...s, limits: { maxTopologyNodes: 9 } }, { pictures: 0 }).limits, { maxTopologyNodes: 9 });
});
