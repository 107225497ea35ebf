// equilens.config.json: the schema (TS const = shipped file = package.json contribution), the pure
// loader's errors (JSON path, line, column), defaults merging, globs, ensemble expansion, init.
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { expandAudit } from '../src/core/ci/units';
import { globBase, isGlob, matchGlob } from '../src/core/config/glob';
import { declaredInput, guessGroup } from '../src/core/config/guessGroup';
import { formatConfigError, loadConfigText, readConfig } from '../src/core/config/loadConfig';
import { scanModels } from '../src/core/config/scanModels';
import { CONFIG_SCHEMA } from '../src/core/config/schema';
import { starterAudits, starterConfigText } from '../src/core/config/starter';
import { EquiLensError } from '../src/core/errors';
import { GROUP_NAMES } from '../src/core/groups/makeGroup';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';
import { ROOT } from './helpers/cli';

const SCHEMA_FILE = `${ROOT}/schema/config.schema.json`;
const EXAMPLES = toPosix(`${ROOT}/examples`);

test('schema/config.schema.json is CONFIG_SCHEMA written out (UPDATE_SCHEMA=1 rewrites it)', () => {
  if (process.env.UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, JSON.stringify(CONFIG_SCHEMA, null, 2) + '\n');
  assert.deepEqual(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')), CONFIG_SCHEMA);
  // The schema names the same groups and backends the engine and the CLI accept.
  const group = CONFIG_SCHEMA.properties.defaults.properties.group;
  assert.deepEqual(group.examples.slice(0, GROUP_NAMES.length), [...GROUP_NAMES]);
  // Fixed names and the continuous rotation groups (rot:<n>, dih:<n> n ≥ 2; so2:<m> m ≥ 1) match; nothing else.
  const matches = (name: string) => new RegExp(group.pattern).test(name);
  for (const ok of [...GROUP_NAMES, 'rot:2', 'rot:16', 'dih:8', 'so2:1', 'so2:20']) assert.ok(matches(ok), ok);
  for (const bad of ['c5', 'rot:1', 'rot:01', 'dih:0', 'so2:0', 'rot:', 'rot16', 'c4 ']) assert.ok(!matches(bad), bad);
  assert.deepEqual(CONFIG_SCHEMA.properties.defaults.properties.backend.enum, ['auto', 'tensorflow', 'wasm', 'cpu']);
  assert.ok(new Ajv({ strict: false }).validateSchema(CONFIG_SCHEMA), 'a valid draft-07 schema');
});

test('package.json contributes the schema for equilens.config.json and ships schema/', () => {
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: 'equilens.config.json', url: './schema/config.schema.json' }]);
  assert.ok(pkg.files.includes('schema'));
});

test('comments and trailing commas are accepted; defaults merge into each audit, thresholds key by key', () => {
  const { errors, audits } = loadConfigText(`// top comment
{
  "defaults": {
    "group": "d4", /* block comment */
    "probes": { "path": "p.npy", "count": 8, "mean": [0.5], "std": [0.25] },
    "thresholds": { "maxFloor": 0.05, "minAgreement": 0.9, },
  },
  "audits": [
    { "models": "a" },
    { "name": "b", "models": ["b/*.json", "c"], "group": "flip-h", "probes": "q.npy",
      "output": { "classes": { "flip-h": [1, 0, 2] } },
      "thresholds": { "minAgreement": null, "maxDiv": 0.1 } },
  ],
}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(audits[0], {
    name: 'a',
    index: 0,
    models: ['a'],
    group: 'd4',
    output: 'invariant',
    probes: { path: 'p.npy', count: 8, mean: [0.5], std: [0.25] },
    backend: 'auto',
    seed: 0,
    batchSize: undefined,
    inputName: undefined,
    outputName: undefined,
    localise: undefined,
    thresholds: { maxFloor: 0.05, minAgreement: 0.9 },
  });
  assert.equal(audits[1]!.group, 'flip-h');
  assert.equal(audits[1]!.output, 'classes:flip-h=1,0,2');
  assert.deepEqual(audits[1]!.probes, { path: 'q.npy' });
  assert.deepEqual(audits[1]!.thresholds, { maxFloor: 0.05, maxDiv: 0.1 }, 'null drops a default');
});

test('unknown keys and wrong types: JSON path, 1-based line and column, offsets, a suggestion', () => {
  const text = [
    '{',
    '  "audits": [',
    '    { "models": "a",',
    '      "thresholds": { "maxFlor": 0.05, "maxDiv": "10%" } },',
    '    { "models": 3, "group": "c5", "output": "mirror" },',
    '    { "models": ["ok", 7], "probes": { "count": 0 } }',
    '  ],',
    '  "colour": true',
    '}',
  ].join('\n');
  const { errors, config } = loadConfigText(text);
  assert.equal(config, null);
  const got = errors.map((e) => [e.path, e.line, e.column, e.message]);
  assert.deepEqual(got, [
    ['audits[0].thresholds.maxFlor', 4, 23, 'unknown key "maxFlor" (did you mean "maxFloor"?)'],
    ['audits[0].thresholds.maxDiv', 4, 50, 'expected number or null, got "10%"'],
    ['audits[1].models', 5, 17, 'expected a string or a list, got number 3'],
    ['audits[1].group', 5, 29, 'expected one of "flip-h", "flip-v", "c2", "c4", "d4", "translate", "shift", "reverse", "permute", or rot:<n>, dih:<n> (n ≥ 2), so2:<m> (m ≥ 1), got "c5"'],
    ['audits[1].output', 5, 45, `expected 'invariant', 'same[;<generator>=<permutation>…]', 'classes:<generator>=<permutation>;…' or 'points:<fields>[,<frame>][;…]', got "mirror"`],
    ['audits[2].models[1]', 6, 24, 'expected string, got number 7'],
    ['audits[2].probes.count', 6, 49, 'must be >= 1, got number 0'],
    ['colour', 8, 3, 'unknown key "colour"'],
  ]);
  // Offsets point at the text the message is about (the key for unknown keys).
  const first = errors[0]!;
  assert.equal(text.slice(first.offset, first.offset + first.length), '"maxFlor"');
  assert.deepEqual(first.segments, ['audits', 0, 'thresholds', 'maxFlor']);
});

test('syntax errors, repeated keys, a missing audits list and duplicate names are errors too', () => {
  const syntax = loadConfigText('{\n  "audits": [\n    { "models": "a" }\n    { "models": "b" }\n  ]\n}');
  assert.deepEqual(
    syntax.errors.map((e) => [e.line, e.column, e.message]),
    [[4, 5, 'syntax error: comma expected']],
  );
  const repeated = loadConfigText('{ "audits": [ { "models": "a", "models": "b" } ] }');
  assert.deepEqual(
    repeated.errors.map((e) => [e.path, e.message]),
    [['audits[0].models', 'key "models" appears twice']],
  );
  const missing = loadConfigText('{ "defaults": {} }');
  assert.deepEqual(
    missing.errors.map((e) => [e.path, e.line, e.message]),
    [['', 1, 'missing required key "audits"']],
  );
  const dup = loadConfigText('{ "audits": [ { "models": "x/a" }, { "name": "x/a", "models": "y" } ] }');
  assert.deepEqual(
    dup.errors.map((e) => [e.path, e.message]),
    [['audits[1]', 'audit name "x/a" is already used by audits[0]; give each a "name"']],
  );
});

test('readConfig names file:line:column and the path in one line', async () => {
  const tmp = `${toPosix(tmpdir())}/equilens-config-${process.pid}.json`;
  writeFileSync(tmp, '{\n  "audits": [ { "models": "a", "grup": "c4" } ]\n}\n');
  try {
    await assert.rejects(readConfig(nodeFiles, tmp, 'cfg.json'), (e: unknown) => {
      assert.ok(e instanceof EquiLensError);
      assert.equal(e.message, 'cfg.json:2:32: audits[0].grup: unknown key "grup" (did you mean "group"?)');
      return true;
    });
  } finally {
    rmSync(tmp, { force: true });
  }
  assert.equal(formatConfigError(undefined), 'invalid config');
});

test('globs: * within a name, ** across folders (none included), ? and {a,b}', () => {
  assert.ok(isGlob('models/*') && isGlob('a/**') && isGlob('m?') && isGlob('{a,b}') && !isGlob('examples/compatible-plain'));
  assert.equal(globBase('examples/*/member-*/model.json'), 'examples');
  assert.equal(globBase('**/*.json'), '');
  assert.equal(globBase('./a/b/'), 'a/b');
  assert.ok(matchGlob('examples/*', 'examples/compatible-plain'));
  assert.ok(!matchGlob('examples/*', 'examples/compatible-plain/member-01'), '* stays within one segment');
  assert.ok(matchGlob('examples/**/model.json', 'examples/model.json'), '** may be no folder');
  assert.ok(matchGlob('examples/**/model.json', 'examples/a/b/c/model.json'));
  assert.ok(matchGlob('examples/**', 'examples/a/b'));
  assert.ok(matchGlob('m/seed?.json', 'm/seed7.json') && !matchGlob('m/seed?.json', 'm/seed10.json'));
  assert.ok(matchGlob('m/{a,b}-*.json', 'm/b-1.json') && !matchGlob('m/{a,b}-*.json', 'm/c-1.json'));
  assert.ok(!matchGlob('a.json', 'aXjson'), 'dots are literal');
  assert.ok(matchGlob('./x/', 'x') && !matchGlob('./x/', 'xy'));
});

test('expandAudit: a folder is one ensemble; a glob yields one per folder with models; files form one', async () => {
  const audit = (models: string[]) => ({ ...loadConfigText(JSON.stringify({ audits: [{ name: 'e', models }] })).audits[0]! });
  const one = await expandAudit(nodeFiles, ROOT, audit(['examples/compatible-plain']));
  assert.deepEqual(
    one.map((u) => [u.name, u.members.length, u.targets]),
    [['e', 8, [`${EXAMPLES}/compatible-plain`]]],
  );
  // examples/probes and c16-probes hold no model: skipped; the five ensembles, in name order.
  const star = await expandAudit(nodeFiles, ROOT, audit(['examples/*']));
  assert.deepEqual(
    star.map((u) => [u.name, u.members.length]),
    [
      ['e · examples/c16-asymmetric', 8],
      ['e · examples/c16-compatible', 8],
      ['e · examples/compatible-augmented', 8],
      ['e · examples/compatible-plain', 8],
      ['e · examples/incompatible-augmented', 8],
    ],
  );
  // ** also matches every member folder: those the ensemble folder took are not audited again.
  const deep = await expandAudit(nodeFiles, ROOT, audit(['examples/**']));
  assert.equal(deep.length, 5);
  const files = await expandAudit(nodeFiles, ROOT, audit(['examples/compatible-plain/member-0{1,2}/model.json', 'examples/compatible-plain/member-03/*.json']));
  assert.deepEqual(
    files.map((u) => [u.name, u.members.map((m) => m.slice(EXAMPLES.length))]),
    [['e', ['/compatible-plain/member-01/model.json', '/compatible-plain/member-02/model.json', '/compatible-plain/member-03/model.json']]],
  );
  await assert.rejects(expandAudit(nodeFiles, ROOT, audit(['examples/nope'])), /examples\/nope: not found \(models of audit "e"\)/);
  await assert.rejects(expandAudit(nodeFiles, ROOT, audit(['examples/*/nothing-*.json'])), /the pattern "examples\/\*\/nothing-\*\.json" matches no model or folder/);
  await assert.rejects(expandAudit(nodeFiles, ROOT, audit(['examples/probes'])), /no TF\.js model JSON or \.onnx model found/, 'a folder named literally must hold models');
});

test('init: finds the five example ensembles like the audit does and proposes d4 for square images', async () => {
  const found = await scanModels(nodeFiles, EXAMPLES);
  assert.equal(found.length, 40);
  assert.deepEqual(declaredInput(found[0]!.json), [21, 21, 1]);
  assert.deepEqual(declaredInput(found[16]!.json), [16, 16, 1]);
  const audits = starterAudits(EXAMPLES, found);
  assert.deepEqual(
    audits.map((a) => [a.name, a.models, a.members, a.group]),
    [
      ['c16-asymmetric', 'c16-asymmetric', 8, 'd4'],
      ['c16-compatible', 'c16-compatible', 8, 'd4'],
      ['compatible-augmented', 'compatible-augmented', 8, 'd4'],
      ['compatible-plain', 'compatible-plain', 8, 'd4'],
      ['incompatible-augmented', 'incompatible-augmented', 8, 'd4'],
    ],
  );
  const text = starterConfigText(audits);
  assert.match(text, /square images, so d4 \(rotations by 90° and mirrors\) is proposed; narrow it/);
  const loaded = loadConfigText(text);
  assert.deepEqual(loaded.errors, [], 'what init writes loads');
  assert.deepEqual(
    loaded.audits.map((a) => [a.name, a.group, a.thresholds]),
    audits.map((a) => [a.name, 'd4', { maxFloor: 0.05 }]),
  );
});

test('guessGroup: square images d4, other images flip-h, sequences reverse, unknown c4', () => {
  assert.equal(guessGroup([32, 32, 3]).group, 'd4');
  assert.equal(guessGroup([32, 48, 3]).group, 'flip-h');
  assert.equal(guessGroup([null, null, 3]).group, 'flip-h');
  assert.equal(guessGroup([100, 2]).group, 'reverse');
  assert.equal(guessGroup(null).group, 'c4');
  assert.match(guessGroup(null).why, /shape not declared/);
});

test("docs/configuration.md's example config loads as documented", () => {
  const doc = readFileSync(`${ROOT}/docs/configuration.md`, 'utf8');
  const at = doc.indexOf('## `equilens.config.json`');
  assert.ok(at >= 0, 'docs/configuration.md has its equilens.config.json section');
  const section = doc.slice(at);
  const example = /```jsonc\n([\s\S]*?)```/.exec(section)![1]!;
  const { errors, audits } = loadConfigText(example);
  assert.deepEqual(errors, []);
  assert.deepEqual(
    audits.map((a) => [a.name, a.group, a.output, a.thresholds]),
    [
      ['augmented', 'c4', 'invariant', { maxFloor: 0.05, minAgreement: 0.9 }],
      ['mirrors', 'flip-h', 'classes:flip-h=1,0,2', { maxFloor: 0.02 }],
    ],
  );
});
