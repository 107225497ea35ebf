import * as vscode from 'vscode';
import { relativeTo } from '../core/io/paths';
import { isOnnxPath } from '../core/load/onnx/onnxFile';
import { checkBadge, ensembleCheck, type CheckBadge } from './check/badge';
import type { CheckResults } from './check/checkResults';
import { labelOf } from './labels';
import type { ModelIndex } from './modelIndex';
import { currentOnnxStatus } from './onnxHere';
import type { OnnxStatus } from './onnxStatus';
import type { Ensemble } from './modelGroups';
import { ensembleResult, resultStatus, type ResultStatus, type StoredResult } from './results';
import type { ResultsStore } from './resultsStore';
import { rowDescription, rowTooltip, type RowSubject } from './treeText';

/** A row of the "Models & Ensembles" view; also the argument of its inline audit action. */
export type ModelNode =
  | { kind: 'ensemble'; ensemble: Ensemble }
  /** `ensemble`: the folder of the ensemble the model is shown in, if any. */
  | { kind: 'model'; path: string; ensemble?: string };

const ICONS: Record<ResultStatus, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('check', new vscode.ThemeColor('testing.iconPassed')),
  warn: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  neutral: new vscode.ThemeIcon('circle-filled'),
  none: new vscode.ThemeIcon('circle-outline'),
};
/** A check whose thresholds failed: the ✗ wins over the floor's icon. */
const CHECK_FAILED = new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));

/** The workspace's ensembles (expandable to their members), then the models in no ensemble. */
export class ModelsTree implements vscode.TreeDataProvider<ModelNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  /** What runs ONNX rows, read once per rebuild of the tree (it looks up a module on disk). */
  private onnx: OnnxStatus | undefined;

  constructor(
    private readonly index: ModelIndex,
    private readonly results: ResultsStore,
    private readonly checks?: CheckResults,
    private readonly onnxNow: () => OnnxStatus = currentOnnxStatus,
  ) {
    // The sources only say "something changed": the whole (small) tree is rebuilt.
    const rebuild = () => this.changed.fire();
    this.disposables = [this.changed, index.onDidChange(rebuild), results.onDidChange(rebuild)];
    if (checks) this.disposables.push(checks.onDidChange(rebuild));
    // Trust granted, or onnxRuntimePath set: the ONNX rows' engine changes.
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(rebuild),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('equilens.onnxRuntimePath') && rebuild()),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  async getChildren(node?: ModelNode): Promise<ModelNode[]> {
    if (node?.kind === 'ensemble') return node.ensemble.members.map((path) => ({ kind: 'model', path, ensemble: node.ensemble.folder }));
    if (node) return [];
    this.onnx = undefined;
    const { ensembles, singles } = await this.index.get();
    return [...ensembles.map((ensemble): ModelNode => ({ kind: 'ensemble', ensemble })), ...singles.map((m): ModelNode => ({ kind: 'model', path: m.path }))];
  }

  getTreeItem(node: ModelNode): vscode.TreeItem {
    if (node.kind === 'ensemble') {
      const { folder, members } = node.ensemble;
      const last = ensembleResult(
        members.length,
        members.map((m) => this.results.get(m)),
      );
      const item = new vscode.TreeItem(labelOf(folder), vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = ICONS[resultStatus(last)];
      item.contextValue = 'equilens.ensemble';
      item.resourceUri = vscode.Uri.file(folder);
      item.id = `ensemble:${folder}`;
      const badge = checkBadge(
        ensembleCheck(
          members.length,
          members.map((m) => this.checks?.get(m)),
        ),
        last,
      );
      return describe(item, { label: labelOf(folder), members: members.length, ...this.engine(members[0]!) }, last, badge);
    }
    const uri = vscode.Uri.file(node.path);
    const last = this.results.get(node.path);
    // Inside an ensemble, relative to its folder ('member-01/model.json'); alone, to the workspace.
    const label = node.ensemble ? relativeTo(node.ensemble, node.path) : labelOf(node.path);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = ICONS[resultStatus(last)];
    item.contextValue = 'equilens.model';
    item.resourceUri = uri;
    item.id = `${node.ensemble ? 'member' : 'model'}:${node.path}`;
    item.command = { title: 'Open', command: 'vscode.open', arguments: [uri] };
    // A member's check is its ensemble's, shown on the ensemble's row.
    return describe(item, { label: labelOf(node.path), ...this.engine(node.path) }, last, node.ensemble ? undefined : checkBadge(this.checks?.get(node.path), last));
  }

  // Ensembles share one format (discovery refuses a mix), so the first member's file says it.
  private engine(file: string): { onnx?: OnnxStatus } {
    if (!isOnnxPath(file)) return {};
    return { onnx: (this.onnx ??= this.onnxNow()) };
  }
}

// A short description (one number, the check's mark), the detail in a Markdown tooltip; a check's
// verdict sets the icon: ✗ when a threshold failed, ✓ otherwise.
function describe(item: vscode.TreeItem, row: RowSubject, last: StoredResult | undefined, badge: CheckBadge | undefined): vscode.TreeItem {
  item.description = rowDescription(row, last, badge);
  item.tooltip = new vscode.MarkdownString(rowTooltip(row, last, badge));
  if (badge) item.iconPath = badge.failed ? CHECK_FAILED : ICONS.pass;
  return item;
}
