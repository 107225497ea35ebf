// Config errors as Problems-panel entries (diagnostics/configErrors.ts): the loader's offsets
// become exact 0-based ranges, with the CLI's message; only a folder-root config counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfigText } from '../../src/core/config';
import { configDiagnosticSpecs, configErrorLine, isWorkspaceConfig } from '../../src/extension/diagnostics/configErrors';

/** Specs for `text`, straight from the loader. */
const specsOf = (text: string) => configDiagnosticSpecs(text, loadConfigText(text).errors);

test('a misspelt key: one entry on exactly the key, with the suggestion and the JSON path', () => {
  const text = '{\n  "audits": [\n    { "models": "examples/compatible-plain", "grup": "c4" }\n  ]\n}\n';
  const specs = specsOf(text);
  assert.equal(specs.length, 1);
  const [s] = specs;
  const line = text.split('\n')[2]!;
  assert.deepEqual(s!.start, { line: 2, character: line.indexOf('"grup"') });
  assert.deepEqual(s!.end, { line: 2, character: line.indexOf('"grup"') + '"grup"'.length });
  assert.equal(s!.message, 'audits[0].grup: unknown key "grup" (did you mean "group"?)');
  assert.equal(s!.path, 'audits[0].grup');
});

test('a wrong type on the value, several errors in file order, CRLF lines counted once', () => {
  const text = '{\r\n  "defaults": { "thresholds": { "maxFloor": "5%" } },\r\n  "audits": [{ "models": "a", "seed": -1 }]\r\n}';
  const specs = specsOf(text);
  assert.deepEqual(
    specs.map((s) => s.path),
    ['defaults.thresholds.maxFloor', 'audits[0].seed'],
  );
  const [floor, seed] = specs;
  assert.deepEqual([floor!.start.line, floor!.start.character], [1, text.split('\r\n')[1]!.indexOf('"5%"')]);
  assert.equal(floor!.end.character - floor!.start.character, 4, 'the whole "5%" string');
  assert.match(floor!.message, /expected number or null, got "5%"/);
  assert.deepEqual([seed!.start.line, seed!.start.character], [2, text.split('\r\n')[2]!.indexOf('-1')]);
});

test('a syntax error lands where the parser stopped; a valid config has no entries', () => {
  const broken = '{\n  "audits": [\n    { "models": "a" }\n  \n';
  const specs = specsOf(broken);
  assert.ok(specs.length >= 1);
  assert.match(specs[0]!.message, /^syntax error: /);
  assert.ok(specs[0]!.start.line >= 3, `at ${JSON.stringify(specs[0]!.start)}`);
  assert.deepEqual(specsOf('// comment\n{ "audits": [{ "models": "a", }], }\n'), []);
});

test('only equilens.config.json directly in a workspace folder is the workspace config', () => {
  const folders = ['/w/a', '/w/b/'];
  assert.ok(isWorkspaceConfig('/w/a/equilens.config.json', folders));
  assert.ok(isWorkspaceConfig('/w/b/equilens.config.json', folders));
  assert.ok(!isWorkspaceConfig('/w/a/sub/equilens.config.json', folders), 'not in a subfolder: equilens check reads the root');
  assert.ok(!isWorkspaceConfig('/w/a/my-equilens.config.json', folders));
  assert.ok(!isWorkspaceConfig('/w/c/equilens.config.json', folders));
});

test("the error notification is the CLI's line: file:line:column: path: message (and how many more)", () => {
  const text = '{\n  "audits": [{ "models": "a", "grup": "c4", "seed": "x" }]\n}';
  const { errors } = loadConfigText(text);
  assert.equal(errors.length, 2);
  const col = text.split('\n')[1]!.indexOf('"grup"') + 1;
  assert.equal(configErrorLine('equilens.config.json', errors[0]!, 1), `equilens.config.json:2:${col}: audits[0].grup: unknown key "grup" (did you mean "group"?) (and 1 more)`);
  assert.doesNotMatch(configErrorLine('x', errors[0]!, 0), /more/);
});
