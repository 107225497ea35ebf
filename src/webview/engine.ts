// The core engine for browsers (the report panel's webview, later): the same code the CLI runs.
// Bundling it for the browser platform also proves the core imports no Node built-ins.
export { runAudit, AuditCancelled } from '../core/audit/runAudit';
export type { AuditEvent, AuditHost, AuditSpec } from '../core/audit/spec';
export { renderHtml, renderMarkdown } from '../core/report';
export type { AuditReport } from '../core/report/types';
export { EquiLensError } from '../core/errors';
