// ONNX members in the report webview (issue 14): an ensemble of .onnx files audited in Chromium
// by onnxruntime-web, imported at run time from its own folder (never bundled), gives the numbers
// the Node audit on onnxruntime-node gives. Headless Chromium here has no hardware WebGPU, so the
// wasm build is what must run and be reported. Run after `npm run build` (dist/webview/engine.js).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { runAudit } from '../../src/core/audit/runAudit';
import type { AuditSpec } from '../../src/core/audit/spec';
import type { AuditReport } from '../../src/core/report/types';
import { nodeFiles, toPosix } from '../../src/node/nodeFiles';
import { nodeOnnxEngine } from '../../src/node/onnxEngine';
import { ORT_FILES, ORT_WASM_BUILD, ORT_WASM_WASM } from '../../src/webview/compute/ortFiles';
import { makeCnn, saveArtifacts, tempDir, writeModel } from '../helpers/modelFixtures';
import { cnnToOnnx, NO_RUNTIME } from '../helpers/onnxWriter';
import { hasChromium, ORIGIN, ROOT } from './browser';
import { launchWithGpu, openComputePage, type ComputePage } from './computeHost';

const ORT_DIST = join(ROOT, 'node_modules/onnxruntime-web/dist');
/** Where the fake webview serves onnxruntime-web's dist/ (webviewCompute.ts: a resource root of the panel). */
const ORT_BASE = `${ORIGIN}/onnxruntime-web/`;
const skip = (!hasChromium && 'no Chromium at /usr/bin/chromium') || NO_RUNTIME || (!existsSync(ORT_DIST) && 'onnxruntime-web is not installed (a devDependency)');

const tmp = tempDir('equilens-onnx-web-');
const dir = toPosix(tmp.dir);
const onnxDir = `${dir}/onnx`;
const tfDir = `${dir}/tfjs`;
const spec = (targets: string[], more: Partial<AuditSpec> = {}): AuditSpec => ({ targets, group: 'c4', output: 'invariant', probesCount: 24, seed: 0, displayBase: dir, ...more });

/** |a − b| ≤ 1e-4 relative (1e-7 absolute near 0): two float32 engines, same graph. */
function close(a: number | null | undefined, b: number | null | undefined, what: string): void {
  assert.ok(typeof a === 'number' && typeof b === 'number', `${what}: ${a} vs ${b}`);
  assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b)) + 1e-7, `${what}: web ${a} vs node ${b}`);
}

let node: AuditReport;
let browser: Browser;
let page: ComputePage;
/** onnxruntime-web files the page asked for. */
const ortRequests: string[] = [];

describe('ONNX in the webview: onnxruntime-web (wasm) vs onnxruntime-node', { skip }, () => {
  before(async () => {
    await tf.setBackend('cpu');
    mkdirSync(onnxDir, { recursive: true });
    // Seed 1's CNN with per-seed noise: a shared asymmetry, so the ensemble's floor is not a zero.
    for (const seed of [1, 2, 3]) {
      const model = makeCnn({ seed: 1, size: 8 });
      const noisy = tf.tidy(() => model.getWeights().map((w, i) => tf.add(w, tf.randomNormal(w.shape, 0, 0.05, 'float32', seed * 10 + i))));
      model.setWeights(noisy);
      tf.dispose(noisy);
      writeFileSync(`${onnxDir}/m${seed}.onnx`, cnnToOnnx(model));
      if (seed === 1) writeModel(tfDir, await saveArtifacts(model));
      model.dispose();
    }
    node = await runAudit(spec([onnxDir]), { fs: nodeFiles, backend: 'cpu', onnx: nodeOnnxEngine() });
    browser = await launchWithGpu();
    page = await openComputePage(browser, [dir]);
    // Only the files the engine may load, from onnxruntime-web's dist/ (the panel's one extra resource root).
    await page.page.route(`${ORT_BASE}**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice('/onnxruntime-web/'.length);
      ortRequests.push(name);
      if (!(ORT_FILES as readonly string[]).includes(name)) return route.fulfill({ status: 404 });
      return route.fulfill({ body: readFileSync(join(ORT_DIST, name)), contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
    });
  });
  after(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  test('an ONNX ensemble gives the Node numbers; the report says onnxruntime-web on wasm, in the webview', async (t) => {
    const started = Date.now();
    const { report, events, fetched } = await page.audit(spec([onnxDir]), 'wasm', { onnxBase: ORT_BASE });
    const seconds = (Date.now() - started) / 1000;
    assert.match(report.backend, /^onnxruntime-web 1\.31\.1 \(wasm SIMD, 1 thread; no hardware WebGPU adapter\)$/);
    assert.equal(report.compute?.place, 'webview');
    assert.equal(report.compute?.adapter, null, 'wasm ran: no GPU to name');
    assert.equal(report.model.format, 'onnx');
    assert.equal(report.model.input.layout, 'NCHW');
    assert.deepEqual(
      report.members.map((m) => m.path),
      ['onnx/m1.onnx', 'onnx/m2.onnx', 'onnx/m3.onnx'],
    );
    node.members.forEach((m, i) => {
      close(report.members[i]!.relError, m.relError, `member ${i} relError`);
      close(report.members[i]!.osp, m.osp, `member ${i} OSP`);
    });
    const [w, n] = [report.ensemble!, node.ensemble!];
    close(w.relError, n.relError, 'ensemble relError');
    close(w.floor, n.floor, 'floor');
    assert.ok(n.floor! > 1e-3, `a shared asymmetry gives a floor above 0 (${n.floor})`);
    close(w.floorCI![0], n.floorCI![0], 'floor CI low');
    close(w.floorCI![1], n.floorCI![1], 'floor CI high');
    close(w.osp, n.osp, 'ensemble OSP');
    node.perElement.forEach((e, j) => close(report.perElement[j]!.ensembleRelError, e.ensembleRelError, e.element));
    assert.deepEqual(report.warnings, node.warnings);
    assert.equal(events.filter((e) => e.kind === 'member').length, 3);
    assert.deepEqual([...new Set(fetched.filter((f) => f.endsWith('.onnx')))].sort(), [`${onnxDir}/m1.onnx`, `${onnxDir}/m2.onnx`, `${onnxDir}/m3.onnx`]);
    // No hardware GPU: the wasm-only build and its binary, never the 29 MB WebGPU one.
    assert.deepEqual([...new Set(ortRequests)].sort(), [ORT_WASM_WASM, ORT_WASM_BUILD]);
    assert.deepEqual(page.problems, [], 'no CSP violation, console error or stray request');
    // Forward passes: 3 members × 24 probes × 4 rotations.
    t.diagnostic(
      `webview onnxruntime-web wasm: ${seconds.toFixed(2)} s for the audit, predict ${report.timing.predictSeconds.toFixed(3)} s (${((3 * 24 * 4) / report.timing.predictSeconds).toFixed(0)} passes/s); node: predict ${node.timing.predictSeconds.toFixed(3)} s`,
    );
  });

  test('TF.js members stay on the webview tfjs backend when onnxruntime-web is offered', async () => {
    const { report } = await page.audit(spec([tfDir]), 'wasm', { onnxBase: ORT_BASE });
    assert.match(report.backend, /^wasm/, 'not translated to ONNX: tfjs wasm ran it');
    const single = await runAudit(spec([`${onnxDir}/m1.onnx`]), { fs: nodeFiles, backend: 'cpu', onnx: nodeOnnxEngine() });
    close(report.members[0]!.relError, single.members[0]!.relError, 'TF.js twin of m1 relError');
  });

  test('a bad .onnx file fails in the webview with one line naming it', async () => {
    const bad = `${dir}/bad/model.onnx`;
    mkdirSync(`${dir}/bad`, { recursive: true });
    writeFileSync(bad, 'not a protobuf at all');
    await assert.rejects(page.audit(spec([bad]), 'wasm', { onnxBase: ORT_BASE }), (e: Error) => e.message.startsWith(`${bad}: `) && !e.message.includes('\n'));
  });
});
