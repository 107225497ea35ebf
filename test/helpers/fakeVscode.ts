// A stand-in for the `vscode` module, enough for the extension modules that read settings:
// importing this file first makes `import * as vscode from 'vscode'` resolve to `fake` below.
// Tests set `fake.folders`, `fake.settings` (per folder fsPath, '' = the workspace's) and `fake.state`.
import Module from 'node:module';

type Settings = Record<string, unknown>;

/** What a test controls. */
export const fake = {
  /** Workspace folders' fsPaths, in order. */
  folders: [] as string[],
  /** Settings by scope: '' for user + workspace, a folder's fsPath for that folder's .vscode/settings.json. */
  settings: { '': {} } as Record<string, Settings>,
  trusted: true,
  /** The scopes getConfiguration was asked for, in order ('' for none). */
  asked: [] as string[],
};

class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  toString(): string {
    return `file://${this.fsPath}`;
  }
}

/** getConfiguration(section, scope): the folder's values over the workspace's, as VS Code merges resource settings. */
function getConfiguration(section: string, scope?: Uri) {
  const folder = scope ? [...fake.folders].sort((a, b) => b.length - a.length).find((f) => scope.fsPath === f || scope.fsPath.startsWith(`${f}/`)) : undefined;
  fake.asked.push(scope ? scope.fsPath : '');
  const workspace = fake.settings[''] ?? {};
  const own = (folder !== undefined && fake.settings[folder]) || {};
  const value = (name: string) => own[`${section}.${name}`] ?? workspace[`${section}.${name}`];
  return {
    get: <T>(name: string, fallback?: T): T | undefined => (value(name) as T | undefined) ?? fallback,
    inspect: (name: string) => ({ key: `${section}.${name}`, workspaceValue: workspace[`${section}.${name}`], workspaceFolderValue: own[`${section}.${name}`] }),
    has: (name: string) => value(name) !== undefined,
  };
}

export const vscodeFake = {
  Uri,
  workspace: {
    get workspaceFolders() {
      return fake.folders.map((f, index) => ({ uri: Uri.file(f), name: f.split('/').pop(), index }));
    },
    get isTrusted() {
      return fake.trusted;
    },
    getConfiguration,
  },
};

/** A Memento over a plain object. */
export function memento(values: Record<string, unknown> = {}) {
  return {
    get: <T>(key: string, fallback?: T): T | undefined => (key in values ? (values[key] as T) : fallback),
    update: async (key: string, value: unknown) => {
      values[key] = value;
    },
    keys: () => Object.keys(values),
  };
}

// Node resolves 'vscode' to nothing outside the editor: answer with the fake instead.
const M = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = M._load;
M._load = function (request: string, parent: unknown, isMain: boolean) {
  return request === 'vscode' ? vscodeFake : load.call(this, request, parent, isMain);
};
