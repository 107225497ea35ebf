// Where a VS Code for @vscode/test-electron is, without ever downloading one: VSCODE_EXECUTABLE_PATH,
// or a copy test-electron already downloaded into .vscode-test/. Otherwise, why the suite is skipped.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type VSCodeLookup = { path: string } | { skip: string };

export function findVSCode(root: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): VSCodeLookup {
  const given = env.VSCODE_EXECUTABLE_PATH;
  let path: string | undefined;
  if (given) {
    if (!existsSync(given)) return { skip: `VSCODE_EXECUTABLE_PATH=${given} does not exist` };
    path = given;
  } else {
    const cache = join(root, '.vscode-test');
    // test-electron's folders: vscode-<platform>-<version>, with an 'is-complete' marker once unpacked.
    const dirs = existsSync(cache) ? readdirSync(cache).filter((d) => d.startsWith('vscode-') && existsSync(join(cache, d, 'is-complete'))) : [];
    const dir = dirs.sort().pop();
    if (!dir) {
      return { skip: 'no VS Code to run: VSCODE_EXECUTABLE_PATH is unset and .vscode-test/ holds no download (this machine cannot download one; the code-server e2e suite covers the extension here)' };
    }
    path = executableIn(join(cache, dir), platform);
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { skip: 'VS Code needs a display: run under xvfb-run' };
  return { path };
}

/** The executable inside an unpacked desktop download (test-electron's own layout). */
function executableIn(dir: string, platform: string): string {
  if (platform === 'win32') return join(dir, 'Code.exe');
  if (platform === 'darwin') return join(dir, 'Visual Studio Code.app', 'Contents', 'MacOS', 'Electron');
  return join(dir, 'code');
}
