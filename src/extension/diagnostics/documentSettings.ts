import * as vscode from 'vscode';

/** The group static findings are read under: the equilens.group setting for that file. */
export function groupFor(doc: vscode.TextDocument): string {
  return vscode.workspace.getConfiguration('equilens', doc.uri).get<string>('group', 'c4');
}

/** The output representation snippets are written for: the equilens.output setting for that file. */
export function outputFor(doc: vscode.TextDocument | undefined): string {
  return vscode.workspace.getConfiguration('equilens', doc?.uri).get<string>('output', 'invariant');
}
