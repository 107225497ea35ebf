// Where the report webview gets onnxruntime-web for ONNX members: never from the VSIX (it is not
// bundled), but from an install the user made: EquiLens's own folder (a development checkout) or
// next to onnxruntime-node in the machine-scoped equilens.onnxRuntimePath. No vscode import: the
// lookup is plain file checks, tested without an editor.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isInside } from '../core/io/paths';
import { isOnnxPath } from '../core/load/onnx/onnxFile';
import { toPosix } from '../node/nodeFiles';
import { ONNX_WEB_VERSION, ORT_FILES } from '../webview/compute/ortFiles';

/**
 * onnxruntime-web's dist/ folder (absolute, POSIX separators): `own`'s node_modules first, then
 * each of `paths` (the user's equilens.onnxRuntimePath; empty in untrusted workspaces). Only a
 * folder that really lies inside the one searched counts (no symlink out of it), holds the files
 * the webview loads and is version ONNX_WEB_VERSION; null when none does.
 */
export function findOnnxWeb(own: string, paths: readonly string[] = []): string | null {
  for (const base of [own, ...paths]) {
    const dist = onnxWebDist(base);
    if (dist) return dist;
  }
  return null;
}

function onnxWebDist(base: string): string | null {
  const pkg = join(base, 'node_modules', 'onnxruntime-web');
  try {
    if (!existsSync(join(pkg, 'package.json'))) return null;
    // The webview may read this folder: it must be the install named, not a link to elsewhere.
    const real = toPosix(realpathSync(pkg));
    if (!isInside(toPosix(realpathSync(base)), real)) return null;
    const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version?: unknown }).version;
    if (version !== ONNX_WEB_VERSION) return null;
    const dist = `${real}/dist`;
    return ORT_FILES.every((f) => existsSync(`${dist}/${f}`)) ? dist : null;
  } catch {
    return null; // unreadable or malformed: as if absent
  }
}

/**
 * True when the targets hold an ONNX member as discoverMembers finds them: an .onnx file, or one
 * in a target folder or its direct subfolders (hidden ones and node_modules skipped).
 */
export function hasOnnxMember(targets: readonly string[]): boolean {
  const onnxIn = (dir: string, depth: number): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((e) => (e.isDirectory() ? depth > 0 && !e.name.startsWith('.') && e.name !== 'node_modules' && onnxIn(join(dir, e.name), depth - 1) : isOnnxPath(e.name)));
  };
  return targets.some((t) => {
    try {
      return statSync(t).isDirectory() ? onnxIn(t, 1) : isOnnxPath(t);
    } catch {
      return isOnnxPath(t); // missing: the audit will say so, wherever it runs
    }
  });
}
