// The precompiled schema validators (src/generated/, ajv standalone) are those the schemas give today,
// and they judge as the ajv compiler does.
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validatorSources } from '../scripts/validators.mjs';
import { CONFIG_SCHEMA } from '../src/core/config/schema';
import validateConfig from '../src/generated/configValidator';
import { ROOT } from './helpers/cli';

test('src/generated/ matches what scripts/validators.mjs writes from the schemas (npm run build rewrites it)', async () => {
  for (const [file, code] of Object.entries(await validatorSources())) {
    assert.equal(readFileSync(`${ROOT}/${file}`, 'utf8'), code + '\n', `${file} is stale: run npm run build`);
  }
});

test('the precompiled config validator gives the compiled schema’s errors', () => {
  const compiled = new Ajv({ allErrors: true, verbose: true, strict: false }).compile(CONFIG_SCHEMA);
  const cases: unknown[] = [
    { audits: [{ name: 'a', models: 'm/model.json', group: 'c4' }] },
    { audits: [{ models: ['a/model.json', ''], output: 'sideways', probes: { count: 0 } }] },
    { audits: [{ name: 'a', model: 1, grup: 'c4', thresholds: { maxFloor: -1 } }] },
    { audits: [], defaults: { group: 'c5' } },
    { audits: 'x' },
  ];
  for (const c of cases) {
    const ok = validateConfig(c);
    assert.equal(ok, compiled(c), JSON.stringify(c));
    const brief = (es: typeof compiled.errors) => (es ?? []).map((e) => `${e.keyword} ${e.instancePath} ${e.schemaPath} ${JSON.stringify(e.params)}`);
    assert.deepEqual(brief(validateConfig.errors), brief(compiled.errors), JSON.stringify(c));
  }
  assert.equal(validateConfig({ audits: [{ models: 'm/model.json' }] }), true);
  assert.equal(validateConfig({ audits: [] }), false);
  assert.deepEqual(
    validateConfig.errors?.map((e) => `${e.keyword} ${e.instancePath}`),
    ['minItems /audits'],
  );
});
