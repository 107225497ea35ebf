// The panel's state machine: ToPanel messages in, a new PanelModel out (never mutated in place,
// so the view can tell what changed by reference).
import type { PanelState, ToPanel } from '../../protocol';
import { reportTitle } from './labels';

/** PanelState (what the host restores) plus what only the running view needs. */
export interface PanelModel {
  state: PanelState;
  /** From 'started': every member to evaluate, so the table shows the ones still to come. */
  planned: { members: string[]; order: number; probes: number } | null;
}

export const initialState: PanelState = { title: '', status: 'running', members: [], progress: null, report: null, error: null };

export function initialModel(state: PanelState = initialState): PanelModel {
  return { state, planned: null };
}

/** Applies one message from the host. Unknown kinds leave the model as it is. */
export function step(model: PanelModel, msg: ToPanel): PanelModel {
  const s = model.state;
  switch (msg.kind) {
    case 'state':
      return { state: msg.state, planned: null };
    case 'started':
      return {
        state: {
          title: msg.title,
          ...(s.group !== undefined && { group: s.group }),
          status: 'running',
          members: [],
          progress: { done: 0, total: msg.members.length * msg.order },
          report: null,
          error: null,
        },
        planned: { members: msg.members, order: msg.order, probes: msg.probes },
      };
    case 'progress':
      return { ...model, state: { ...s, progress: { done: msg.done, total: msg.total } } };
    case 'member': {
      const members = s.members.slice();
      members[msg.index] = msg.result;
      return { ...model, state: { ...s, members } };
    }
    case 'report':
      return {
        state: { ...s, title: s.title || reportTitle(msg.report), group: msg.report.group.name, status: 'done', members: msg.report.members, progress: null, report: msg.report, error: null },
        planned: null,
      };
    case 'failed':
      return { ...model, state: { ...s, status: 'failed', progress: null, error: msg.message } };
    case 'cancelled':
      return { ...model, state: { ...s, status: 'cancelled', progress: null } };
    default:
      return model;
  }
}

/** Messages come from another context: accept objects with a string kind and let step() sort them. */
export function isToPanel(data: unknown): data is ToPanel {
  return typeof data === 'object' && data !== null && typeof (data as { kind?: unknown }).kind === 'string';
}
