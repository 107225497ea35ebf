import * as vscode from 'vscode';

/** A value per model JSON path ('/'-form), kept in workspaceState under `key`, with a change event. */
export class PathStore<T> implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly key: string,
  ) {}

  get(modelPath: string): T | undefined {
    return this.all()[modelPath];
  }

  /** Records one value for every model it covers (each member of an audited ensemble). */
  async record(modelPaths: readonly string[], value: T): Promise<void> {
    const all = { ...this.all() };
    for (const p of modelPaths) all[p] = value;
    await this.state.update(this.key, all);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private all(): Record<string, T> {
    return this.state.get<Record<string, T>>(this.key) ?? {};
  }
}
