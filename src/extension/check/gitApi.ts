import * as vscode from 'vscode';
import type { GitStateLike } from './changedFiles';

/** The parts of the git extension's API (v1) Check Changed Models uses. */
export interface GitRepositoryLike {
  readonly rootUri: vscode.Uri;
  readonly state: GitStateLike;
  /** Refreshes `state` (it may lag behind edits made a moment ago). */
  status(): Promise<void>;
}

interface GitApiLike {
  readonly state?: 'uninitialized' | 'initialized';
  readonly onDidChangeState?: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepositoryLike | null;
}

interface GitExtensionLike {
  readonly enabled?: boolean;
  getAPI(version: 1): GitApiLike;
}

/** How long to wait for the git extension to find the workspace's repositories. */
const INIT_WAIT_MS = 10_000;

/** VS Code's git API, or undefined when the extension is missing or disabled (git.enabled: false, no git installed). */
export async function gitApi(): Promise<GitApiLike | undefined> {
  const ext = vscode.extensions.getExtension<GitExtensionLike>('vscode.git');
  if (!ext) return undefined;
  try {
    const exports = ext.isActive ? ext.exports : await ext.activate();
    if (!exports || exports.enabled === false) return undefined;
    const api = exports.getAPI(1);
    if (api.state === 'uninitialized' && api.onDidChangeState) await initialized(api.onDidChangeState);
    return api;
  } catch {
    return undefined;
  }
}

/** The repository holding `uri`, with its state refreshed; null when none does. */
export async function repositoryOf(api: GitApiLike, uri: vscode.Uri): Promise<GitRepositoryLike | null> {
  const repo = api.getRepository(uri);
  // A failed refresh leaves the last known state, which is still worth reading.
  await repo?.status().catch(() => undefined);
  return repo;
}

// Resolves on 'initialized', or after INIT_WAIT_MS (then the repositories found so far count).
function initialized(onChange: vscode.Event<'uninitialized' | 'initialized'>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, INIT_WAIT_MS);
    const sub = onChange((s) => s === 'initialized' && done());
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}
