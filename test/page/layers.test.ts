// The "Floor per layer" chart of the report panel in a real Chromium (run after `npm run build`):
// one point per layer, the breaking layer ringed, every number equal to the report's, names from
// model files shown as text. Recorded per-layer floors: fixtures/recordLayers.ts.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import type { AuditReport } from '../../src/core/report/types';
import { hasChromium, launch, openPage, ROOT, standaloneDocument, type Watched } from './browser';
import { valueAt } from './reportPaths';

const ARTIFACTS = join(ROOT, '.test-artifacts');
const EVIL = '<img src=x onerror=alert(1)>';
const read = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const base = read('report.json') as AuditReport;
const recorded = read('layers.json') as Record<string, Pick<AuditReport, 'layers' | 'breakingLayer' | 'findings'>>;
const good: AuditReport = { ...base, ...recorded['compatible-augmented']! };
const bad: AuditReport = { ...base, ...recorded['incompatible-augmented']! };

let browser: Browser;
let context: BrowserContext;

describe('floor per layer in the report panel', { skip: !hasChromium && 'no Chromium at /usr/bin/chromium' }, () => {
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1000, height: 1300 } });
  });
  after(async () => browser?.close());

  test('a break: one point per layer, the breaking layer ringed, its numbers equal the report', async () => {
    const { page, problems } = await open(bad, 'layers-break.html');
    assert.equal(await page.locator('[data-chart=layers] .eq-layer circle').count(), bad.layers!.length);
    assert.equal(await page.locator('[data-chart=layers] .eq-layer-break circle').count(), 1);
    const metrics = await page.$$eval('.layer-floors [data-metric]', (els) => els.map((e) => [e.getAttribute('data-metric')!, e.getAttribute('data-value')!]));
    assert.equal(metrics.length, 2 + 3 * bad.layers!.length, 'the break and three numbers per layer');
    for (const [path, value] of metrics) assert.deepEqual(JSON.parse(value!), valueAt(bad, path!), path);
    assert.match((await page.locator('.layer-break').textContent())!, /^Floor jumps at conv1: 0\.0% → 48\.1% · static: conv1 kernel is not square/);
    await page.locator('section.layers').screenshot({ path: join(ARTIFACTS, 'layers.png') });
    assert.deepEqual(problems, []);
  });

  test('no break: no ring, the sentence says so; a hostile layer name stays text', async () => {
    const layers = good.layers!.map((l, i) => (i === 0 ? { ...l, name: EVIL } : l));
    const { page, problems } = await open({ ...good, layers }, 'layers-none.html');
    assert.equal(await page.locator('[data-chart=layers] .eq-layer circle').count(), good.layers!.length);
    assert.equal(await page.locator('[data-chart=layers] .eq-layer-break circle').count(), 0);
    assert.match((await page.locator('.layer-break').textContent())!, /^per-layer floors: no layer's floor jumps/);
    assert.equal(await page.locator('table.layers th[scope=row]').first().textContent(), EVIL);
    assert.equal(await page.locator('img, [onerror]').count(), 0);
    assert.deepEqual(problems, []);
  });

  test('reports without per-layer floors (older, graph models, --no-localise) show no section', async () => {
    const { page } = await open({ ...base, layers: null }, 'layers-off.html');
    assert.equal(await page.locator('section.layers').count(), 0);
  });
});

async function open(r: AuditReport, name: string): Promise<Watched> {
  const file = join(ARTIFACTS, name);
  writeFileSync(file, standaloneDocument(r));
  const w = await openPage(context, {});
  await w.page.goto(`file://${file}`);
  await w.page.waitForSelector('.summary');
  return w;
}
