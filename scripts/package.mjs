// `npm run package`: builds the VSIX from a staged copy holding only what the extension runs.
// package.json's "files" is also the npm package's list, which needs the CLI (dist/cli.js; the
// member-parallel dist/poolWorker.js serves both); vsce cannot combine "files" with a .vscodeignore, so the
// extension's subset (scripts/vsixFiles.mjs) is copied to a temporary folder and packaged from there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { copyExtension } from './vsixFiles.mjs';

const root = resolve('.');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const stage = mkdtempSync(join(tmpdir(), 'equilens-vsix-'));
try {
  copyExtension(root, stage);
  const out = join(root, `${manifest.name}-${manifest.version}.vsix`);
  execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
  console.log(`${relative(root, out)}: ${(statSync(out).size / 1048576).toFixed(2)} MiB`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
