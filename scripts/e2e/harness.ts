/**
 * One end-to-end session: code-server with the built extension and a temp copy of examples/,
 * driven from headless Debian Chromium. See /work/shared/recipes/vscode-web-e2e.md; install
 * first with scripts/e2e/install-code-server.sh.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { chromium } from 'playwright-core';
import { prepareDirs, ROOT, startCodeServer, TIMEOUT } from './codeServer';
import { workbench, type Workbench } from './workbench';

export { ROOT, TIMEOUT };
export const ARTIFACTS = path.join(ROOT, '.test-artifacts', 'e2e');
const CHROMIUM = process.env.EQUILENS_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** The recipe's flags, plus software WebGL2 for the webviews. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export interface Session extends Workbench {
  /** The workspace folder: a temp copy of examples/. */
  workspace: string;
  /** Writes the workspace's .vscode/settings.json and gives the file watcher time to report it. */
  setWorkspaceSettings(settings: Record<string, unknown>): Promise<void>;
  /**
   * Merges `settings` into the user settings and the remote machine's (code-server's window is a
   * remote one: machine-scoped settings such as equilens.onnxRuntimePath count only from
   * Machine/settings.json), and gives VS Code time to read them.
   */
  setUserSettings(settings: Record<string, unknown>): Promise<void>;
  /** Writes (or with null, deletes) a file of the workspace and gives the file watcher time to report it. */
  writeWorkspaceFile(relativePath: string, text: string | null): Promise<void>;
  /** The extension host's log (activations, errors). */
  extensionHostLog(): string;
  /** Saves a screenshot into .test-artifacts/e2e/. */
  screenshot(name: string): Promise<void>;
  /** Ends the browser and code-server, keeping their logs in .test-artifacts/e2e/. */
  close(): Promise<void>;
}

/** Starts code-server and Chromium and trusts the workspace; a failure tears down what started. */
export async function startSession(): Promise<Session> {
  rmSync(ARTIFACTS, { recursive: true, force: true }); // This run's screenshots and logs only.
  mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = mkdtempSync(path.join(tmpdir(), 'equilens-e2e-'));
  const teardown: (() => unknown)[] = [() => rmSync(tmp, { recursive: true, force: true })];
  const close = async () => {
    for (const step of teardown.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // Tear down the rest regardless.
      }
    }
  };
  try {
    const dirs = prepareDirs(tmp);
    const server = await startCodeServer(dirs);
    teardown.push(
      () => server.stop(),
      () => writeFileSync(path.join(ARTIFACTS, 'code-server.log'), server.log()),
    );
    teardown.push(() => existsSync(logsOf(dirs.userDataDir)) && cpSync(logsOf(dirs.userDataDir), path.join(ARTIFACTS, 'logs'), { recursive: true }));

    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    teardown.push(() => Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]));
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Yes, I trust the authors' }).click();
    await page.locator('.part.sidebar .explorer-folders-view').waitFor();

    return {
      ...workbench(page),
      workspace: dirs.workspace,
      async setWorkspaceSettings(settings) {
        writeFileSync(path.join(dirs.workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
        await page.waitForTimeout(3_000);
      },
      async setUserSettings(settings) {
        for (const scope of ['User', 'Machine']) {
          const file = path.join(dirs.userDataDir, scope, 'settings.json');
          mkdirSync(path.dirname(file), { recursive: true });
          const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
          writeFileSync(file, JSON.stringify({ ...before, ...settings }, null, 2));
        }
        await page.waitForTimeout(3_000);
      },
      async writeWorkspaceFile(relativePath, text) {
        const file = path.join(dirs.workspace, relativePath);
        if (text === null) rmSync(file, { force: true });
        else writeFileSync(file, text);
        await page.waitForTimeout(3_000);
      },
      extensionHostLog: () =>
        findFiles(logsOf(dirs.userDataDir), /^(remote)?exthost\.log$/)
          .map((f) => readFileSync(f, 'utf8'))
          .join('\n'),
      async screenshot(name) {
        await page.screenshot({ path: path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`) }).catch(() => {});
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Runs `fn`, saving a screenshot named after the test when it throws. */
export async function withScreenshot(s: Session | undefined, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await s?.screenshot(name);
    throw e;
  }
}

/** Declares a test that gets the file's session and screenshots the workbench when it fails. */
export type E2eTest = (name: string, fn: (s: Session, t: TestContext) => Promise<void>, timeout?: number) => void;

/**
 * One session for a test file's tests (the workbench is slow to start): started before them,
 * closed after them, then `cleanup`. Returns the function that declares each test.
 */
export function e2eSuite(defaultTimeout = 4 * TIMEOUT, cleanup?: () => void): E2eTest {
  let s: Session | undefined;
  before(
    async () => {
      s = await startSession();
    },
    { timeout: 4 * TIMEOUT },
  );
  after(async () => {
    await s?.close();
    cleanup?.();
  });
  return (name, fn, timeout = defaultTimeout) => {
    void test(name, { timeout }, (t) =>
      withScreenshot(s, name, async () => {
        assert.ok(s, 'the VS Code session did not start');
        await fn(s, t);
      }),
    );
  };
}

const logsOf = (userDataDir: string) => path.join(userDataDir, 'logs');

function findFiles(dir: string, name: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? findFiles(p, name) : name.test(f) ? [p] : [];
  });
}
