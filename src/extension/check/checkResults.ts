import * as vscode from 'vscode';
import type { StoredCheck } from './badge';

const KEY = 'equilens.checks';

/** Last check verdict per model JSON path ('/'-form), kept in workspaceState beside the results store. */
export class CheckResults implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(modelPath: string): StoredCheck | undefined {
    return this.all()[modelPath];
  }

  /** Records one verdict for every member of the checked ensemble. */
  async record(modelPaths: readonly string[], check: StoredCheck): Promise<void> {
    const all = { ...this.all() };
    for (const p of modelPaths) all[p] = check;
    await this.state.update(KEY, all);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private all(): Record<string, StoredCheck> {
    return this.state.get<Record<string, StoredCheck>>(KEY) ?? {};
  }
}
