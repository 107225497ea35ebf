// code-server (VS Code's workbench and Node extension host) in a throwaway folder: the extension
// installed unpacked, a temp copy of examples/ as the workspace, a quiet user profile.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { copyExtension } from '../vsixFiles.mjs';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Two shared cores: the workbench alone can take half a minute to come up. */
export const TIMEOUT = 90_000;

const CACHE = process.env.EQUILENS_E2E_CACHE ?? path.join(homedir(), '.cache', 'equilens-e2e');
const CODE_SERVER = path.join(CACHE, 'node_modules', '.bin', 'code-server');

export interface Dirs {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
}

export interface CodeServer {
  url: string;
  /** Everything code-server printed so far. */
  log(): string;
  /** Ends code-server and every process it started (extension host, watchers). */
  stop(): Promise<void>;
}

/** Fills `tmp` with the workspace, the user profile and the extension; needs a build. */
export function prepareDirs(tmp: string): Dirs {
  for (const needed of ['dist/extension.js', 'examples']) {
    if (!existsSync(path.join(ROOT, needed))) throw new Error(`${needed} missing: run npm run build (and npm run examples)`);
  }
  const dirs = { workspace: path.join(tmp, 'workspace'), userDataDir: path.join(tmp, 'user-data'), extensionsDir: path.join(tmp, 'extensions') };
  // A copy, so nothing a test does writes into the repo.
  cpSync(path.join(ROOT, 'examples'), dirs.workspace, { recursive: true });
  // Present from the start, so later writes are changes the watcher reports.
  mkdirSync(path.join(dirs.workspace, '.vscode'));
  writeFileSync(path.join(dirs.workspace, '.vscode', 'settings.json'), '{}\n');

  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const extDir = path.join(dirs.extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  // Exactly what the VSIX holds (no CLI bundle, no source maps).
  copyExtension(ROOT, extDir);

  // A quiet workbench: nothing opens or pops up that a test did not ask for.
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'window.commandCenter': false,
  };
  mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return dirs;
}

/** Starts code-server on a free 127.0.0.1 port and resolves once it listens. */
export async function startCodeServer(dirs: Dirs): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server not found at ${CODE_SERVER}: run bash scripts/e2e/install-code-server.sh`);
  const port = await freePort();
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check'];
  args.push('--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, dirs.workspace);
  // Its own process group, so teardown reaches the extension host and file watchers too.
  const child = spawn(CODE_SERVER, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PASSWORD: undefined, HASHED_PASSWORD: undefined } });
  let log = '';
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  // A crashed or interrupted test runner must not leave code-server behind.
  const onExit = () => killGroup('SIGKILL');
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup('SIGKILL');
    unhook();
    process.kill(process.pid, signal);
  };
  const unhook = () => process.removeListener('exit', onExit).removeListener('SIGINT', onSignal).removeListener('SIGTERM', onSignal);
  process.once('exit', onExit).once('SIGINT', onSignal).once('SIGTERM', onSignal);

  const stop = async () => {
    unhook();
    if (child.exitCode !== null || child.signalCode !== null) return killGroup('SIGKILL');
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    killGroup('SIGKILL'); // Stragglers in the group that ignored SIGTERM.
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(() => done(new Error(`code-server did not listen within ${TIMEOUT / 1000} s:\n${log}`)), TIMEOUT);
      const onData = (d: Buffer) => {
        log += d.toString();
        if (log.includes('HTTP server listening on')) done();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', done);
      child.once('exit', (code) => done(new Error(`code-server exited with ${code}:\n${log}`)));
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`, log: () => log, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
