// equilens.limits.* settings: contributed with the engine's defaults, converted to bytes, and
// in an untrusted workspace only ever lowered by the workspace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LIMITS } from '../../src/core/load/limits';
import { buildSpec } from '../../src/extension/auditRequest';
import { manifest as pkg } from '../helpers/manifest';
import { LIMIT_SETTINGS, limitsFromSettings, type SettingLayers } from '../../src/extension/limitSettings';

const props = pkg.contributes.configuration.properties as Record<string, { default: number; type: string; markdownDescription: string }>;
const MIB = 1024 * 1024;
/** A host with 64 GiB of memory: its default memory budget is the engine's 8 GiB ceiling. */
const BIG_HOST = 64 * 1024 * MIB;

test('every cap is a setting whose default is the engine default (MiB for sizes), and nothing else is', () => {
  const contributed = Object.keys(props)
    .filter((k) => k.startsWith('equilens.limits.'))
    .sort();
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
    BIG_HOST,
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
    BIG_HOST,
  );
  assert.deepEqual(got, { maxWeightBytes: 8192 * MIB, maxTopologyNodes: 10, maxJsonDepth: 64 });
  assert.deepEqual(
    limitsFromSettings(() => undefined, false, BIG_HOST),
    {},
  );
});

test('the spec carries the caps only when a setting changed one', () => {
  const req = { targets: ['/w/m.json'], label: 'm', group: 'c4', output: 'invariant' };
  const s = { probes: undefined, probesCount: 32, seed: 0, batchSize: 32, backend: 'auto' as const };
  assert.equal('limits' in buildSpec(req, { ...s, limits: {} }, { pictures: 0 }), false);
  assert.deepEqual(buildSpec(req, { ...s, limits: { maxTopologyNodes: 9 } }, { pictures: 0 }).limits, { maxTopologyNodes: 9 });
});

test('the memory budget defaults to half the host memory, at most 8 GiB; an untrusted workspace may only lower it', () => {
  const none = () => undefined;
  assert.deepEqual(limitsFromSettings(none, true, 4096 * MIB), { maxMemoryBytes: 2048 * MIB });
  assert.deepEqual(limitsFromSettings(none, true, BIG_HOST), {});
  const raise = reader({ 'limits.maxMemoryMB': { workspaceValue: 100_000 }, 'limits.maxProbes': { workspaceValue: 10 } });
  assert.deepEqual(limitsFromSettings(raise, false, 4096 * MIB), { maxMemoryBytes: 2048 * MIB, maxProbes: 10 });
  assert.deepEqual(limitsFromSettings(raise, true, 4096 * MIB), { maxMemoryBytes: 100_000 * MIB, maxProbes: 10 });
});
