// The report panel's HTML documents: pure strings, so the extension host (Node) builds them and
// tests can read their CSP without a browser. Both documents load the same panel script.
import { h } from '../core/report/html';
import type { AuditReport } from '../core/report/types';
import { reportTitle } from './panel/labels';

export interface PanelHtmlOptions {
  /** Fresh per document: every <script> and <style> the panel creates carries it. */
  nonce: string;
  /** webview.cspSource: where the script, stylesheet, images and fonts may come from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

/** The id of the element the panel renders into. */
export const ROOT_ID = 'equilens-root';
/** The id of the <script type="application/json"> holding an exported report. */
export const REPORT_ID = 'equilens-report';
/** The id of the panel's own <script>: the panel reads its nonce (VS Code may inject scripts too). */
export const SCRIPT_ID = 'equilens-panel';

/** The webview document: strict CSP, one module script, one stylesheet, an empty root. */
export function panelHtml(o: PanelHtmlOptions): string {
  checkNonce(o.nonce);
  // 'wasm-unsafe-eval' only lets WebAssembly compile (the engine's wasm backend), never eval().
  // 'strict-dynamic' lets the nonce'd panel script import the engine bundle (and nothing else
  // can: host sources are ignored under it); connect-src lets the engine fetch the model files
  // and .wasm binaries VS Code serves from the local resource roots.
  const csp =
    `default-src 'none'; img-src ${o.cspSource} data:; style-src ${o.cspSource} 'nonce-${o.nonce}'; ` +
    `script-src 'nonce-${o.nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; font-src ${o.cspSource}; connect-src ${o.cspSource};`;
  return htmlDocument(csp, o.title, `<link rel="stylesheet" href="${h(o.styleUri)}">`, `<script type="module" id="${SCRIPT_ID}" nonce="${o.nonce}" src="${h(o.scriptUri)}"></script>`);
}

/**
 * The offline HTML export: the same panel script and stylesheet inlined, the report embedded as
 * JSON. It opens from disk in any browser, with no network access and nothing to install.
 */
export function standaloneHtml(report: AuditReport, assets: { script: string; css: string }, nonce = randomNonce()): string {
  checkNonce(nonce);
  const csp = `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  // '<' as \u003c: a model or file name containing "</script>" cannot end the JSON block.
  const json = JSON.stringify(report).replace(/</g, '\\u003c');
  return htmlDocument(
    csp,
    reportTitle(report),
    `<style nonce="${nonce}">\n${inlineSafe(assets.css, 'style')}\n</style>`,
    `<script type="application/json" id="${REPORT_ID}">${json}</script>\n` +
      `<script type="module" id="${SCRIPT_ID}" nonce="${nonce}">\n${inlineSafe(stripSourceMap(assets.script), 'script')}\n</script>`,
  );
}

function htmlDocument(csp: string, title: string, head: string, scripts: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${h(title)}</title>
${head}
</head>
<body>
<main id="${ROOT_ID}"></main>
${scripts}
</body>
</html>
`;
}

/** The bundle and stylesheet are ours, but a literal "</script" in them would end the element. */
function inlineSafe(text: string, tag: 'script' | 'style'): string {
  // In JS strings, regexes and comments, and in CSS strings, "<\/" means the same as "</".
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

/** A sourceMappingURL would point at a file that does not travel with the export. */
function stripSourceMap(script: string): string {
  return script.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** Nonces go into attributes and the CSP unescaped: allow base64/base64url characters only. */
function checkNonce(nonce: string): void {
  if (!/^[A-Za-z0-9+/_=-]{16,}$/.test(nonce)) throw new Error(`invalid nonce: ${JSON.stringify(nonce)}`);
}

/** 128 random bits, base64url (Web Crypto: the same in Node ≥ 19, the extension host and browsers). */
export function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
