import * as vscode from 'vscode';
import type { Fix } from '../../core/advice/types';
import type { FixOrigin } from '../fixes/fixSet';
import type { Services } from '../services';

/** Show fix (code action): the fix's what, why, expected effect and snippets in a Markdown preview. */
export function showFix(s: Services) {
  return async (fix?: Fix, origin?: FixOrigin): Promise<void> => {
    // Only the light bulb passes a fix; from elsewhere there is nothing to show.
    if (!fix?.title || !origin) return void vscode.window.showInformationMessage('EquiLens: use the light bulb on a finding in a model JSON to see its fix.');
    await s.fixPreview.show(fix, origin);
  };
}
