import type * as vscode from 'vscode';
import { PathStore } from './pathStore';
import type { StoredResult } from './results';

/** Last audit result per model JSON path ('/'-form), kept in workspaceState. */
export class ResultsStore extends PathStore<StoredResult> {
  constructor(state: vscode.Memento) {
    super(state, 'equilens.results');
  }
}
