import type { Services } from '../services';
import { auditAll } from './auditAll';
import { auditEnsemble } from './auditEnsemble';
import { auditExample } from './auditExample';
import { auditModel } from './auditModel';
import { auditSymmetry } from './auditSymmetry';
import { auditTreeItem } from './auditTreeItem';
import { checkChangedModels } from './checkChangedModels';
import { checkWorkspace } from './checkWorkspace';
import { copyAugmentationSnippet } from './copyAugmentationSnippet';
import { exportReport } from './exportReport';
import { CommandId } from './ids';
import { openLastReport } from './openLastReport';
import { openModelReport } from './openModelReport';
import { refreshModels } from './refreshModels';
import { selectProbes } from './selectProbes';
import { showFix } from './showFix';

/** VS Code passes commands whatever their caller gave (an Explorer URI, a tree node, nothing). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers declare the arguments they take; unknown[] would reject them
type Handler = (...args: any[]) => unknown;

/** Every command's handler, by id: the compiler checks that none is missing. */
export const COMMANDS: Record<CommandId, (s: Services) => Handler> = {
  [CommandId.AuditSymmetry]: auditSymmetry,
  [CommandId.AuditModel]: auditModel,
  [CommandId.AuditEnsemble]: auditEnsemble,
  [CommandId.AuditAll]: auditAll,
  [CommandId.OpenLastReport]: openLastReport,
  [CommandId.ExportReport]: exportReport,
  [CommandId.SelectProbes]: selectProbes,
  [CommandId.RefreshModels]: refreshModels,
  [CommandId.AuditTreeItem]: auditTreeItem,
  [CommandId.CopyAugmentationSnippet]: copyAugmentationSnippet,
  [CommandId.CheckWorkspace]: checkWorkspace,
  [CommandId.CheckChangedModels]: checkChangedModels,
  [CommandId.ShowFix]: showFix,
  [CommandId.OpenModelReport]: openModelReport,
  [CommandId.AuditExample]: auditExample,
};
