// ONNX models in the editor (issue 14.2), in a real VS Code (code-server + headless Chromium):
// a folder of .onnx members is an ensemble in the Models & Ensembles tree; where onnxruntime-node
// cannot be found its row and its audit say so in one line with the fix; once
// equilens.onnxRuntimePath names this checkout (whose node_modules holds onnxruntime-node), the
// row names the engine and auditing it from the tree gives the CLI's report. Run alone with
// `npm run build --silent && node --import tsx --test test/e2e/onnx.e2e.ts`.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Locator } from 'playwright-core';
import { e2eSuite, ROOT, TIMEOUT, type Session } from '../../scripts/e2e/harness';
import { assertPanelEqualsCli, reportMetrics } from '../../scripts/e2e/panelMetrics';
import { modelsPane, until } from '../../scripts/e2e/workbench';
import { makeCnn } from '../helpers/modelFixtures';
import { cnnToOnnx, NO_RUNTIME } from '../helpers/onnxWriter';

const ENSEMBLE = 'onnx-members';
const tmp = mkdtempSync(path.join(tmpdir(), 'equilens-onnx-e2e-'));
const e2e = e2eSuite(6 * TIMEOUT, () => rmSync(tmp, { recursive: true, force: true }));

/** The tree's row for the ONNX ensemble, the view expanded. */
async function ensembleRow(s: Session): Promise<Locator> {
  const pane = await modelsPane(s);
  return pane.locator('.monaco-list-row', { has: s.page.locator('.label-name', { hasText: new RegExp(`^\\s*${ENSEMBLE}\\s*$`) }) }).first();
}

/** The row's description once it matches `text` (the tree rebuilds when files or settings change). */
async function description(row: Locator, text: RegExp): Promise<string> {
  return until(async () => {
    const d = (await row.locator('.label-description').first().innerText()).trim();
    return text.test(d) ? d : null;
  }, `the ${ENSEMBLE} row's description matching ${text}`);
}

/** The row's Audit action: inline (shown on hover or focus), else from its context menu. */
async function auditFromTree(s: Session, row: Locator): Promise<void> {
  await row.click();
  await row.hover();
  const inline = row.locator('.action-label[aria-label="Audit"]');
  if (
    await inline.click({ timeout: 5_000 }).then(
      () => true,
      () => false,
    )
  )
    return;
  await row.click({ button: 'right' });
  await s.page
    .locator('.monaco-menu .action-item', { hasText: /^\s*Audit\s*$/ })
    .first()
    .click();
}

e2e(
  'a folder of .onnx members is an ensemble in the tree; without onnxruntime-node it says how to install it, with it the tree audit gives the CLI’s report',
  async (s, t) => {
    if (NO_RUNTIME) return t.skip(NO_RUNTIME);
    await tf.setBackend('cpu');
    const folder = path.join(s.workspace, ENSEMBLE);
    mkdirSync(path.join(folder, 'more'), { recursive: true });
    for (const [seed, file] of [
      [1, 'm1.onnx'],
      [2, 'm2.onnx'],
      [3, 'more/m3.onnx'],
    ] as const) {
      const model = makeCnn({ seed, size: 8 });
      writeFileSync(path.join(folder, file), cnnToOnnx(model));
      model.dispose();
    }
    await s.runCommand('View: Close All Editors');

    // The installed extension has no onnxruntime-node beside it: the row and the audit say so.
    const row = await ensembleRow(s);
    await row.waitFor({ timeout: 2 * TIMEOUT });
    assert.equal(await description(row, /ONNX/), '3 members · ONNX · needs onnxruntime-node');
    await auditFromTree(s, row);
    const failed = await s.findInWebview('.status.failed', 2 * TIMEOUT);
    const line = (await failed.innerText()).trim();
    assert.match(line, /ONNX models need onnxruntime-node, which EquiLens cannot find: run `npm install onnxruntime-node` in a folder of your choice/);
    assert.match(line, /set equilens\.onnxRuntimePath to that folder/);
    assert.doesNotMatch(line, /\n\s*at /, 'no stack trace');
    const toast = s.page.locator('.notifications-toasts .notification-toast', { hasText: 'equilens.onnxRuntimePath' }).first();
    await toast.waitFor();
    assert.equal(await toast.locator('.monaco-button', { hasText: 'Open Setting' }).count(), 1);
    await s.screenshot('onnx-runtime-missing');
    await s.page.keyboard.press('Escape');
    await s.runCommand('View: Close All Editors');

    // This checkout's node_modules holds onnxruntime-node: the machine setting finds it.
    await s.setUserSettings({ 'equilens.onnxRuntimePath': ROOT });
    await description(row, /^3 members · ONNX · onnxruntime-node$/);
    await auditFromTree(s, row);
    const panel = await reportMetrics(s, 3 * TIMEOUT);
    const backend = await s.findInWebview(':text-matches("onnxruntime-node", "i")');
    assert.ok(await backend.count(), 'the report names onnxruntime-node');
    await s.screenshot('onnx-ensemble-report');

    // The tree's audit: the last group (c4 by default), invariant output, 32 synthetic probes, seed 0 — the CLI's defaults.
    const json = path.join(tmp, 'onnx.json');
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'audit', folder, '--group', 'c4', '--json', json, '-q'], { cwd: s.workspace });
    const report = JSON.parse(readFileSync(json, 'utf8')) as { model: { format: string }; backend: string };
    assert.equal(report.model.format, 'onnx');
    assertPanelEqualsCli(panel, report);
    t.diagnostic(`${Object.keys(panel).length} panel numbers equal the CLI's (${report.backend})`);
    assert.match(await description(row, /C4/), /^C4 · floor \d/);
  },
  8 * TIMEOUT,
);
