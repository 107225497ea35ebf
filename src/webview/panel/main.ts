// The report panel: one script for the VS Code webview and for exported HTML files. In VS Code
// it follows the host's ToPanel messages and persists its state; exported, it shows the report
// embedded in the page.
import type { ToPanel } from '../../protocol';
import { documentNonce, embeddedReport, panelHost } from './host';
import { initialModel, isToPanel, step, type PanelModel } from './state';
import { computeClient } from './compute';
import { createView } from './view';
import { ROOT_ID } from '../shell';

const host = panelHost();
const root = document.getElementById(ROOT_ID) ?? document.body.appendChild(document.createElement('main'));
document.documentElement.dataset.host = host.kind;
const render = createView(root, host, documentNonce(document));

let model: PanelModel = initialModel(host.getState());

function apply(msg: ToPanel): void {
  model = step(model, msg);
  host.setState(model.state);
  render(model);
}

if (host.kind === 'vscode') {
  render(model);
  const compute = computeClient((m) => host.post(m));
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (isToPanel(e.data) && !compute(e.data)) apply(e.data);
  });
  host.post({ kind: 'ready' });
} else {
  const report = embeddedReport(document);
  if (report) apply({ kind: 'report', report });
  else apply({ kind: 'failed', message: 'this page carries no EquiLens report' });
}
