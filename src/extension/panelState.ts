import type { AuditEvent } from '../core/audit/spec';
import type { PanelState, ToPanel } from '../protocol';

/** A panel whose audit has just been asked for, under `group` (shown in its header). */
export function runningState(title: string, group?: string): PanelState {
  return { title, ...(group !== undefined && { group }), status: 'running', members: [], progress: null, report: null, error: null };
}

/** A panel showing a finished report (Open Last Report). */
export function reportState(title: string, report: NonNullable<PanelState['report']>): PanelState {
  return { title, group: report.group.name, status: 'done', members: report.members, progress: null, report, error: null };
}

/** What the panel shows once it has received `m` (the webview's step() agrees): the host keeps it to answer 'ready'. */
export function applyToPanel(s: PanelState, m: ToPanel): PanelState {
  switch (m.kind) {
    case 'state':
      return m.state;
    case 'started':
      return { ...runningState(m.title, s.group), progress: { done: 0, total: m.members.length * m.order } };
    case 'progress':
      return { ...s, progress: { done: m.done, total: m.total } };
    case 'member': {
      const members = [...s.members];
      members[m.index] = m.result;
      return { ...s, members };
    }
    case 'report':
      return reportState(s.title, m.report);
    case 'failed':
      return { ...s, status: 'failed', progress: null, error: m.message };
    case 'cancelled':
      return { ...s, status: 'cancelled', progress: null };
  }
}

/** The panel message for an engine event. */
export function panelMessage(e: AuditEvent, title: string): ToPanel {
  switch (e.kind) {
    case 'started':
      return { kind: 'started', title, members: e.members, order: e.order, probes: e.probes };
    case 'progress':
      return { kind: 'progress', done: e.done, total: e.total };
    case 'member':
      return { kind: 'member', index: e.index, result: e.result };
    case 'finished':
      return { kind: 'report', report: e.report };
  }
}
