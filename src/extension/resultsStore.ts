import * as vscode from 'vscode';
import type { StoredResult } from './results';

const KEY = 'equilens.results';

/** Last audit result per model JSON path ('/'-form), kept in workspaceState. */
export class ResultsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(modelPath: string): StoredResult | undefined {
    return this.all()[modelPath];
  }

  /** Records one result for every model it covers (each member of an audited ensemble). */
  async record(modelPaths: readonly string[], result: StoredResult): Promise<void> {
    const all = { ...this.all() };
    for (const p of modelPaths) all[p] = result;
    await this.state.update(KEY, all);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private all(): Record<string, StoredResult> {
    return this.state.get<Record<string, StoredResult>>(KEY) ?? {};
  }
}
