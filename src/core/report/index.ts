export type { AuditReport, EnsembleResult, MemberResult, ElementResult } from './types';
export { renderTerminal, renderComparison } from './terminal';
export { renderMarkdown } from './markdown';
export { renderHtml } from './html';
