import type * as vscode from 'vscode';
import { PathStore } from '../pathStore';
import type { StoredCheck } from './badge';

/** Last check verdict per model JSON path ('/'-form), kept in workspaceState beside the results store. */
export class CheckResults extends PathStore<StoredCheck> {
  constructor(state: vscode.Memento) {
    super(state, 'equilens.checks');
  }
}
