import * as vscode from 'vscode';
import { unitInputs } from '../../core/ci/changed';
import { nodeFiles, toPosix } from '../../node/nodeFiles';
import { changedPaths, rebasePaths, selectChanged, type Candidate } from '../check/changedFiles';
import { planWorkspace, showPlanError } from '../check/configPlan';
import { gitApi, repositoryOf } from '../check/gitApi';
import { indexUnits } from '../check/indexUnits';
import { runCheck } from '../check/runCheck';
import type { CheckUnit } from '../check/types';
import type { Services } from '../services';
import { probeSource } from '../settings';
import { fileFolders } from './checkWorkspace';

/**
 * Check Changed Models: the audits whose files differ from HEAD (staged, unstaged, untracked),
 * a changed member changing its whole ensemble: the configured audits where a folder has a
 * config, the ensembles and models found elsewhere (with the last group and output).
 */
export function checkChangedModels(s: Services) {
  return async (): Promise<void> => {
    const folders = fileFolders();
    const info = (m: string) => void vscode.window.showInformationMessage(`EquiLens: ${m}`);
    if (!folders.length) return info('open a folder first; Check Changed Models compares it with HEAD.');
    const git = await gitApi();
    if (!git) return info('Check Changed Models needs the Git extension (built into VS Code, enabled, with git installed). Check Workspace runs every audit.');
    const changed = new Set<string>();
    let repos = 0;
    for (const f of folders) {
      const repo = await repositoryOf(git, f.uri);
      if (!repo) continue;
      repos++;
      const shown = toPosix(f.uri.fsPath);
      const real = await nodeFiles.realPath(shown).catch(() => shown);
      for (const p of rebasePaths(changedPaths(repo.state, toPosix), real, shown)) changed.add(p);
    }
    if (!repos) return info('no git repository in this workspace, so nothing to compare with HEAD. Check Workspace runs every audit.');
    if (!changed.size) return info('no file differs from HEAD; nothing to check.');
    const plan = await planWorkspace(s, folders);
    if (plan.kind === 'error') return showPlanError(plan);
    const candidates: Candidate<CheckUnit>[] = [];
    for (const { unit, configFile } of plan.units) {
      candidates.push({ unit, configFile, inputs: await unitInputs(nodeFiles, unit.config!.root, { members: unit.members, audit: unit.config!.audit }) });
    }
    const probes = probeSource(s.context.workspaceState);
    for (const unit of await indexUnits(s, plan.withoutConfig)) {
      candidates.push({ unit, inputs: await unitInputs(nodeFiles, toPosix(folders[0]!.uri.fsPath), { members: unit.members, audit: { probes: { path: probes } } }) });
    }
    const { selected } = selectChanged(candidates, changed);
    if (!selected.length)
      return info(`${changed.size === 1 ? '1 file differs' : `${changed.size} files differ`} from HEAD, but no audit reads them (model JSONs, weights, probes, equilens.config.json).`);
    await runCheck(s, { title: 'checking changed models', units: selected, replaceAll: false, problems: plan.problems });
  };
}
