/** Every command the extension contributes; package.json's contributes.commands lists the same ids. */
export const enum CommandId {
  AuditSymmetry = 'equilens.auditSymmetry',
  AuditModel = 'equilens.auditModel',
  AuditEnsemble = 'equilens.auditEnsemble',
  AuditAll = 'equilens.auditAll',
  OpenLastReport = 'equilens.openLastReport',
  ExportReport = 'equilens.exportReport',
  SelectProbes = 'equilens.selectProbes',
  /** Tree view only: its title-bar refresh button and the inline audit action on an item. */
  RefreshModels = 'equilens.refreshModels',
  AuditTreeItem = 'equilens.auditTreeItem',
  CopyAugmentationSnippet = 'equilens.copyAugmentationSnippet',
  /** `equilens check` in the editor: the config's audits, or those whose files differ from HEAD. */
  CheckWorkspace = 'equilens.checkWorkspace',
  CheckChangedModels = 'equilens.checkChangedModels',
  /** Code actions only (hidden from the palette): they need the finding's fix or document. */
  ShowFix = 'equilens.showFix',
  OpenModelReport = 'equilens.openModelReport',
  /** The Getting Started walkthrough's first step: the example ensemble shipped in the VSIX. */
  AuditExample = 'equilens.auditExample',
}
