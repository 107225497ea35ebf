import * as vscode from 'vscode';
import { toPosix } from '../../node/nodeFiles';
import { labelOf } from '../labels';
import type { Services } from '../services';
import { chooseProbes, probeSource } from '../settings';

type Choice = 'npy' | 'images' | 'synthetic';

/** Select Probes…: a .npy file or an image folder for later audits in this workspace, or synthetic probes again. */
export function selectProbes(s: Services) {
  return async (): Promise<void> => {
    const state = s.context.workspaceState;
    const current = probeSource(state);
    const items: (vscode.QuickPickItem & { choice: Choice })[] = [
      { choice: 'npy', label: '$(file-binary) NumPy file…', detail: 'a .npy array of inputs shaped like the model input (with or without the batch axis)' },
      { choice: 'images', label: '$(file-media) Image folder…', detail: 'PNG/JPEG files, resized to the model input and scaled to [0, 1]' },
      { choice: 'synthetic', label: '$(symbol-misc) Synthetic probes', detail: 'seeded random inputs (equilens.probesCount, equilens.seed)' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'EquiLens: probe inputs for later audits',
      placeHolder: current ? `Now: ${labelOf(current)}` : 'Now: synthetic probes',
    });
    if (!picked) return;
    if (picked.choice === 'synthetic') {
      await chooseProbes(state, undefined);
      return void vscode.window.showInformationMessage('EquiLens: later audits use synthetic probes.');
    }
    const files = await vscode.window.showOpenDialog({
      title: picked.choice === 'npy' ? 'EquiLens: probe array (.npy)' : 'EquiLens: folder of probe images',
      canSelectFiles: picked.choice === 'npy',
      canSelectFolders: picked.choice === 'images',
      canSelectMany: false,
      filters: picked.choice === 'npy' ? { 'NumPy array': ['npy'] } : undefined,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      openLabel: 'Use as probes',
    });
    const uri = files?.[0];
    if (!uri || uri.scheme !== 'file') return;
    const probes = toPosix(uri.fsPath);
    await chooseProbes(state, probes);
    void vscode.window.showInformationMessage(`EquiLens: later audits use probes from ${labelOf(probes)}.`);
  };
}
