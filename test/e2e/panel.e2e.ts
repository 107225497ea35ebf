// Issue 15.1 in a real VS Code (code-server + headless Chromium): the panel shows the CLI's numbers
// on a 64-probe file (the whole file, not its first 32), and Audit Ensemble… asks for the group and
// shows it in the progress title and the panel header, with a one-click Change group….
// Run alone: `npm run build --silent && node --import tsx --test test/e2e/panel.e2e.ts`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { e2eSuite, ROOT, TIMEOUT, type Session } from '../../scripts/e2e/harness';
import { assertPanelEqualsCli, reportMetrics } from '../../scripts/e2e/panelMetrics';
import { until } from '../../scripts/e2e/workbench';

const AUDIT_ENSEMBLE = 'EquiLens: Audit Ensemble…';
/** examples/probes/test-images.npy: 64 upright 16×16 shapes (the workspace is a copy of examples/). */
const PROBES = 'probes/test-images.npy';
/** A whole label, not a prefix of a longer name ("compatible-augmented" ⊂ "incompatible-augmented"). */
const exactName = (name: string) => new RegExp(`^\\s*${name}(?![\\w-])`);

const tmp = mkdtempSync(path.join(tmpdir(), 'equilens-e2e-panel-'));
const e2e = e2eSuite(5 * TIMEOUT, () => rmSync(tmp, { recursive: true, force: true }));

/** The open quick pick: its title and its rows as 'label (description)'. */
async function quickPick(s: Session): Promise<{ title: string; rows: string[] }> {
  const widget = s.page.locator('.quick-input-widget');
  await widget.locator('.quick-input-list .monaco-list-row').first().waitFor();
  const title = (
    (await widget
      .locator('.quick-input-title')
      .innerText()
      .catch(() => '')) ?? ''
  ).trim();
  const rows = await widget.locator('.quick-input-list .monaco-list-row').evaluateAll((els) =>
    els.map((e) => {
      const label = e.querySelector('.label-name')?.textContent?.trim() ?? '';
      const description = e.querySelector('.label-description')?.textContent?.trim() ?? '';
      return description ? `${label} (${description})` : label;
    }),
  );
  return { title, rows };
}

/** Runs the CLI on the workspace's copy and returns its JSON report. */
async function cliReport(s: Session, name: string, args: string[]): Promise<unknown> {
  const json = path.join(tmp, `${name}.json`);
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'audit', path.join(s.workspace, name), ...args, '--json', json, '-q'], { cwd: s.workspace });
  return JSON.parse(readFileSync(json, 'utf8')) as unknown;
}

e2e('a. panel = CLI on a 64-probe file: every number equal to 1e-9, all 64 probes used', async (s, t) => {
  await s.runCommand('View: Close All Editors');
  // Only equilens.probes is set: equilens.probesCount stays unset, so the whole file is used, like the CLI.
  await s.setWorkspaceSettings({ 'equilens.probes': PROBES });
  try {
    await s.runCommand(AUDIT_ENSEMBLE);
    await s.pickQuickItem(exactName('compatible-augmented'));
    await s.pickQuickItem(exactName('c4'));
    const panel = await reportMetrics(s, 3 * TIMEOUT);
    assert.equal(panel['probes.count'], 64, 'the panel audited the whole 64-probe file');

    // The installed extension has no onnxruntime beside it, so it runs tfjs: so does the CLI here.
    const report = await cliReport(s, 'compatible-augmented', ['--group', 'c4', '--probes', path.join(s.workspace, PROBES), '--engine', 'tfjs']);
    assert.equal((report as { probes: { count: number } }).probes.count, 64);
    assertPanelEqualsCli(panel, report);
    t.diagnostic(`${Object.keys(panel).length} panel numbers equal the CLI's on 64 probes (relError ${panel['ensemble.relError']}, floor ${panel['ensemble.floor']})`);
  } finally {
    await s.setWorkspaceSettings({});
  }
});

e2e('b. Audit Ensemble… asks for the group (the last one first); the progress title and the panel header name it; Change group… re-runs under another', async (s) => {
  await s.runCommand('View: Close All Editors');
  // Enough probes that the audit is still running while its progress notification is read.
  await s.setWorkspaceSettings({ 'equilens.probesCount': 4096 });
  try {
    await s.runCommand(AUDIT_ENSEMBLE);
    await s.pickQuickItem(exactName('incompatible-augmented'));
    const ask = await until(async () => {
      const q = await quickPick(s);
      return q.title.includes('under which symmetry group') ? q : null;
    }, 'the group quick pick');
    assert.match(ask.title, /EquiLens: audit incompatible-augmented under which symmetry group\?/);
    // Test a ran under c4: it comes first, marked current, so Enter keeps it; the others follow.
    assert.equal(ask.rows[0], 'c4 (current)', `rows: ${JSON.stringify(ask.rows)}`);
    assert.ok(ask.rows.includes('flip-h') && ask.rows.includes('d4'), `rows: ${JSON.stringify(ask.rows)}`);
    await s.pickQuickItem(exactName('flip-h'));

    const toast = s.page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'EquiLens: auditing incompatible-augmented under flip-h' });
    await toast.first().waitFor({ timeout: TIMEOUT });
    const header = await s.findInWebview('.header [data-group="flip-h"]');
    assert.equal((await header.innerText()).trim(), 'flip-h');
    assert.match(await (await s.findInWebview('.header h1')).innerText(), /incompatible-augmented · flip-h/);

    await (await s.findInWebview(':is(button, vscode-button):text-is("Cancel")')).click();
    await s.findInWebview('.status.cancelled');
    await s.setWorkspaceSettings({});

    // One click: another group for the same models, asked with this one first.
    await (await s.findInWebview('[data-action="changeGroup"]')).click();
    const again = await until(async () => {
      const q = await quickPick(s);
      return q.title.includes('under which symmetry group') ? q : null;
    }, 'the group quick pick after Change group…');
    assert.equal(again.rows[0], 'flip-h (current)', `rows: ${JSON.stringify(again.rows)}`);
    await s.pickQuickItem(exactName('c2'));
    await s.findInWebview('.header [data-group="c2"]', 2 * TIMEOUT);
    const panel = await reportMetrics(s, 3 * TIMEOUT);
    assert.equal(panel['group.order'], 2, 'the re-run audited C2 (2 elements)');
    assert.match(await (await s.findInWebview('.header:has([data-group="c2"]) h1')).innerText(), /incompatible-augmented · C2/);
  } finally {
    await s.setWorkspaceSettings({});
  }
});
