// Hostile webview messages, kind by kind: wrong types, missing and extra fields, huge strings,
// inherited and prototype-polluting keys. Only a fresh, exactly typed FromPanel comes out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PANEL_PATH, parseFromPanel } from '../../src/extension/panelMessages';
import type { FromPanel } from '../../src/protocol';

/** One valid message per kind; `satisfies` makes a new FromPanel kind a type error here until it is added. */
const VALID = {
  ready: { kind: 'ready' },
  cancel: { kind: 'cancel' },
  rerun: { kind: 'rerun' },
  changeGroup: { kind: 'changeGroup' },
  export: { kind: 'export', format: 'md' },
  openFile: { kind: 'openFile', path: 'ens/member-1/model.json' },
} satisfies { [K in FromPanel['kind']]: Extract<FromPanel, { kind: K }> };

/** Malformed variants of each kind; every one must be refused. */
const MALFORMED: Record<keyof typeof VALID, unknown[]> = {
  ready: [{ kind: 'READY' }, { kind: ['ready'] }, Object.create({ kind: 'ready' })],
  cancel: [{ kind: 'cancel ' }, { kind: { toString: () => 'cancel' } }],
  rerun: [{ kind: 'Rerun' }, { kind: null }],
  changeGroup: [{ kind: 'changegroup' }, { kind: 'change-group' }, Object.create({ kind: 'changeGroup' })],
  export: [
    { kind: 'export' },
    { kind: 'export', format: 1 },
    { kind: 'export', format: null },
    { kind: 'export', format: ['md'] },
    { kind: 'export', format: 'MD' },
    { kind: 'export', format: 'pdf' },
    { kind: 'export', format: 'md'.padEnd(1_000_000, ' ') },
    { kind: 'export', format: { toString: () => 'md' } },
    Object.assign(Object.create({ format: 'md' }), { kind: 'export' }),
  ],
  openFile: [
    { kind: 'openFile' },
    { kind: 'openFile', path: '' },
    { kind: 'openFile', path: 7 },
    { kind: 'openFile', path: null },
    { kind: 'openFile', path: ['a.json'] },
    { kind: 'openFile', path: { length: 3 } },
    { kind: 'openFile', path: 'a\0b.json' },
    { kind: 'openFile', path: 'a'.repeat(MAX_PANEL_PATH + 1) },
    { kind: 'openFile', path: 'a'.repeat(10_000_000) },
    Object.assign(Object.create({ path: 'a.json' }), { kind: 'openFile' }),
  ],
};

test('each kind: the valid message passes as a fresh object; extra fields are dropped', () => {
  for (const [kind, msg] of Object.entries(VALID)) {
    const withExtra = { ...msg, extra: 'x'.repeat(1000), nested: { deep: true } };
    const out = parseFromPanel(withExtra);
    assert.deepEqual(out, msg, kind);
    assert.notEqual(out, withExtra);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
  }
  assert.deepEqual(parseFromPanel({ kind: 'openFile', path: 'a'.repeat(MAX_PANEL_PATH) }), { kind: 'openFile', path: 'a'.repeat(MAX_PANEL_PATH) });
  for (const format of ['html', 'md', 'json']) assert.deepEqual(parseFromPanel({ kind: 'export', format }), { kind: 'export', format });
  // A null-prototype object (structured clones can be any plain object) is still a message.
  assert.deepEqual(parseFromPanel(Object.assign(Object.create(null), { kind: 'cancel' })), { kind: 'cancel' });
});

test('each kind: wrong types, missing fields, huge strings and inherited fields are refused', () => {
  for (const [kind, list] of Object.entries(MALFORMED)) {
    assert.ok(list.length >= 2, kind);
    for (const bad of list) assert.equal(parseFromPanel(bad), null, `${kind}: ${JSON.stringify(bad)?.slice(0, 80)}`);
  }
});

test('prototype keys: no kind found on Object.prototype, and __proto__ never reaches the result', () => {
  for (const kind of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
    assert.equal(parseFromPanel({ kind }), null, kind);
    assert.equal(parseFromPanel(JSON.parse(`{"kind":${JSON.stringify(kind)}}`)), null, kind);
  }
  const polluting = JSON.parse('{"kind":"openFile","path":"a.json","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
  const out = parseFromPanel(polluting) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out), ['kind', 'path']);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(out.polluted, undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(parseFromPanel(JSON.parse('{"__proto__":{"kind":"ready"}}')), null);
});

test('not an object at all', () => {
  for (const bad of [null, undefined, 0, 'ready', true, [], [{ kind: 'ready' }], () => ({ kind: 'ready' }), Symbol('ready')]) {
    assert.equal(parseFromPanel(bad), null, String(bad));
  }
});
