// The core engine for browsers: dist/webview/engine.js, imported by the report panel only when an
// audit runs in the webview (equilens.compute), and by the browser tests and benchmarks. It is
// the same code the CLI runs; bundling it for the browser also proves the core needs no Node.
export { runAudit, AuditCancelled } from '../core/audit/runAudit';
export { auditFailure, type AuditFailure } from '../core/audit/outcome';
export type { AuditEvent, AuditHost, AuditSpec } from '../core/audit/spec';
export { renderHtml, renderMarkdown } from '../core/report';
export type { AuditReport } from '../core/report/types';
export { EquiLensError } from '../core/errors';
export { computeAudit, type ComputeIO, type ComputeRequest } from './compute/computeAudit';
export { detectAdapter, type AdapterInfo } from './compute/adapter';
export { initWebBackend, type WebBackendChoice, type WebBackendInfo } from './compute/webBackend';
export { webOnnxEngine } from './compute/webOnnx';
export { remoteFiles, resourceUrl, type MetaOp, type ResourceRoot } from './compute/remoteFiles';
// For tests and benchmarks: the engine's tensor count and backend, read in the page.
export { memory, getBackend } from '@tensorflow/tfjs-core';
