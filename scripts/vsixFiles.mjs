// What the VSIX holds: package.json's "files" (the npm package's list) without what only the CLI
// runs. Used by `npm run package` (scripts/package.mjs) and the E2E harness, which installs
// exactly this set unpacked.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// In the npm package, not in the VSIX: the CLI bundle and source maps. dist/poolWorker.js stays: the
// extension's audit worker starts member-parallel threads too (equilens.workers).
const CLI_ONLY = new Set(['dist/cli.js']);

/** Copies the extension's files from the repository at `root` into `dest`, laid out as in the VSIX. */
export function copyExtension(root, dest) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const keep = (src) => {
    const file = relative(root, src).split('\\').join('/');
    return !CLI_ONLY.has(file) && !file.endsWith('.map');
  };
  for (const entry of ['package.json', ...manifest.files]) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(dest, entry), { recursive: true, filter: keep });
  }
}
