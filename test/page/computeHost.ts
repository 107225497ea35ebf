// The extension host's side of an audit in the webview, played by the test: the real panel
// document (strict CSP) and panel script in Chromium, a fake VS Code API whose postMessage reaches
// this process, model files served under a fake webview-resource origin, and 'fs' metadata
// answered from disk, only inside the audit's folders, as src/extension/webviewCompute.ts does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { AuditEvent, AuditSpec } from '../../src/core/audit/spec';
import { isInside } from '../../src/core/io/paths';
import type { AuditReport } from '../../src/core/report/types';
import { nodeFiles } from '../../src/node/nodeFiles';
import type { AdapterInfo, ComputeFromPanel, ComputeToPanel, WebBackendChoice } from '../../src/protocol';
import { CHROMIUM, fakeVsCode, openPage, ORIGIN, panelDocument, ROOT, type Watched } from './browser';

/** Chromium with its GPU stack on: WebGL 2 and WebGPU through SwiftShader (software, on the CPU). */
export function launchWithGpu(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--enable-unsafe-webgpu',
      '--enable-features=Vulkan',
      '--use-webgpu-adapter=swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

const ENGINE = `${ORIGIN}/dist/webview/engine.js`;
/** Where the fake webview serves local files: `${RESOURCES}/abs/path`. */
const RESOURCES = `${ORIGIN}/vscode-resource`;

export interface ComputePage extends Watched {
  adapter(): Promise<AdapterInfo | null>;
  /** Rejects with the one-line failure, or 'cancelled' (cancelAfterMembers: sent after that many member events). */
  audit(spec: AuditSpec, backend: WebBackendChoice, o?: { cancelAfterMembers?: number; onnxBase?: string }): Promise<{ report: AuditReport; events: AuditEvent[]; fetched: string[] }>;
  /** tf.memory().numTensors of the webview's engine (imported by then). */
  numTensors(): Promise<number>;
}

/** The panel webview, ready to compute; `folders` are the only ones it may read. */
export async function openComputePage(browser: Browser, folders: string[]): Promise<ComputePage> {
  const context = await browser.newContext();
  const w = await openPage(context, { '/panel.html': panelDocument() });
  const fetched: string[] = [];
  const inside = (p: string) => folders.some((f) => isInside(f, p));
  // Registered after openPage's catch-all, so these answer first.
  await w.page.route(`${ORIGIN}/dist/webview/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice('/dist/webview/'.length);
    if (!/^[\w-]+\.(js|wasm)$/.test(name)) return route.fulfill({ status: 404 });
    return route.fulfill({ body: readFileSync(join(ROOT, 'dist/webview', name)), contentType: name.endsWith('.js') ? 'text/javascript' : 'application/wasm' });
  });
  await w.page.route(`${RESOURCES}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice('/vscode-resource'.length));
    if (!inside(path)) {
      w.problems.push(`read outside the audit's folders: ${path}`);
      return route.fulfill({ status: 401 });
    }
    fetched.push(path);
    return route.fulfill({ body: readFileSync(path), contentType: 'application/octet-stream' });
  });

  const listeners = new Set<(m: ComputeFromPanel) => void>();
  const toPanel = (m: ComputeToPanel) => w.page.evaluate((msg) => window.postMessage(msg, '*'), m);
  await w.page.exposeFunction('__equilensHost', (m: ComputeFromPanel) => {
    if (m.kind === 'fs') {
      const run = inside(m.path) ? nodeFiles[m.op](m.path) : Promise.reject(new Error('outside'));
      void run.then(
        (value) => toPanel({ kind: 'fsResult', id: m.id, ok: true, value }),
        () => toPanel({ kind: 'fsResult', id: m.id, ok: false }),
      );
    }
    for (const l of listeners) l(m);
  });
  await fakeVsCode(w.page);
  await w.page.addInitScript('{ const push = window.__posted.push.bind(window.__posted); window.__posted.push = (m) => { window.__equilensHost(m); return push(m); }; }');
  await w.page.goto(`${ORIGIN}/panel.html`);
  await w.page.waitForFunction(() => (window as unknown as { __posted: { kind: string }[] }).__posted.some((m) => m.kind === 'ready'));

  const next = <T>(pick: (m: ComputeFromPanel) => T | undefined) =>
    new Promise<T>((resolve) => {
      const l = (m: ComputeFromPanel) => {
        const v = pick(m);
        if (v !== undefined) {
          listeners.delete(l);
          resolve(v);
        }
      };
      listeners.add(l);
    });

  let id = 0;
  return {
    ...w,
    async adapter() {
      const answer = next((m) => (m.kind === 'adapter' ? { a: m.adapter } : undefined));
      await toPanel({ kind: 'detectAdapter' });
      return (await answer).a;
    },
    async numTensors() {
      return w.page.evaluate(async (url) => ((await import(url)) as { memory(): { numTensors: number } }).memory().numTensors, ENGINE);
    },
    async audit(spec, backend, o = {}) {
      const runId = id++;
      const events: AuditEvent[] = [];
      fetched.length = 0;
      const outcome = next<{ report?: AuditReport; error?: string }>((m) => {
        if (m.kind === 'computeEvent' && m.id === runId) {
          events.push(m.event);
          if (m.event.kind === 'member' && events.filter((e) => e.kind === 'member').length === o.cancelAfterMembers) {
            void toPanel({ kind: 'computeCancel', id: runId });
          }
          return m.event.kind === 'finished' ? { report: m.event.report } : undefined;
        }
        if (m.kind === 'computeFailed' && m.id === runId) return { error: m.message };
        if (m.kind === 'computeCancelled' && m.id === runId) return { error: 'cancelled' };
        return undefined;
      });
      await toPanel({
        kind: 'compute',
        id: runId,
        engineUri: ENGINE,
        request: { spec, backend, wasmBase: `${ORIGIN}/dist/webview/`, roots: folders.map((path) => ({ path, uri: `${RESOURCES}${path}` })), ...(o.onnxBase && { onnxBase: o.onnxBase }) },
      });
      const end = await outcome;
      if (end.error) throw new Error(end.error);
      return { report: end.report!, events, fetched: [...fetched] };
    },
  };
}
