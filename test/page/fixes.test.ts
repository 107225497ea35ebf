// The fixes section of the report panel in a real Chromium (run after `npm run build`): every
// fix with its numbers as the report has them, code in <details>, Copy through the clipboard
// API under the strict CSP, and names from model files shown as text.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adviseFixes } from '../../src/core/advice';
import type { Finding } from '../../src/core/checks';
import type { AuditReport } from '../../src/core/report/types';
import type { ToPanel } from '../../src/protocol';
import { fakeVsCode, hasChromium, launch, openPage, ORIGIN, panelDocument, ROOT, standaloneDocument, type Watched } from './browser';
import { valueAt } from './reportPaths';

const ARTIFACTS = join(ROOT, '.test-artifacts');
const EVIL = '<img src=x onerror=alert(1)>';
const base = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'report.json'), 'utf8')) as AuditReport;
const findings: Finding[] = ['conv1', EVIL].map((layer, i) => ({
  kind: 'kernel-not-square',
  severity: 'error',
  title: 'Kernel is not square',
  layer,
  layerIndex: i,
  evidence: '1×5 kernel becomes 5×1 under rot90.',
}));
const unfixed: AuditReport = { ...base, findings, ensemble: { ...base.ensemble!, floor: 0.1, floorCI: [0.08, 0.12], relError: 0.11, membersNeeded: { '0.01': null, '0.05': null } } };
const report: AuditReport = { ...unfixed, fixes: adviseFixes(unfixed) };

// A string, not a function: tsx adds helpers the page lacks. `reject` makes the clipboard refuse.
const clipboard = (reject: boolean) => `Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (t) => {
  window.__copied = t; return ${reject ? "Promise.reject(new Error('denied'))" : 'Promise.resolve()'}; } } });`;

let browser: Browser;
let context: BrowserContext;

describe('fixes in the report panel', { skip: !hasChromium && 'no Chromium at /usr/bin/chromium' }, () => {
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1000, height: 1300 } });
  });
  after(async () => browser?.close());

  test('exported HTML: each fix in rank order, its numbers equal the report, code per framework', async () => {
    const { page, problems, dialogs } = await open('export');
    const fixes = report.fixes!;
    assert.deepEqual(
      await page.$$eval('.fixes .fix', (els) => els.map((e) => e.getAttribute('data-fix'))),
      fixes.map((f) => f.id),
    );
    assert.equal(fixes[0]!.id, 'architecture:kernel-not-square');
    assert.equal(await page.$eval('.fixes .fix h3', (h) => h.firstChild?.textContent), `Square kernels in conv1, ${EVIL}`);
    const metrics = await page.$$eval('.fixes [data-metric]', (els) => els.map((e) => [e.getAttribute('data-metric')!, e.getAttribute('data-value')!]));
    assert.ok(metrics.length >= 4, `metrics ${metrics.length}`);
    for (const [path, value] of metrics) assert.deepEqual(JSON.parse(value!), valueAt(report, path!), path);
    const snippets = fixes.reduce((n, f) => n + Object.keys(f.snippets).length, 0);
    assert.equal(await page.locator('.fixes details[data-snippet]').count(), snippets);
    assert.equal(await page.locator('.fixes details[open]').count(), 1, 'only the top fix shows its first snippet');
    assert.equal(await page.locator('.fixes details[open] code').textContent(), fixes[0]!.snippets.tfjs);
    assert.equal(await page.locator('img, [onerror]').count(), 0, 'layer names stay text');
    await page.locator('.fixes').screenshot({ path: join(ARTIFACTS, 'fixes.png') });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
  });

  test('Copy puts the snippet on the clipboard; where the clipboard is refused, the code is selected instead', async () => {
    const ok = await open('export', clipboard(false));
    const keras = ok.page.locator('.fixes .fix').first().locator('details[data-snippet="Keras"]');
    await keras.locator('summary').click();
    await keras.locator('button.copy').click();
    assert.equal(await ok.page.evaluate('window.__copied'), report.fixes![0]!.snippets.keras);
    assert.equal(await keras.locator('button.copy').textContent(), 'Copied');
    assert.deepEqual(ok.problems, []);

    const refused = await open('webview', clipboard(true));
    const tfjs = refused.page.locator('.fixes details[open]');
    await tfjs.locator('button.copy').click();
    await refused.page.waitForFunction("document.querySelector('.fixes details[open] button.copy').textContent !== 'Copy'");
    assert.equal(await tfjs.locator('button.copy').textContent(), 'Selected: press Ctrl+C');
    assert.equal(await refused.page.evaluate('String(getSelection())'), report.fixes![0]!.snippets.tfjs);
    assert.deepEqual(refused.problems, [], 'no CSP violation in the webview');
  });

  test('a report recorded before fixes existed has no fixes section', async () => {
    const { page } = await openWith({ ...base, findings: [] }, 'export');
    assert.equal(await page.locator('.fixes').count(), 0);
  });
});

async function open(where: 'export' | 'webview', init?: string): Promise<Watched> {
  return openWith(report, where, init);
}

/** The exported file from disk, or the webview document fed a 'report' message. */
async function openWith(r: AuditReport, where: 'export' | 'webview', init?: string): Promise<Watched> {
  if (where === 'export') {
    const file = join(ARTIFACTS, 'export-fixes.html');
    writeFileSync(file, standaloneDocument(r));
    const w = await openPage(context, {});
    if (init) await w.page.addInitScript(init);
    await w.page.goto(`file://${file}`);
    await w.page.waitForSelector('.summary');
    return w;
  }
  const w = await openPage(context, { '/panel.html': panelDocument() });
  await fakeVsCode(w.page);
  if (init) await w.page.addInitScript(init);
  await w.page.goto(`${ORIGIN}/panel.html`);
  await w.page.waitForFunction('window.__posted.length > 0');
  await send(w.page, { kind: 'report', report: r });
  await w.page.waitForSelector('.summary');
  return w;
}

async function send(page: Page, msg: ToPanel): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), msg);
}
