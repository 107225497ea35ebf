// A stand-in for the `vscode` module, enough for the extension modules that read settings:
// importing this file first makes `import * as vscode from 'vscode'` resolve to `fake` below.
// Tests set `fake.folders`, `fake.settings` (per folder fsPath, '' = the workspace's) and `fake.state`.
// Diagnostics tests: `fake.diagnostics` holds what collections set, `fake.documents` the open
// documents' fsPaths, `fake.reads` the files read through workspace.fs (real disk).
import { promises as fsp } from 'node:fs';
import Module from 'node:module';

type Settings = Record<string, unknown>;

/** What a test controls. */
export const fake = {
  /** Workspace folders' fsPaths, in order. */
  folders: [] as string[],
  /** Settings by scope: '' for user + workspace, a folder's fsPath for that folder's .vscode/settings.json. */
  settings: { '': {} } as Record<string, Settings>,
  /** User settings alone (inspect's globalValue, what machine-scoped settings read); get() sees them under the workspace's. */
  user: {} as Settings,
  trusted: true,
  /** The scopes getConfiguration was asked for, in order ('' for none). */
  asked: [] as string[],
  /** Diagnostics set by every collection, by collection name, then by file fsPath. */
  diagnostics: new Map<string, Map<string, Diagnostic[]>>(),
  /** fsPaths of the documents open in editors (workspace.textDocuments). */
  documents: [] as string[],
  /** fsPaths read with workspace.fs.readFile, in order. */
  reads: [] as string[],
};

type Listener<T> = (e: T) => unknown;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** Fire these to play a document opening or closing ({ uri, isClosed }). */
export const documentEvents = { open: new EventEmitter<unknown>(), close: new EventEmitter<unknown>() };

/** Fire these to play trust being granted, or a setting changing ({ affectsConfiguration(section) }). */
export const workspaceEvents = { trust: new EventEmitter<void>(), configuration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>() };

class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
  get start() {
    return { line: this.startLine, character: this.startCharacter };
  }
  get end() {
    return { line: this.endLine, character: this.endCharacter };
  }
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

class Diagnostic {
  source?: string;
  code?: unknown;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}

function createDiagnosticCollection(name: string) {
  const files = new Map<string, Diagnostic[]>();
  fake.diagnostics.set(name, files);
  return {
    set: (uri: Uri, list: Diagnostic[]) => void files.set(uri.fsPath, list),
    delete: (uri: Uri) => void files.delete(uri.fsPath),
    clear: () => files.clear(),
    dispose: () => void fake.diagnostics.delete(name),
  };
}

class MarkdownString {
  constructor(readonly value = '') {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class TreeItem {
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: unknown;
  contextValue?: string;
  resourceUri?: Uri;
  id?: string;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState = 0,
  ) {}
}

class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; arguments?: unknown[]; tooltip?: string },
  ) {}
}

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
  get path(): string {
    return this.fsPath;
  }
  /** Only what links need: the same file (a fragment is dropped). */
  with(): this {
    return this;
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, [base.fsPath, ...parts].join('/'));
  }
}

/** getConfiguration(section, scope): the folder's values over the workspace's, as VS Code merges resource settings. */
function getConfiguration(section: string, scope?: Uri) {
  const folder = scope ? [...fake.folders].sort((a, b) => b.length - a.length).find((f) => scope.fsPath === f || scope.fsPath.startsWith(`${f}/`)) : undefined;
  fake.asked.push(scope ? scope.fsPath : '');
  const workspace = fake.settings[''] ?? {};
  const own = (folder !== undefined && fake.settings[folder]) || {};
  const value = (name: string) => own[`${section}.${name}`] ?? workspace[`${section}.${name}`] ?? fake.user[`${section}.${name}`];
  return {
    get: <T>(name: string, fallback?: T): T | undefined => (value(name) as T | undefined) ?? fallback,
    inspect: (name: string) => ({
      key: `${section}.${name}`,
      globalValue: fake.user[`${section}.${name}`],
      workspaceValue: workspace[`${section}.${name}`],
      workspaceFolderValue: own[`${section}.${name}`],
    }),
    has: (name: string) => value(name) !== undefined,
  };
}

export const vscodeFake = {
  Uri,
  EventEmitter,
  Range,
  Diagnostic,
  DiagnosticSeverity,
  MarkdownString,
  ThemeIcon,
  ThemeColor,
  TreeItem,
  CodeLens,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  languages: { createDiagnosticCollection },
  workspace: {
    get textDocuments() {
      return fake.documents.map((f) => ({ uri: Uri.file(f), isClosed: false }));
    },
    onDidOpenTextDocument: documentEvents.open.event,
    onDidCloseTextDocument: documentEvents.close.event,
    onDidGrantWorkspaceTrust: workspaceEvents.trust.event,
    onDidChangeWorkspaceFolders: new EventEmitter<unknown>().event,
    // Files under the workspace folders whose names end as the glob (**/*.ext) says; node_modules and hidden folders skipped.
    findFiles: async (glob: string) => {
      const ext = glob.replace(/^\*\*\/\*/, '');
      const out: Uri[] = [];
      const walk = async (dir: string): Promise<void> => {
        for (const e of await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])) {
          if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(`${dir}/${e.name}`);
          else if (e.isFile() && e.name.endsWith(ext)) out.push(Uri.file(`${dir}/${e.name}`));
        }
      };
      for (const f of fake.folders) await walk(f);
      return out;
    },
    createFileSystemWatcher: () => {
      const none = () => ({ dispose() {} });
      return { onDidCreate: none, onDidChange: none, onDidDelete: none, dispose() {} };
    },
    onDidChangeConfiguration: workspaceEvents.configuration.event,
    fs: {
      stat: async (uri: Uri) => ({ size: (await fsp.stat(uri.fsPath)).size }),
      readFile: async (uri: Uri) => {
        fake.reads.push(uri.fsPath);
        return new Uint8Array(await fsp.readFile(uri.fsPath));
      },
    },
    getWorkspaceFolder(uri: Uri) {
      const folder = [...fake.folders].sort((a, b) => b.length - a.length).find((f) => uri.fsPath === f || uri.fsPath.startsWith(`${f}/`));
      return folder === undefined ? undefined : { uri: Uri.file(folder), name: folder.split('/').pop(), index: fake.folders.indexOf(folder) };
    },
    asRelativePath(uri: Uri) {
      const folder = vscodeFake.workspace.getWorkspaceFolder(uri);
      return folder ? uri.fsPath.slice(folder.uri.fsPath.length + 1) : uri.fsPath;
    },
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
