// ONNX members in the report webview (issue 14.2), in a real VS Code (code-server + headless
// Chromium): with equilens.compute = "webview" and equilens.onnxRuntimePath naming this checkout
// (whose node_modules holds onnxruntime-web; the installed extension has none), an ONNX ensemble
// audited from the tree runs in the panel on onnxruntime-web (wasm: no hardware WebGPU here),
// its report says so, and its numbers equal the CLI's (onnxruntime-node) within float tolerance.
// Run alone with `npm run build --silent && node --import tsx --test test/e2e/onnxWeb.e2e.ts`.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { e2eSuite, ROOT, TIMEOUT } from '../../scripts/e2e/harness';
import { assertClose, lookup, memberAggregate, reportMetrics } from '../../scripts/e2e/panelMetrics';
import { until } from '../../scripts/e2e/workbench';
import { makeCnn } from '../helpers/modelFixtures';
import { cnnToOnnx, NO_RUNTIME } from '../helpers/onnxWriter';

const ENSEMBLE = 'onnx-web-members';
const tmp = mkdtempSync(path.join(tmpdir(), 'equilens-onnx-web-e2e-'));
const e2e = e2eSuite(6 * TIMEOUT, () => rmSync(tmp, { recursive: true, force: true }));
const NO_WEB = !existsSync(path.join(ROOT, 'node_modules/onnxruntime-web/package.json')) && 'onnxruntime-web is not installed (a devDependency)';

e2e(
  'an ONNX ensemble audited in the webview runs on onnxruntime-web and gives the CLI’s numbers',
  async (s, t) => {
    if (NO_RUNTIME || NO_WEB) return t.skip(String(NO_RUNTIME || NO_WEB));
    await tf.setBackend('cpu');
    const folder = path.join(s.workspace, ENSEMBLE);
    mkdirSync(folder, { recursive: true });
    for (const seed of [1, 2, 3]) {
      const model = makeCnn({ seed, size: 8 });
      writeFileSync(path.join(folder, `m${seed}.onnx`), cnnToOnnx(model));
      model.dispose();
    }
    await s.runCommand('View: Close All Editors');
    // Before the panel opens: its resource roots (onnxruntime-web's dist/) are fixed then.
    await s.setUserSettings({ 'equilens.onnxRuntimePath': ROOT, 'equilens.compute': 'webview', 'equilens.webviewBackend': 'wasm' });
    // The tree's row names the engine once the extension has read the setting.
    await s.runCommand('View: Show Explorer');
    const title = s.page.locator('.pane-header', { hasText: 'Models & Ensembles' });
    const header = s.page.locator('.part.sidebar').locator(title);
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const row = s.page
      .locator('.part.sidebar .pane', { has: title })
      .locator('.monaco-list-row', { has: s.page.locator('.label-name', { hasText: new RegExp(`^\\s*${ENSEMBLE}\\s*$`) }) })
      .first();
    await until(
      async () =>
        (
          await row
            .locator('.label-description')
            .first()
            .innerText({ timeout: 1_000 })
            .catch(() => '')
        ).includes('onnxruntime-node')
          ? true
          : null,
      'the tree row naming onnxruntime-node (the setting read)',
      2 * TIMEOUT,
    );

    await s.runCommand('EquiLens: Audit Ensemble…');
    await s.pickQuickItem(new RegExp(`^\\s*${ENSEMBLE}(?![\\w-])`));
    // The group is asked for where the build has that prompt: C4, the CLI's default.
    const c4 = s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { has: s.page.locator('.label-name', { hasText: /^\s*c4\s*$/ }) }).first();
    if (
      await c4.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    )
      await c4.click();

    const panel = await reportMetrics(s, 3 * TIMEOUT);
    const backend = await s.findInWebview(':text-matches("onnxruntime-web [0-9.]+ \\\\(wasm SIMD, 1 thread", "i")');
    assert.ok(await backend.count(), 'the report names onnxruntime-web on wasm');
    await s.screenshot('onnx-web-report');

    const json = path.join(tmp, 'onnx.json');
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'audit', folder, '--group', 'c4', '--json', json, '-q'], { cwd: s.workspace });
    const report = JSON.parse(readFileSync(json, 'utf8')) as { backend: string };
    assert.match(report.backend, /^onnxruntime-node/);
    // Another engine (onnxruntime-web vs onnxruntime-node, both float32): 1e-4 relative.
    let compared = 0;
    for (const [metric, shown] of Object.entries(panel)) {
      if (metric.startsWith('timing.')) continue;
      const expected = lookup(report, metric) ?? memberAggregate(report, metric);
      assert.ok(expected === null || typeof expected === 'number', `${metric} is not a number in the CLI's report`);
      assertClose(shown, expected, metric, 1e-4, 1e-7);
      compared++;
    }
    assert.ok(compared >= 5, `${compared} numbers compared`);
    t.diagnostic(`${compared} panel numbers equal the CLI's within 1e-4 (${report.backend})`);
  },
  8 * TIMEOUT,
);
