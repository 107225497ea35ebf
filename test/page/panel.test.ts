// The report panel in a real Chromium: the exported HTML file opened from disk, and the webview
// document driven by ToPanel messages through a fake VS Code API. Recorded reports only (see
// fixtures/record.ts), so no model runs here. Run after `npm run build` (dist/webview/panel.js).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { verdict } from '../../src/core/report/rows';
import type { AuditReport } from '../../src/core/report/types';
import type { PanelState, ToPanel } from '../../src/protocol';
import { applyTheme, fakeVsCode, hasChromium, launch, openPage, ORIGIN, panelDocument, ROOT, standaloneDocument, type Watched } from './browser';
import { valueAt } from './reportPaths';
import { darkModern, lightModern } from './themes';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as AuditReport;
const report = fixture('report.json');
const mapReport = fixture('report-map.json');
const ARTIFACTS = join(ROOT, '.test-artifacts');
const EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';

let browser: Browser;
let context: BrowserContext;

describe('report panel in Chromium', { skip: !hasChromium && 'no Chromium at /usr/bin/chromium' }, () => {
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1000, height: 1300 } });
  });
  after(async () => browser?.close());

  test('the exported HTML file opens offline and shows every number of the report', async () => {
    const w = await openExport(report, 'export.html');
    await assertCardsMatch(w.page, report);
    const metrics = await cardMetrics(w.page);
    for (const m of [
      'members.median.relError',
      'ensemble.relError',
      'ensemble.floor',
      'ensemble.floorCI.0',
      'ensemble.floorCI.1',
      'ensemble.membersNeeded.0.01',
      'ensemble.membersNeeded.0.05',
      'ensemble.osp',
      'ensemble.agreement',
      'ensemble.div',
    ]) {
      assert.ok(
        metrics.some(([p]) => p === m),
        `card shows ${m}`,
      );
    }
    assert.equal(await w.page.locator('[data-chart=curve] .eq-measured circle').count(), report.ensemble!.curve.length, 'one point per k');
    assert.equal(await w.page.locator('[data-chart=members] .eq-member rect').count(), report.members.length);
    assert.equal(await w.page.locator('[data-chart=elements] .eq-element circle').count(), report.perElement.length);
    assert.equal(await w.page.locator('.picture').count(), report.pictures!.length);
    assert.equal(await w.page.locator('.picture canvas.probe-img').count(), 2 * report.pictures!.length);
    assert.equal(await w.page.locator('.picture [data-chart=picture-output] .eq-moved rect').count(), report.pictures!.length * report.pictures![0]!.expected.length);
    assert.equal(await w.page.locator('.verdict').textContent(), `Verdict: ${verdict(report)}`);
    assert.equal(await w.page.locator('vscode-button, button').count(), 0, 'no actions without VS Code');
    assert.equal(await w.page.getAttribute('html', 'data-host'), 'standalone');
    assert.deepEqual(w.problems, []);
  });

  test('map outputs: heatmaps, synthetic probes marked, absolute floor when the mean is ≈ 0', async () => {
    const w = await openExport(mapReport, 'export-map.html');
    await assertCardsMatch(w.page, mapReport);
    assert.ok(mapReport.ensemble!.meanNearZero);
    assert.equal(await metricValue(w.page, 'ensemble.floor'), null);
    assert.equal(await metricValue(w.page, 'ensemble.floorAbs'), mapReport.ensemble!.floorAbs);
    assert.equal(await w.page.locator('[data-chart=curve] .eq-floor-band').count(), 0, 'no relative floor band');
    assert.equal(await w.page.locator('.facts .badge').textContent(), 'synthetic');
    assert.equal(await w.page.locator('.picture [data-chart=picture-output] canvas').count(), mapReport.pictures!.length);
    assert.equal(await w.page.locator('.summary .warnings li').count(), mapReport.warnings.length);
    // No --vscode-* variables here: the neutral palette follows the browser's colour scheme.
    for (const colorScheme of ['light', 'dark'] as const) {
      await w.page.emulateMedia({ colorScheme });
      await w.page.screenshot({ path: join(ARTIFACTS, `export-map-${colorScheme}.png`), fullPage: true });
    }
    assert.deepEqual(w.problems, []);
  });

  test('a single model: its own metrics, no ensemble cards or curve', async () => {
    const single: AuditReport = {
      ...report,
      members: [report.members[0]!],
      ensemble: null,
      perElement: report.perElement.map((e) => ({ ...e, memberMedianRelError: e.ensembleRelError })),
      pictures: undefined,
    };
    const w = await openExport(single, 'export-single.html');
    await assertCardsMatch(w.page, single);
    assert.equal(await metricValue(w.page, 'members.0.relError'), single.members[0]!.relError);
    assert.equal(await metricValue(w.page, 'members.0.osp'), single.members[0]!.osp);
    assert.equal(await w.page.locator('[data-chart=curve], [data-chart=members], .pictures').count(), 0);
    assert.equal(await w.page.locator('[data-chart=elements] .eq-element circle').count(), single.perElement.length);
    assert.match((await w.page.locator('.verdict').textContent())!, /^One model/);
    assert.deepEqual(w.problems, []);
  });

  test('webview: ready, members row by row while running, the report, buttons; then failed and cancelled runs', async () => {
    const w = await openWebview();
    const { page } = w;
    assert.deepEqual(await posted(page), [{ kind: 'ready' }]);
    const paths = report.members.map((m) => m.path);
    await send(page, { kind: 'started', title: 'EquiLens · c4 · examples/compatible-augmented', members: paths, order: 4, probes: 32 });
    assert.equal(await page.locator('table.members tr.pending').count(), paths.length);
    await page.locator('vscode-button[data-action=cancel]').focus();
    for (let i = 0; i < 3; i++) {
      await send(page, { kind: 'progress', done: 4 * i + 4, total: 32 });
      await send(page, { kind: 'member', index: i, result: report.members[i]! });
    }
    assert.equal(await page.locator('table.members tr.pending').count(), paths.length - 3);
    assert.equal(await metricValue(page, 'members.2.relError', 'table'), report.members[2]!.relError);
    assert.equal(await page.locator('vscode-progress-bar').evaluate((b) => (b as HTMLElement & { value: number }).value), 12);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'cancel', 'progress keeps focus on Cancel');
    const saved = await page.evaluate(() => (window as unknown as { __state: PanelState }).__state);
    assert.equal(saved.status, 'running');
    assert.equal(saved.members.length, 3);
    await applyTheme(page, lightModern, 'vscode-light');
    await page.screenshot({ path: join(ARTIFACTS, 'panel-running.png') });
    await page.locator('vscode-button[data-action=cancel]').click();

    await send(page, { kind: 'report', report });
    await assertCardsMatch(page, report);
    assert.equal(await page.locator('[data-chart=curve] .eq-measured circle').count(), report.ensemble!.curve.length);
    assert.equal(await page.locator('vscode-button[data-action=cancel]').count(), 0);
    await page.locator('vscode-button[data-action=export-json]').click();
    await page.locator('vscode-button[data-action=export-md]').click();
    await page.locator('vscode-button[data-action=export-html]').click();
    await page.locator('vscode-button[data-action=rerun]').click();
    // The header names the group, with a one-click change (issue 15.1).
    assert.equal(await page.locator('.header [data-group="c4"]').textContent(), 'C4');
    await page.locator('vscode-button[data-action=changeGroup]').click();
    await page.locator('table.members button.link').nth(1).click();
    await page.locator('table.members button.link').nth(2).press('Enter');
    assert.deepEqual((await posted(page)).slice(1), [
      { kind: 'cancel' },
      { kind: 'export', format: 'json' },
      { kind: 'export', format: 'md' },
      { kind: 'export', format: 'html' },
      { kind: 'rerun' },
      { kind: 'changeGroup' },
      { kind: 'openFile', path: paths[1] },
      { kind: 'openFile', path: paths[2] },
    ]);
    assert.equal((await page.evaluate(() => (window as unknown as { __state: PanelState }).__state)).status, 'done');

    // A re-run that fails shows the one-line message; one that is cancelled says so.
    await send(page, { kind: 'started', title: 'EquiLens · c4 · broken', members: ['broken/model.json'], order: 4, probes: 32 });
    const message = 'broken/model.json: outputs contain NaN or Infinity (12 of 640 values)';
    await send(page, { kind: 'failed', message });
    assert.equal(await page.locator('[role=alert] .error-message').textContent(), message);
    assert.equal(await page.locator('vscode-button[data-action=rerun]').count(), 1);
    assert.equal(await page.locator('vscode-button[data-action=cancel]').count(), 0);
    assert.equal(await page.locator('.summary').count(), 0, 'the previous report is gone');
    await page.screenshot({ path: join(ARTIFACTS, 'panel-failed.png') });
    await send(page, { kind: 'started', title: 'EquiLens · c4 · again', members: ['a/model.json'], order: 4, probes: 32 });
    await send(page, { kind: 'cancelled' });
    assert.equal(await page.locator('.status.cancelled').textContent(), 'Cancelled.');
    assert.deepEqual(w.problems, []);
  });

  test('webview: restores the state VS Code saved; screenshots in Light and Dark Modern', async () => {
    const state: PanelState = { title: 'EquiLens · c4 · examples/compatible-augmented', status: 'done', members: report.members, progress: null, report, error: null };
    const { page, problems } = await openWebview(state);
    await assertCardsMatch(page, report);
    assert.equal(await page.locator('h1').textContent(), state.title);
    for (const [name, theme] of [
      ['light', lightModern],
      ['dark', darkModern],
    ] as const) {
      await applyTheme(page, theme, `vscode-${name}`);
      await page.screenshot({ path: join(ARTIFACTS, `panel-${name}.png`), fullPage: true });
      await page.screenshot({ path: join(ARTIFACTS, `panel-${name}-top.png`) });
      // Committed copies change only when asked, so a test run never rewrites tracked files.
      if (process.env.EQUILENS_UPDATE_SCREENSHOTS === '1') {
        mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
        copyFileSync(join(ARTIFACTS, `panel-${name}-top.png`), join(ROOT, `docs/screenshots/panel-${name}.png`));
      }
    }
    assert.deepEqual(problems, []);
  });

  test('strings from model files render as text in both documents, never as markup', async () => {
    const evil = structuredClone(report);
    evil.members[0]!.path = `${EVIL}/model.json`;
    evil.perElement[0]!.element = EVIL;
    evil.pictures![0]!.element = EVIL;
    evil.warnings = [EVIL];
    evil.probes.description = EVIL;
    evil.outputKindReason = EVIL;
    evil.backend = EVIL;
    evil.findings = [{ kind: 'kernel-not-square', severity: 'error', title: 'Kernel is not square', layer: EVIL, layerIndex: 0, evidence: EVIL }];
    const exported = await openExport(evil, 'export-evil.html');
    const webview = await openWebview(undefined, `title ${EVIL}`);
    await send(webview.page, { kind: 'report', report: evil });
    for (const w of [exported, webview]) {
      await w.page.waitForTimeout(50);
      assert.equal(await w.page.locator('img, [onerror]').count(), 0, 'no element from report text');
      assert.equal(await w.page.locator('body script').count(), w === exported ? 2 : 1, 'only our own scripts');
      assert.ok((await w.page.locator('.warnings li').textContent())!.includes(EVIL));
      assert.ok((await w.page.locator('.facts').textContent())!.includes(EVIL));
      assert.equal(await w.page.locator('[data-finding="kernel-not-square"]').textContent(), `${EVIL}: Kernel is not square — ${EVIL}`);
      assert.deepEqual(w.dialogs, []);
      assert.deepEqual(w.problems, []);
    }
    assert.equal(await webview.page.locator('table.members button.link').first().textContent(), `${EVIL}/model.json`);
    assert.equal(await webview.page.title(), `title ${EVIL}`);
    assert.equal(await exported.page.locator('table.members th[scope=row]').first().textContent(), `${EVIL}/model.json`);
  });
});

/** Writes the export to .test-artifacts and opens it from disk (file://), as a user would. */
async function openExport(r: AuditReport, name: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Watched> {
  const file = join(ARTIFACTS, name);
  writeFileSync(file, standaloneDocument(r));
  const w = await openPage(context, {});
  await w.page.emulateMedia({ colorScheme });
  await w.page.goto(`file://${file}`);
  await w.page.waitForSelector('.summary');
  return w;
}

/** The webview document from the fake origin, with a fake acquireVsCodeApi. */
async function openWebview(state?: PanelState, title?: string): Promise<Watched> {
  const w = await openPage(context, { '/panel.html': panelDocument(title) });
  await fakeVsCode(w.page, state);
  await w.page.goto(`${ORIGIN}/panel.html`);
  await w.page.waitForFunction('window.__posted.length > 0', undefined, { timeout: 5000 }).catch(() => assert.fail(`no 'ready' message: ${w.problems.join('; ')}`));
  return w;
}

/** Posts a message the way the host does, then waits until the panel has handled it. */
async function send(page: Page, msg: ToPanel): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), msg);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
}

async function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
}

async function cardMetrics(page: Page): Promise<[string, string][]> {
  return page.$$eval('.cards [data-metric]', (els) => els.map((e) => [e.getAttribute('data-metric')!, e.getAttribute('data-value')!] as [string, string]));
}

async function metricValue(page: Page, path: string, where: 'cards' | 'table' = 'cards'): Promise<unknown> {
  const scope = where === 'cards' ? '.cards' : 'table.members';
  return JSON.parse((await page.getAttribute(`${scope} [data-metric="${path}"]`, 'data-value'))!);
}

/** Every number in a card equals the report's number at its data-metric path, exactly. */
async function assertCardsMatch(page: Page, r: AuditReport): Promise<void> {
  const metrics = await cardMetrics(page);
  assert.ok(metrics.length >= (r.ensemble ? 10 : 5), `cards carry metrics (${metrics.length})`);
  for (const [path, value] of metrics) {
    const expected = valueAt(r, path);
    assert.notEqual(expected, undefined, `${path} is in the report`);
    assert.deepEqual(JSON.parse(value), expected, path);
  }
}
