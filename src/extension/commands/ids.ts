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
}
