import * as vscode from 'vscode';
import type { DocumentFixes } from '../fixes/documentFixes';
import { topFixForLayer } from '../fixes/fixSet';
import { groupFor } from './documentSettings';
import { findingsFor } from './findingDiagnostics';
import { layerHoverMarkdown } from './layerFloorHover';
import { layerAt } from './layerRanges';

/**
 * Hover on a layer of a model JSON: its static findings with their theorem condition, and, from
 * the last audit of this model, its per-layer floor (marking the layer where the floor jumps)
 * and the best fix that changes it.
 */
export class LayerHover implements vscode.HoverProvider {
  constructor(private readonly fixes: DocumentFixes) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = await this.fixes.of(doc);
    if (!found) return undefined;
    const { analysis, set, last } = found;
    const layer = layerAt(analysis.layers, doc.offsetAt(position));
    if (!layer) return undefined;
    const md = layerHoverMarkdown({
      layer,
      group: groupFor(doc),
      findings: findingsFor(analysis.findings, layer),
      last: last && { report: last.report, label: last.request.label },
      fix: topFixForLayer(set, layer.name),
      measured: set.origin.kind === 'report',
    });
    const range = new vscode.Range(doc.positionAt(layer.node.offset), doc.positionAt(layer.node.offset + layer.node.length));
    return new vscode.Hover(new vscode.MarkdownString(md), range);
  }
}
