// The panel's two HTML documents as strings: their CSP, nonces and escaping (no browser needed).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AuditReport } from '../../src/core/report/types';
import { panelHtml, REPORT_ID, standaloneHtml } from '../../src/webview/shell';

const report = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'report.json'), 'utf8')) as AuditReport;
const NONCE = 'abcdefghijklmnopqrstuv0123456789';
const CSP_SOURCE = 'https://*.vscode-cdn.net';
const EVIL = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>';

function csp(html: string): string[] {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta element');
  return m[1]!.split(/\s+/).filter(Boolean);
}

function assertStrict(tokens: string[], allowedOrigin?: string): void {
  assert.ok(!tokens.includes("'unsafe-inline'"), 'no unsafe-inline');
  assert.ok(!tokens.includes("'unsafe-eval'"), 'no unsafe-eval');
  assert.ok(tokens.includes('default-src'));
  assert.equal(tokens[tokens.indexOf('default-src') + 1], "'none';");
  for (const t of tokens.filter((t) => /^https?:/i.test(t) || t === '*' || t === '*;')) assert.equal(t.replace(/;$/, ''), allowedOrigin, `remote origin ${t}`);
}

test('panelHtml: strict CSP with a nonce, the webview source only, a module script, an escaped title', () => {
  const html = panelHtml({ nonce: NONCE, cspSource: CSP_SOURCE, scriptUri: `${CSP_SOURCE}/dist/webview/panel.js`, styleUri: `${CSP_SOURCE}/media/panel.css`, title: EVIL });
  const tokens = csp(html);
  assertStrict(tokens, CSP_SOURCE);
  assert.equal(
    tokens.join(' '),
    `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}' 'strict-dynamic' 'wasm-unsafe-eval'; font-src ${CSP_SOURCE}; connect-src ${CSP_SOURCE};`,
  );
  // 'strict-dynamic' makes browsers ignore host sources in script-src: only the nonce'd script
  // and what it imports (the engine bundle) can run.
  assert.ok(!/script-src[^;]*https?:/.test(tokens.join(' ')), 'no host source for scripts');
  assert.ok(html.includes(`<script type="module" id="equilens-panel" nonce="${NONCE}" src="${CSP_SOURCE}/dist/webview/panel.js"></script>`));
  assert.ok(html.includes(`<link rel="stylesheet" href="${CSP_SOURCE}/media/panel.css">`));
  assert.ok(html.includes('<main id="equilens-root"></main>'));
  assert.ok(!html.includes('<img'), 'title escaped');
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.throws(() => panelHtml({ nonce: 'x" onload="alert(1)', cspSource: CSP_SOURCE, scriptUri: '', styleUri: '', title: '' }), /invalid nonce/);
});

test('standaloneHtml: inline script and CSS under a nonce, no remote origin, the report as inert JSON', () => {
  const evil: AuditReport = { ...report, members: [{ ...report.members[0]!, path: EVIL }, ...report.members.slice(1)], warnings: [EVIL] };
  const script = 'const s = "</script>"; console.log(s);\n//# sourceMappingURL=panel.js.map\n';
  const html = standaloneHtml(evil, { script, css: 'body { color: red } /* </style> */' }, NONCE);
  const tokens = csp(html);
  assertStrict(tokens);
  assert.equal(tokens.join(' '), `default-src 'none'; img-src data:; style-src 'nonce-${NONCE}'; script-src 'nonce-${NONCE}';`);
  // Every executable script and every style carries the nonce; the report block is data.
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
  assert.deepEqual(scripts, [` type="application/json" id="${REPORT_ID}"`, ` type="module" id="equilens-panel" nonce="${NONCE}"`]);
  assert.deepEqual(
    [...html.matchAll(/<style([^>]*)>/g)].map((m) => m[1]),
    [` nonce="${NONCE}"`],
  );
  const json = new RegExp(`<script type="application/json" id="${REPORT_ID}">(.*?)</script>`, 's').exec(html)![1]!;
  assert.ok(!json.includes('<'), 'no "<" inside the JSON block');
  assert.deepEqual(JSON.parse(json), evil);
  assert.ok(html.includes('const s = "<\\/script>"'), '"</script" in the bundle cannot end the element');
  assert.ok(html.includes('/* <\\/style> */'));
  assert.ok(!html.includes('sourceMappingURL'));
  assert.ok(!/<link|<img|<script[^>]*src=/.test(html), 'nothing loaded from elsewhere');
  assert.ok(html.includes('<title>EquiLens · c4 · '), 'titled like the panel');
  assert.ok(!html.includes('<img'), 'the title is escaped');
  const a = csp(standaloneHtml(report, { script: '', css: '' })).join(' ');
  const b = csp(standaloneHtml(report, { script: '', css: '' })).join(' ');
  assert.notEqual(a, b, 'a fresh nonce per export');
});
