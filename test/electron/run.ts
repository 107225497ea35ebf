// @vscode/test-electron: the extension in a desktop VS Code, on a workspace holding one small model.
// `npm test` runs it through electron.test.ts only when a VS Code is at hand (see findVSCode.ts);
// on a machine that can download, `npx tsx test/electron/run.ts` fetches one first.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cnnArtifacts, writeModel } from '../helpers/modelFixtures';

const ROOT = join(__dirname, '..', '..');

/** Runs test/electron/suite in VS Code; rejects when the suite fails. Needs `npm run build` first. */
export async function runElectronSuite(vscodeExecutablePath?: string): Promise<void> {
  const out = join(ROOT, '.test-artifacts', 'electron');
  mkdirSync(out, { recursive: true });
  // VS Code require()s the suite: bundle it to CommonJS, with vscode left to the host.
  await esbuild.build({
    entryPoints: [join(__dirname, 'suite', 'index.ts')],
    outfile: join(out, 'suite.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const workspace = mkdtempSync(join(tmpdir(), 'equilens-electron-'));
  try {
    await tf.setBackend('cpu');
    writeModel(join(workspace, 'models', 'tiny'), await cnnArtifacts({ seed: 1, size: 8, channels: 1 }), { jsonName: 'tiny-export.json' });
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(out, 'suite.js'),
      extensionTestsEnv: { EQUILENS_TEST_MODEL: join(workspace, 'models', 'tiny', 'tiny-export.json') },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runElectronSuite(process.env.VSCODE_EXECUTABLE_PATH).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
