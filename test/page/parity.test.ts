// Issue 4's parity contract: the same audit (the examples' ensembles, C4, the fixed .npy probes)
// in Node on wasm and in the report webview's engine in Chromium on WebGL and WebGPU (both
// SwiftShader here: a software GPU, right numbers at a CPU's speed) agrees: relError and floor
// within 1e-3 relative, OSP/agreement exactly. Run after `npm run build` (dist/webview/engine.js).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { runAudit } from '../../src/core/audit/runAudit';
import type { AuditSpec } from '../../src/core/audit/spec';
import type { AuditReport } from '../../src/core/report/types';
import { initBackend } from '../../src/node/backend';
import { nodeFiles, toPosix } from '../../src/node/nodeFiles';
import { hasChromium, ROOT } from './browser';
import { launchWithGpu, openComputePage, type ComputePage } from './computeHost';

const EXAMPLES = toPosix(join(ROOT, 'examples'));
const ENSEMBLES = ['compatible-augmented', 'compatible-plain', 'incompatible-augmented'];
const spec = (name: string): AuditSpec => ({
  targets: [`${EXAMPLES}/${name}`],
  group: 'c4',
  output: 'invariant',
  probes: `${EXAMPLES}/probes/test-images.npy`,
  probesCount: Infinity,
  seed: 0,
  displayBase: EXAMPLES,
});

/** |a − b| ≤ tol·max(|a|, |b|), with an absolute floor for values at float noise (a zero floor). */
function close(a: number | null, b: number | null, what: string, tol = 1e-3, abs = 1e-5): void {
  assert.ok(a !== null && b !== null, `${what}: both present`);
  assert.ok(Math.abs(a - b) <= Math.max(tol * Math.max(Math.abs(a), Math.abs(b)), abs), `${what}: ${a} vs ${b}`);
}

function assertParity(web: AuditReport, node: AuditReport, label: string): void {
  assert.equal(web.members.length, node.members.length);
  node.members.forEach((m, i) => {
    const w = web.members[i]!;
    assert.equal(w.path, m.path);
    close(w.relError, m.relError, `${label} member ${i} relError`);
    assert.equal(w.osp, m.osp, `${label} member ${i} OSP`);
    assert.equal(w.agreement, m.agreement, `${label} member ${i} agreement`);
  });
  const [we, ne] = [web.ensemble!, node.ensemble!];
  close(we.relError, ne.relError, `${label} ensemble relError`);
  close(we.floor, ne.floor, `${label} floor`);
  close(we.floorCI?.[1] ?? null, ne.floorCI?.[1] ?? null, `${label} floor interval top`);
  assert.equal(we.osp, ne.osp, `${label} ensemble OSP`);
  assert.equal(we.agreement, ne.agreement, `${label} ensemble agreement`);
  assert.equal(we.membersNeeded['0.01'] === null, ne.membersNeeded['0.01'] === null, `${label} 1 % reachable`);
  node.perElement.forEach((e, j) => close(web.perElement[j]!.ensembleRelError, e.ensembleRelError, `${label} ${e.element}`));
  assert.deepEqual(web.findings, node.findings, `${label} findings`);
}

/** A folder holding one truncated model JSON. */
async function badModelFolder(): Promise<string> {
  const dir = toPosix(mkdtempSync(join(tmpdir(), 'equilens-parity-')));
  writeFileSync(`${dir}/model.json`, '{"modelTopology": {"class_name": ');
  return dir;
}

const wasm = new Map<string, AuditReport>();
let browser: Browser;
let page: ComputePage;

describe('parity: Node wasm vs the webview engine in Chromium', { skip: !hasChromium && 'no Chromium at /usr/bin/chromium' }, () => {
  before(async () => {
    await initBackend('wasm');
    for (const name of ENSEMBLES) wasm.set(name, await runAudit(spec(name), { fs: nodeFiles, backend: 'wasm' }));
    browser = await launchWithGpu();
    page = await openComputePage(browser, [EXAMPLES]);
  });
  after(async () => browser?.close());

  test('the panel reports its GPU without loading the engine: SwiftShader, marked software', async () => {
    const adapter = await page.adapter();
    assert.ok(adapter, 'a WebGL or WebGPU adapter');
    assert.match(adapter.name, /swiftshader/i);
    assert.equal(adapter.software, true);
    assert.deepEqual(page.problems, []);
  });

  test('webgl: every example ensemble agrees with wasm', async () => {
    for (const name of ENSEMBLES) {
      const { report, events, fetched } = await page.audit(spec(name), 'webgl');
      assert.match(report.backend, /^webgl/);
      assert.equal(report.compute?.place, 'webview');
      assert.match(report.compute?.adapter ?? '', /swiftshader.*\(webgl\)/i);
      assert.equal(report.compute?.software, true, 'SwiftShader is reported as a software GPU');
      assertParity(report, wasm.get(name)!, `webgl ${name}`);
      // Streamed like the extension host's worker: started, progress, one event per member, finished.
      assert.equal(events[0]!.kind, 'started');
      assert.equal(events.filter((e) => e.kind === 'progress').length, 8 * 4);
      assert.equal(events.filter((e) => e.kind === 'member').length, 8);
      assert.equal(events.at(-1)!.kind, 'finished');
      // Model bytes came through the resource URLs, never through messages.
      assert.equal(fetched.filter((f) => f.endsWith('.bin')).length, 8, "each member's weights fetched once");
    }
    assert.deepEqual(page.problems, []);
  });

  // Before the WebGPU test: after it, SwiftShader's GPU process stays busy and WebGL here slowed
  // from 13 s to over 4 minutes.
  test('cancelling stops the webview audit and frees its tensors', async () => {
    const before = await page.numTensors();
    await assert.rejects(page.audit(spec('compatible-plain'), 'webgl', { cancelAfterMembers: 2 }), /cancelled/);
    assert.equal(await page.numTensors(), before, 'tf.memory().numTensors back to where it was');
  });

  // SwiftShader's WebGPU compiles every compute pipeline on the CPU (about 2 minutes per example
  // ensemble here): one ensemble on the first 16 probes keeps the check inside npm test's budget.
  test('webgpu (where the browser offers it): agrees with wasm', async (t) => {
    const small = { ...spec('incompatible-augmented'), probesCount: 16 };
    const { report } = await page.audit(small, 'webgpu');
    if (!report.backend.startsWith('webgpu')) return t.skip(`WebGPU is not offered here (ran on ${report.backend})`);
    assert.match(report.compute?.adapter ?? '', /\(webgpu\)/);
    assertParity(report, await runAudit(small, { fs: nodeFiles, backend: 'wasm' }), 'webgpu');
    assert.deepEqual(page.problems, []);
  });

  test('a bad model fails in the webview with the one line the CLI prints', async () => {
    await assert.rejects(page.audit({ ...spec('compatible-augmented'), group: 'nope' }, 'webgl'), /unknown group 'nope'/);
    const bad = await badModelFolder();
    const other = await openComputePage(browser, [bad]);
    await assert.rejects(other.audit({ ...spec('x'), targets: [`${bad}/model.json`], probes: undefined }, 'webgl'), (e: Error) => e.message.startsWith(`${bad}/model.json: `));
    assert.deepEqual(other.problems, [], "nothing read outside the audit's folder");
  });
});
