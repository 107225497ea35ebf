// What a "Models & Ensembles" row says: a short description that stays readable in a narrow
// sidebar, and the detail (full result, when, the check's thresholds) in its Markdown tooltip.
// Pure strings: modelsTree.ts wraps the tooltip in a vscode.MarkdownString.
import { pct } from '../core/report/format';
import { READING_WORDS } from '../core/report/verdictWords';
import type { CheckBadge } from './check/badge';
import type { OnnxStatus } from './onnxStatus';
import { groupLabel, resultTitle, type StoredResult } from './results';

/** What a row is about: its label, and the member count for an ensemble's row. */
export interface RowSubject {
  label: string;
  /** Set on an ensemble's row. */
  members?: number;
  /** ONNX models: what runs them (onnxStatus), said on the row until an audit has a result, and always in the tooltip. */
  onnx?: OnnxStatus;
}

/**
 * 'C4 · floor 0.1 %' (ensemble), 'C4 · model 12.3 %' (one model), '8 members' (not audited), then the
 * check's mark without its numbers ('✗ maxFloor'): one number per row, the rest in the tooltip.
 */
export function rowDescription(row: RowSubject, last: StoredResult | undefined, badge?: CheckBadge): string {
  const result = last ? shortResult(last) : row.members !== undefined ? `${row.members} members` : '';
  const mark = badge?.description.replace(/\s*\([^)]*\)/g, '');
  // An engine that cannot run here stays on the row: the result shown is from before.
  const onnx = row.onnx && (!last || !row.onnx.ready) ? (row.onnx.ready ? 'ONNX · onnxruntime-node' : `ONNX · ${row.onnx.short}`) : undefined;
  return [result, onnx, mark].filter(Boolean).join(' · ');
}

/** The row's tooltip as Markdown: what it is, the last audit in full with its time, the check's lines. */
export function rowTooltip(row: RowSubject, last: StoredResult | undefined, badge?: CheckBadge): string {
  const kind = row.onnx ? 'ONNX ' : '';
  const what = row.members !== undefined ? `${kind}ensemble of ${row.members} members sharing one architecture` : `${kind}model`;
  const blocks = [`**${escapeMarkdown(row.label)}** — ${what}`];
  if (row.onnx) blocks.push(escapeMarkdown(row.onnx.ready ? `Runs on ${row.onnx.engine}` : `Cannot be audited here: ${row.onnx.line}`));
  if (last) {
    const ci = last.floorCI ? ` (floor's 95 % interval ${percent(last.floorCI[0])} – ${percent(last.floorCI[1])})` : '';
    blocks.push(`Last audit: ${escapeMarkdown(resultTitle(last) + ci)}  \n${escapeMarkdown(when(last.at))}`);
  } else blocks.push('Not audited yet');
  if (badge) {
    const [head, ...lines] = badge.tooltip.split('\n');
    blocks.push([escapeMarkdown(head ?? ''), ...lines.map((l) => `- ${escapeMarkdown(l)}`)].join('\n'));
  }
  return blocks.join('\n\n');
}

/**
 * `text` shown literally in Markdown (paths and messages hold '_', '*', '<', …). '.' and '-' are
 * left alone: they only mean something at a line's start, and every line here starts with our words.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, '\\$&');
}

// The core's words (verdictWords.ts): a floor that reaches 0 but cannot be trusted says so here too.
function shortResult(r: StoredResult): string {
  const group = groupLabel(r.group);
  if (r.notMeasurable) return `${group} · ${READING_WORDS['not-measurable']}`;
  if (r.members < 2) return `${group} · model ${percent(r.relError)}`;
  const word = r.reading === 'inconclusive' || r.reading === 'not-judged' ? ` · ${READING_WORDS[r.reading]}` : '';
  return `${group} · floor ${percent(r.floor)}${word}`;
}

/** '2026-12-06T23:04:05.123Z' → '2026-12-06 23:04 UTC'; anything else as it is. */
function when(at: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(at);
  return m ? `${m[1]} ${m[2]} UTC` : at;
}

function percent(x: number | null): string {
  return pct(x, 1).replace('%', ' %');
}
