import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { fingerprint } from '../core/load/fingerprint';
import { DEFAULT_LIMITS } from '../core/load/limits';
import { isOnnxPath, readOnnxJson } from '../core/load/onnx/onnxFile';
import { nodeFiles, toPosix } from '../node/nodeFiles';
import { modelFingerprint } from './modelDetect';
import { groupModels, type FoundModel, type ModelGroups } from './modelGroups';

/** Larger JSON is not read: even graph models with thousands of nodes stay far below this. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const READ_AT_ONCE = 16;

export interface ModelIndexSnapshot extends ModelGroups {
  models: FoundModel[];
}

/**
 * The workspace's TF.js model JSONs (found by content) and .onnx models (by extension, when they
 * parse as ONNX) grouped into ensembles, as `equilens audit <folder>` groups them. Scans lazily,
 * re-reads only files whose size or mtime changed, and rescans when .json, .bin or .onnx files change.
 */
export class ModelIndex implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, { stamp: string; fingerprint: string | null }>();
  private snapshot: Promise<ModelIndexSnapshot> | null = null;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    for (const glob of ['**/*.json', '**/*.bin', '**/*.onnx']) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      this.disposables.push(w, w.onDidCreate(this.soon, this), w.onDidChange(this.soon, this), w.onDidDelete(this.soon, this));
    }
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()));
  }

  get(): Promise<ModelIndexSnapshot> {
    return (this.snapshot ??= this.scan());
  }

  /** Forgets the last scan; listeners (the tree) ask again. */
  refresh(): void {
    this.snapshot = null;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** A checkout or a training run touches many files at once: rescan once they settle. */
  private soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 500);
  }

  private async scan(): Promise<ModelIndexSnapshot> {
    const found = await Promise.all(['**/*.json', '**/*.onnx'].map((glob) => vscode.workspace.findFiles(glob, '**/node_modules/**')));
    const uris = found.flat().filter((u) => u.scheme === 'file');
    const models: FoundModel[] = [];
    for (let i = 0; i < uris.length; i += READ_AT_ONCE) {
      const batch = await Promise.all(uris.slice(i, i + READ_AT_ONCE).map((u) => this.fingerprintOf(u.fsPath)));
      batch.forEach((fingerprint, j) => {
        if (fingerprint) models.push({ path: toPosix(uris[i + j]!.fsPath), fingerprint });
      });
    }
    return { models, ...groupModels(models) };
  }

  private async fingerprintOf(file: string): Promise<string | null> {
    try {
      const st = await fsp.stat(file);
      const onnx = isOnnxPath(file);
      if (!onnx && st.size > MAX_JSON_BYTES) return null;
      const stamp = `${st.size}:${st.mtimeMs}`;
      const hit = this.cache.get(file);
      if (hit?.stamp === stamp) return hit.fingerprint;
      const found = onnx ? await onnxFingerprint(file) : modelFingerprint(await fsp.readFile(file, 'utf8'));
      this.cache.set(file, { stamp, fingerprint: found });
      return found;
    } catch {
      return null; // deleted or unreadable since the search: not a model now
    }
  }
}

/**
 * An .onnx file's architecture fingerprint (the graph without its weights, as the audit checks
 * members), or null when it is not a self-contained ONNX model the audit could read: the
 * Explorer's menu still offers it, and auditing it says what is wrong in one line.
 */
export async function onnxFingerprint(file: string): Promise<string | null> {
  try {
    return fingerprint(await readOnnxJson(nodeFiles, toPosix(file), DEFAULT_LIMITS));
  } catch {
    return null;
  }
}
