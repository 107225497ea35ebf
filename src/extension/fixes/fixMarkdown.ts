import type { Fix, Snippets } from '../../core/advice/types';
import type { FixOrigin } from './fixSet';

/** The three frameworks a fix's snippets cover, in the order the report shows them. */
export const FRAMEWORKS: readonly { id: keyof Snippets; label: string; fence: string }[] = [
  { id: 'tfjs', label: 'TF.js', fence: 'ts' },
  { id: 'keras', label: 'Keras', fence: 'python' },
  { id: 'pytorch', label: 'PyTorch', fence: 'python' },
];

/** A fix as a Markdown page for the preview: what, why, expected effect, then one fenced block per framework. */
export function fixMarkdown(fix: Fix, origin: FixOrigin): string {
  const code = FRAMEWORKS.flatMap(({ id, label, fence }) => {
    const text = fix.snippets[id];
    return text ? [`### ${label}`, '', fenced(text, fence), ''] : [];
  });
  return [
    `# ${fix.title}`,
    '',
    `_EquiLens · ${fix.condition} · ${originLine(origin)}_`,
    '',
    `**What.** ${fix.what}`,
    '',
    `**Why.** ${fix.why}`,
    '',
    `**Expected effect.** ${fix.effect}`,
    '',
    ...(code.length ? ['## Code', '', ...code] : ['_No code snippet for this fix._', '']),
    ...(fix.layers.length ? [`Layers: ${fix.layers.map((l) => `\`${l}\``).join(', ')}`, ''] : []),
  ].join('\n');
}

/** Where the advice comes from, so an unmeasured effect is not read as a measured one. */
export function originLine(origin: FixOrigin): string {
  return origin.kind === 'report' ? `from the audit of ${origin.label} (${origin.createdAt})` : `from the static findings under ${origin.group}, before any audit`;
}

/** A fenced block long enough that backticks in the code cannot close it. */
function fenced(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}
