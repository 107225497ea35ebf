import * as vscode from 'vscode';
import { toPosix } from '../../node/nodeFiles';
import { reportForModel } from '../fixes/modelReport';
import { labelOf } from '../labels';
import { ensembleRequest } from '../picks';
import type { Services } from '../services';
import { defaultChoices } from '../settings';
import { CommandId } from './ids';

/** Open report (code action): the last report covering this model in its panel, else an offer to audit. */
export function openModelReport(s: Services) {
  return async (uri?: vscode.Uri): Promise<void> => {
    if (uri?.scheme !== 'file') return void vscode.commands.executeCommand(CommandId.OpenLastReport);
    const path = toPosix(uri.fsPath);
    const last = await reportForModel(s.lastReport, path);
    if (last) return s.auditor.show(last.report, last.request);
    // The model's ensemble, when it has one, is what the report's floor is about.
    const ensemble = (await s.index.get()).ensembles.find((e) => e.members.includes(path));
    const choice = await vscode.window.showInformationMessage(`EquiLens: no report for ${labelOf(path)} yet.`, ...(ensemble ? ['Audit Its Ensemble'] : []), 'Audit This Model');
    if (choice === 'Audit This Model') await vscode.commands.executeCommand(CommandId.AuditModel, uri);
    else if (choice && ensemble) await s.auditor.audit(ensembleRequest(ensemble, defaultChoices(s.context.workspaceState, ensemble.folder)));
  };
}
