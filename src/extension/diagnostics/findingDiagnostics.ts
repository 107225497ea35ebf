import { analyzeTopology } from '../../core/checks/analyzeTopology';
import { HELP } from '../../core/ci/rules';
import { FINDING_INFO, type Finding, type FindingKind, type Severity } from '../../core/checks/findings';
import { parseModelJson } from '../../core/load/modelJson';
import { declaredSample } from './declaredInput';
import { findingSpan, findLayer, layerNodes, readableSpan, type LayerNode, type TextSpan } from './layerRanges';

/** The heading of docs/report-format.md that documents the static rules; diagnostics link to it. */
export const FINDINGS_ANCHOR = HELP.findings.anchor;

/** A Problems-panel entry as plain data; the vscode side only converts offsets and severity. */
export interface DiagnosticSpec extends TextSpan {
  severity: 'error' | 'warning' | 'information';
  message: string;
  code: FindingKind;
  /** Heading anchor of the doc section explaining the rule. */
  anchor: string;
}

/** A model document's static findings with its located layers; null when the text is not a model. */
export interface DocumentAnalysis {
  findings: Finding[];
  layers: LayerNode[];
  /** Per-sample input shape the file declares ([H, W, C], …); null or absent when it declares none. */
  sample?: number[] | null;
}

const SEVERITY = { error: 'error', warning: 'warning', info: 'information' } as const satisfies Record<Severity, DiagnosticSpec['severity']>;

/**
 * Parses model JSON text with the core and runs the static checks under `group`, the input shape
 * coming from the file's own batch_input_shape. Pure JSON reading: no tfjs.
 */
export function analyzeText(text: string, group: string): DocumentAnalysis | null {
  if (!looksLikeModel(text)) return null;
  let findings: Finding[];
  let sample: number[] | null;
  try {
    const json = parseModelJson(text, 'model JSON');
    findings = analyzeTopology(json, group, []);
    sample = declaredSample(json);
  } catch {
    // Not valid JSON or not a model (yet, while it is being written): nothing to report.
    return null;
  }
  return { findings, layers: layerNodes(text), sample };
}

/** Both keys of a TF.js model JSON appear: the text is a model, or one being edited. */
export function looksLikeModel(text: string): boolean {
  // Most JSON in a workspace is configuration: skip the parse unless both keys appear.
  return text.includes('"modelTopology"') && text.includes('"weightsManifest"');
}

/**
 * One diagnostic per finding, on the property it is about (or the layer, or offset 0 when
 * unlocated). With the document's `text`, a minified one has its layer's config object instead
 * (readableSpan); `member` names the member in each message ('member-03 · conv1: …').
 */
export function toDiagnosticSpecs({ findings, layers }: Pick<DocumentAnalysis, 'findings' | 'layers'>, text?: string, member?: string): DiagnosticSpec[] {
  return findings.map((f) => {
    // A finding about a whole member (no layer) goes on the first line.
    const layer = f.layer === undefined ? undefined : findLayer(layers, f.layer, f.layerIndex ?? -1);
    const own = layer ? findingSpan(layer, f.kind, f.evidence) : { start: 0, end: 0 };
    const at = layer && text !== undefined ? readableSpan(text, layer, own) : own;
    return { ...at, severity: SEVERITY[f.severity], message: findingMessage(f, member), code: f.kind, anchor: FINDINGS_ANCHOR };
  });
}

/** 'member-03 · conv1: Kernel is not square: 1×5 kernel …': who, where, what (member and layer when known). */
export function findingMessage(f: Pick<Finding, 'layer' | 'title' | 'evidence'>, member?: string): string {
  const where = [member, f.layer].filter((x) => x !== undefined && x !== '').join(' · ');
  return `${where ? `${where}: ` : ''}${f.title}: ${f.evidence}`;
}

/** The findings that name `layer`. */
export function findingsFor(findings: readonly Finding[], layer: LayerNode): Finding[] {
  return findings.filter((f) => f.layer === layer.name || (f.layer?.startsWith('#') && f.layerIndex === layer.index));
}

/** Hover Markdown for a layer: each finding with its theorem condition, or a line saying there are none. */
export function hoverMarkdown(layer: string, group: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return `EquiLens: no static findings for \`${layer}\` under \`${group}\``;
  const items = findings.map((f) => {
    const info = FINDING_INFO[f.kind];
    return `**${f.severity}** · ${info.title} (\`${f.kind}\`, ${info.condition} condition)\n\n${f.evidence}\n\n_${info.description}_`;
  });
  return [`**EquiLens** · \`${layer}\` under \`${group}\``, ...items].join('\n\n---\n\n');
}
