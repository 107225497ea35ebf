import * as vscode from 'vscode';
import type { AuditEvent, AuditSpec } from '../core/audit/spec';
import { joinPath } from '../core/io/paths';
import type { AuditReport } from '../core/report/types';
import type { BackendSetting, PanelState } from '../protocol';
import { findNative } from '../node/native';
import { toPosix } from '../node/nodeFiles';
import { buildSpec, isAbsolute, memberPaths, panelTitle, progressTitle, type AuditRequest } from './auditRequest';
import { AuditCancelled, AuditFailed, type AuditRunner } from './auditRunner';
import { auditWorkers } from './auditWorkers';
import { choosePlace, needsAdapter, type Place } from './computePlace';
import { hasOnnxMember } from './onnxWeb';
import { readComputeSettings, type ComputeSettings } from './computeSettings';
import { editorFailureLine, isOnnxSetupFailure } from './onnxStatus';
import { errorDetail, errorLine, offerLog } from './errorReport';
import { displayBaseOf } from './labels';
import type { LastReportStore } from './lastReport';
import { parsePanelState } from './panelMessages';
import { panelMessage, reportState, runningState } from './panelState';
import { exportReport } from './reportExport';
import { ReportPanel, type PanelRequest } from './reportPanel';
import { storedResult } from './results';
import type { ResultsStore } from './resultsStore';
import { readSettings, rememberChoices } from './settings';
import { pickGroup } from './picks';
import type { AuditStatus } from './statusBar';
import { auditFolders, detectAdapter, insideWorkspace, runInWebview } from './webviewCompute';

/** A report panel and what it shows: the request behind it, and the audit running in it. */
interface Session {
  panel: ReportPanel;
  request: AuditRequest | undefined;
  run: vscode.CancellationTokenSource | undefined;
}

/** Requests behind open panels, by title, so a panel restored after a reload can run again. */
const PANEL_REQUESTS = 'equilens.panelRequests';
const KEEP_PANEL_REQUESTS = 20;

/**
 * Runs audits for the commands: in a worker (AuditRunner), shown in report panels (one per
 * request, reused), followed by the status bar and a cancellable notification, remembered in
 * the results store and as the last report.
 */
export class Auditor implements vscode.Disposable {
  private readonly sessions = new Map<string, Session>();
  private readonly finished = new vscode.EventEmitter<{ report: AuditReport; files: string[]; resolve: (shown: string) => string }>();
  /**
   * Each audit that ends with a report (panel, Audit All, checks), with its members' files
   * (absolute, parallel to report.members) and how a path the report shows becomes a file.
   */
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly runner: AuditRunner,
    private readonly results: ResultsStore,
    private readonly lastReport: LastReportStore,
    private readonly status: AuditStatus,
    /** The EquiLens log: audits' starts, ends, where they ran and how long they took; internal errors' stacks. */
    private readonly log?: vscode.LogOutputChannel,
  ) {}

  /**
   * One audit in a worker, with the status bar; the result goes to the store and becomes the
   * last report. `spec` and `backend` override the settings (a config's audit sets its own probes,
   * seed, …); `workers` is a config audit's, below equilens.workers (see auditWorkers). Rejects
   * with AuditFailed or AuditCancelled.
   */
  async execute(
    req: AuditRequest,
    o: {
      token: vscode.CancellationToken;
      pictures: number;
      onEvent?: (e: AuditEvent) => void;
      panel?: ReportPanel;
      spec?: Partial<AuditSpec>;
      backend?: BackendSetting;
      workers?: number;
    },
  ): Promise<AuditReport> {
    const displayBase = displayBaseOf(req.targets[0]!);
    const settings = readSettings(this.context.workspaceState, req.targets[0]);
    // Refused, not silently replaced by synthetic probes: the user should see why.
    if (settings.probesRefused && !(o.spec && 'probes' in o.spec)) throw new AuditFailed(settings.probesRefused, true);
    const compute = readComputeSettings();
    const spec = { ...buildSpec(req, settings, { displayBase, pictures: o.pictures }), ...o.spec };
    const line = this.status.begin(req.label);
    const onEvent = (e: AuditEvent) => {
      if (e.kind === 'progress') line.update(e.done, e.total);
      o.onEvent?.(e);
    };
    const started = Date.now();
    const log = this.log;
    log?.info(`audit ${req.label}: group ${req.group}, output ${req.output}, ${spec.targets.length} target(s)`);
    log?.debug(`audit ${req.label}: spec ${JSON.stringify({ ...spec, targets: spec.targets.length })}`);
    try {
      const where = await this.place(spec, compute, o.panel);
      log?.info(`audit ${req.label}: runs in the ${where.place === 'webview' ? 'report webview' : 'extension host'} (${where.reason})`);
      const report =
        where.place === 'webview' && o.panel
          ? await runInWebview(o.panel, this.context.extensionUri, spec, { backend: compute.webviewBackend, token: o.token, onEvent })
          : await this.runner.run(spec, {
              backend: o.backend ?? settings.backend,
              allowNative: vscode.workspace.isTrusted,
              nativePaths: compute.nativePaths,
              onnxPaths: compute.onnxPaths,
              workers: auditWorkers(compute.workers, o.workers),
              token: o.token,
              onEvent,
              onBackend: (d) => log?.info(`audit ${req.label}: backend ${d}`),
            });
      if (report.compute) report.compute.reason = where.reason;
      log?.info(`audit ${req.label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s on ${report.backend}${report.compute?.adapter ? ` (${report.compute.adapter})` : ''}`);
      const files = memberPaths(report, displayBase);
      await this.results.record(files, storedResult(report));
      await this.lastReport.set({ report, request: req });
      this.finished.fire({ report, files, resolve: (p) => (displayBase && !isAbsolute(p) ? joinPath(displayBase, p) : p) });
      return report;
    } catch (caught) {
      // The CLI's install advice (npm install …) becomes the editor's (and its setting).
      const e = caught instanceof AuditFailed && caught.inputError ? new AuditFailed(editorFailureLine(caught.message), true) : caught;
      const after = `after ${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (e instanceof AuditCancelled) log?.info(`audit ${req.label}: cancelled ${after}`);
      else if (e instanceof AuditFailed && e.inputError) log?.warn(`audit ${req.label}: ${e.message} (${after})`);
      else log?.error(`audit ${req.label}: failed ${after}: ${errorDetail(e)}`);
      throw e;
    } finally {
      line.end();
    }
  }

  /** equilens.compute applied to this audit: asks the panel's webview for its GPU only when `auto` needs it. */
  private async place(spec: AuditSpec, compute: ComputeSettings, panel: ReportPanel | undefined): Promise<Place> {
    if (!panel) return { place: 'extensionHost', reason: 'no report panel to compute in' };
    const facts = {
      setting: compute.compute,
      // ONNX members run in the webview only on onnxruntime-web, from the folder this panel may load.
      onnx: hasOnnxMember(spec.targets),
      onnxWeb: panel.onnxWeb !== null,
      remote: vscode.env.remoteName !== undefined,
      nativeGpu: vscode.workspace.isTrusted && findNative(compute.nativePaths)?.name === '@tensorflow/tfjs-node-gpu',
      reachable: insideWorkspace(await auditFolders(spec)),
    };
    return choosePlace({ ...facts, adapter: needsAdapter(facts) ? await detectAdapter(panel) : undefined });
  }

  /** Audits in the request's report panel (opened or reused) with a cancellable notification; `spec` overrides the settings. */
  async audit(req: AuditRequest, spec?: Partial<AuditSpec>): Promise<void> {
    const title = panelTitle(req);
    const found = this.sessions.get(title);
    if (found?.run) return found.panel.reveal(); // already running: one audit per panel
    const session = found ?? this.open(runningState(title, req.group), req);
    session.request = req;
    const cts = (session.run = new vscode.CancellationTokenSource());
    session.panel.send({ kind: 'state', state: runningState(title, req.group) });
    session.panel.reveal();
    try {
      await this.rememberRequest(title, req);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progressTitle(req), cancellable: true }, async (progress, token) => {
        const sub = token.onCancellationRequested(() => cts.cancel());
        let shown = 0;
        try {
          await this.execute(req, {
            token: cts.token,
            pictures: 3,
            spec,
            panel: session.panel,
            onEvent: (e) => {
              session.panel.send(panelMessage(e, title));
              if (e.kind !== 'progress') return;
              const now = (100 * e.done) / e.total;
              progress.report({ message: `${e.done}/${e.total}`, increment: now - shown });
              shown = now;
            },
          });
        } finally {
          sub.dispose();
        }
      });
    } catch (e) {
      if (e instanceof AuditCancelled) session.panel.send({ kind: 'cancelled' });
      else session.panel.send({ kind: 'failed', message: e instanceof AuditFailed ? e.message : `internal error: ${String(e)}` });
      if (e instanceof AuditFailed) void offerOnnxSetup(e.message);
      // Ours to fix: the stack is in the log (execute wrote it), and the notification leads there.
      if (this.log && !(e instanceof AuditCancelled) && !(e instanceof AuditFailed && e.inputError)) {
        void offerLog(this.log, vscode.window.showErrorMessage, `EquiLens: auditing ${req.label} failed: ${errorLine(e)}`);
      }
    } finally {
      cts.dispose();
      session.run = undefined;
    }
  }

  /** Shows a finished report (Open Last Report) in its request's panel. */
  show(report: AuditReport, req: AuditRequest): void {
    const title = panelTitle(req);
    const found = this.sessions.get(title);
    if (found?.run) return found.panel.reveal();
    const state = reportState(title, report);
    if (found) found.panel.send({ kind: 'state', state });
    (found ?? this.open(state, req)).panel.reveal();
  }

  /** Takes over a panel VS Code restored after a reload (WebviewPanelSerializer). */
  revive(panel: vscode.WebviewPanel, saved: unknown): void {
    let state = parsePanelState(saved) ?? { ...runningState('EquiLens report'), status: 'failed' as const, error: 'nothing to restore: run the audit again' };
    // The worker did not survive the reload.
    if (state.status === 'running') state = { ...state, status: 'cancelled' };
    const request = this.context.workspaceState.get<Record<string, AuditRequest>>(PANEL_REQUESTS)?.[state.title];
    this.track(
      state.title,
      (s) =>
        new ReportPanel(
          panel,
          this.context.extensionUri,
          state,
          (r) => this.handle(s, r),
          () => this.forget(s),
        ),
      request,
    );
  }

  /** The report of the focused panel, if any. */
  activeReport(): { report: AuditReport; label: string } | undefined {
    for (const s of this.sessions.values()) {
      const report = s.panel.current.report;
      if (s.panel.active && report) return { report, label: s.request?.label ?? s.panel.current.title };
    }
    return undefined;
  }

  dispose(): void {
    for (const s of [...this.sessions.values()]) s.panel.dispose();
    this.finished.dispose();
  }

  private open(state: PanelState, req: AuditRequest): Session {
    return this.track(
      state.title,
      (s) =>
        ReportPanel.create(
          this.context.extensionUri,
          state,
          (r) => this.handle(s, r),
          () => this.forget(s),
        ),
      req,
    );
  }

  private track(title: string, makePanel: (s: Session) => ReportPanel, request: AuditRequest | undefined): Session {
    const session = { request, run: undefined } as Session;
    session.panel = makePanel(session);
    this.sessions.set(title, session);
    return session;
  }

  private forget(s: Session): void {
    // Closing the panel stops its audit: nobody would see the result.
    s.run?.cancel();
    const title = s.panel.current.title;
    if (this.sessions.get(title) === s) this.sessions.delete(title);
  }

  private handle(s: Session, r: PanelRequest): void {
    switch (r.kind) {
      case 'cancel':
        s.run?.cancel();
        break;
      case 'rerun':
        if (s.request) void this.audit(s.request);
        else void vscode.window.showInformationMessage('EquiLens: this panel does not know its models any more; audit them again from the Explorer.');
        break;
      case 'changeGroup':
        if (s.request) void this.changeGroup(s.request);
        break;
      case 'export': {
        const report = s.panel.current.report;
        if (report) void exportReport(this.context.extensionPath, report, s.request?.label ?? s.panel.current.title, r.format);
        break;
      }
      case 'openFile':
        void this.openFile(s, r.path);
        break;
    }
  }

  /** The panel's Change group…: asks for a group (this one first) and audits the same models under it, in its own panel. */
  private async changeGroup(req: AuditRequest): Promise<void> {
    const group = await pickGroup(req.group, `EquiLens: audit ${req.label} under which symmetry group?`);
    if (!group) return;
    await rememberChoices(this.context.workspaceState, { group, output: req.output });
    await this.audit({ ...req, group });
  }

  /** Opens a file the report names (relative to the audit's workspace folder); only inside the workspace. */
  private async openFile(s: Session, p: string): Promise<void> {
    const base = s.request ? displayBaseOf(s.request.targets[0]!) : undefined;
    const file = isAbsolute(p) ? p : base ? joinPath(base, p) : undefined;
    const uri = file && vscode.Uri.file(file);
    if (!uri || !vscode.workspace.getWorkspaceFolder(uri)) return;
    try {
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: true });
    } catch {
      void vscode.window.showWarningMessage(`EquiLens: cannot open ${toPosix(uri.fsPath)}`);
    }
  }

  private async rememberRequest(title: string, req: AuditRequest): Promise<void> {
    const saved = { ...this.context.workspaceState.get<Record<string, AuditRequest>>(PANEL_REQUESTS) };
    delete saved[title]; // re-inserted last: the newest survive the trim
    saved[title] = req;
    const keep = Object.entries(saved).slice(-KEEP_PANEL_REQUESTS);
    await this.context.workspaceState.update(PANEL_REQUESTS, Object.fromEntries(keep));
  }
}

/**
 * An ONNX audit that cannot run here (onnxruntime-node missing, or Restricted Mode): the one line,
 * with the button that fixes it. Other bad input stays in the panel alone.
 */
async function offerOnnxSetup(message: string): Promise<void> {
  const why = isOnnxSetupFailure(message);
  if (!why) return;
  const action = why === 'install' ? 'Open Setting' : 'Manage Workspace Trust';
  const pick = await vscode.window.showWarningMessage(`EquiLens: ${message}`, action);
  if (pick === 'Open Setting') await vscode.commands.executeCommand('workbench.action.openSettings', 'equilens.onnxRuntimePath');
  else if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
}
