import * as vscode from 'vscode';

/** One running audit's line in the status bar. */
export interface StatusHandle {
  update(done: number, total: number): void;
  end(): void;
}

/** '$(sync~spin) EquiLens: auditing 12/32' while audits run; hidden otherwise. */
export class AuditStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('equilens.audit', vscode.StatusBarAlignment.Left, 10);
  /** Running audits in start order; the newest is shown. */
  private readonly runs: { label: string; text: string }[] = [];

  constructor() {
    this.item.name = 'EquiLens audit';
  }

  begin(label: string): StatusHandle {
    const run = { label, text: '' };
    this.runs.push(run);
    this.render();
    return {
      update: (done, total) => {
        run.text = `${done}/${total}`;
        this.render();
      },
      end: () => {
        this.runs.splice(this.runs.indexOf(run), 1);
        this.render();
      },
    };
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const run = this.runs[this.runs.length - 1];
    if (!run) return this.item.hide();
    const more = this.runs.length > 1 ? ` (+${this.runs.length - 1})` : '';
    this.item.text = `$(sync~spin) EquiLens: auditing${run.text ? ` ${run.text}` : '…'}${more}`;
    this.item.tooltip = `EquiLens is auditing ${this.runs.map((r) => r.label).join(', ')}`;
    this.item.show();
  }
}
