import * as vscode from 'vscode';
import { CONFIG_FILE } from '../core/config/loadConfig';
import { cleanPattern, isGlob } from '../core/config/glob';
import { dirname, joinPath } from '../core/io/paths';
import { toPosix } from '../node/nodeFiles';
import type { CheckOnly } from './commands/checkWorkspace';
import { CommandId } from './commands/ids';
import { configEntries, namesOnnxFiles, type ConfigEntry } from './configLenses';
import { modelFingerprint } from './modelDetect';
import { currentOnnxStatus } from './onnxHere';
import type { OnnxStatus } from './onnxStatus';
import { hasOnnxMember } from './onnxWeb';
import { resultTitle } from './results';
import type { ResultsStore } from './resultsStore';

/** JSON documents on disk; which of them are models is decided by content. */
export const MODEL_DOCUMENTS: vscode.DocumentSelector = [
  { language: 'json', scheme: 'file' },
  { language: 'jsonc', scheme: 'file' },
];

/**
 * "Audit symmetry" and the last result on the first line of every TF.js model JSON; on each audit
 * of a workspace folder's equilens.config.json, "Check" (that audit alone, as Check Workspace runs
 * it) and, when it names ONNX models, what runs them. (An .onnx file is binary: VS Code shows no
 * text, so no CodeLens; its Explorer and editor-title menus offer Audit Symmetry… instead.)
 */
export class ModelCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;
  /** Parsing a model JSON on every keystroke-free redraw would be waste: one parse per version. */
  private readonly seen = new WeakMap<vscode.TextDocument, { version: number; isModel: boolean }>();

  constructor(private readonly results: ResultsStore) {
    this.onDidChangeCodeLenses = results.onDidChange;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (isWorkspaceConfig(doc.uri)) return configLenses(doc);
    if (!this.isModel(doc)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: 'Audit symmetry', command: CommandId.AuditSymmetry, arguments: [doc.uri] })];
    const last = this.results.get(toPosix(doc.uri.fsPath));
    // An empty command id: a label, not a link.
    if (last) lenses.push(new vscode.CodeLens(top, { title: resultTitle(last), command: '', tooltip: `Last audited ${last.at}` }));
    return lenses;
  }

  private isModel(doc: vscode.TextDocument): boolean {
    const hit = this.seen.get(doc);
    if (hit?.version === doc.version) return hit.isModel;
    const isModel = modelFingerprint(doc.getText()) !== null;
    this.seen.set(doc, { version: doc.version, isModel });
    return isModel;
  }
}

// Check Workspace reads the config at each workspace folder's root only.
function isWorkspaceConfig(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder !== undefined && uri.scheme === 'file' && toPosix(uri.fsPath) === joinPath(toPosix(folder.uri.fsPath), CONFIG_FILE);
}

function configLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
  const configFile = toPosix(doc.uri.fsPath);
  let onnx: OnnxStatus | undefined;
  return configEntries(doc.getText()).flatMap((e) => {
    const at = new vscode.Range(e.line, 0, e.line, 0);
    const only: CheckOnly = { configFile, audit: e.index };
    const lenses = [
      new vscode.CodeLens(at, { title: `Check "${e.name}"`, command: CommandId.CheckWorkspace, arguments: [only], tooltip: 'Run this audit and check its thresholds, as equilens check does' }),
    ];
    if (namesOnnx(e, dirname(configFile))) lenses.push(new vscode.CodeLens(at, onnxCommand((onnx ??= currentOnnxStatus()))));
    return lenses;
  });
}

// .onnx files by name, or a folder (named without a glob) holding .onnx members.
function namesOnnx(e: ConfigEntry, root: string): boolean {
  return namesOnnxFiles(e.models) || hasOnnxMember(e.models.filter((m) => !isGlob(m)).map((m) => joinPath(root, cleanPattern(m))));
}

function onnxCommand(s: OnnxStatus): vscode.Command {
  if (s.ready) return { title: 'ONNX · onnxruntime-node', command: '', tooltip: `Runs on ${s.engine}` };
  const trust = s.why === 'trust';
  return { title: `ONNX · ${s.short}`, tooltip: s.line, command: trust ? 'workbench.trust.manage' : 'workbench.action.openSettings', arguments: trust ? [] : ['equilens.onnxRuntimePath'] };
}
