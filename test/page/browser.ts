// Chromium (the system's, never a downloaded one) with every page's console errors, page errors,
// CSP violations and dialogs recorded, and the panel documents served from a fake origin.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AuditReport } from '../../src/core/report/types';
import { panelHtml, standaloneHtml } from '../../src/webview/shell';
import type { Theme } from './themes';

export const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const ORIGIN = 'https://equilens.test';
export const NONCE = 'dGVzdC1ub25jZS0wMTIzNDU2Nzg5';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const hasChromium = existsSync(CHROMIUM);

export const assets = () => ({
  script: readFileSync(join(ROOT, 'dist/webview/panel.js'), 'utf8'),
  css: readFileSync(join(ROOT, 'media/panel.css'), 'utf8'),
});

export function panelDocument(title = 'EquiLens · c4 · examples/compatible-augmented'): string {
  return panelHtml({ nonce: NONCE, cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/webview/panel.js`, styleUri: `${ORIGIN}/media/panel.css`, title });
}

export interface Watched {
  page: Page;
  /** Console errors and warnings, uncaught errors, CSP violations, dialogs (alert etc.). */
  problems: string[];
  dialogs: string[];
}

/**
 * A page whose requests never leave the machine: the fake origin serves the panel document,
 * bundle and stylesheet; anything else is aborted (and recorded as a problem).
 */
export async function openPage(context: BrowserContext, docs: Record<string, string>): Promise<Watched> {
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript("document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
  const files: Record<string, { body: string; type: string }> = {
    '/dist/webview/panel.js': { body: assets().script, type: 'text/javascript' },
    '/media/panel.css': { body: assets().css, type: 'text/css' },
    ...Object.fromEntries(Object.entries(docs).map(([p, body]) => [p, { body, type: 'text/html' }])),
  };
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    if (file) return route.fulfill({ body: file.body, contentType: file.type });
    if (url.protocol === 'file:') return route.continue();
    problems.push(`network request: ${url.href}`);
    return route.abort();
  });
  return { page, problems, dialogs };
}

/** A fake VS Code webview API: posted messages and saved state are readable from the test. */
export async function fakeVsCode(page: Page, initialState?: unknown): Promise<void> {
  // A string, not a function: tsx compiles test functions with helpers (__name) the page lacks.
  await page.addInitScript(`(() => {
    window.__posted = [];
    window.__state = ${JSON.stringify(initialState ?? null)} ?? undefined;
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
      acquired = true;
      return {
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = s; },
      };
    };
  })();`);
}

/** Applies a theme the way VS Code does: variables on <html>, a class on <body>. */
export async function applyTheme(page: Page, theme: Theme, kind: 'vscode-light' | 'vscode-dark'): Promise<void> {
  await page.evaluate(
    ([vars, cls]) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.classList.remove('vscode-light', 'vscode-dark');
      document.body.classList.add(cls);
    },
    [theme, kind] as const,
  );
}

export function standaloneDocument(report: AuditReport): string {
  return standaloneHtml(report, assets(), NONCE);
}
