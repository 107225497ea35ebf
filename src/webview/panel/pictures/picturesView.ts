// The probes on which the ensemble mean breaks most: each with its transformed input and the
// outputs, so users see *what* goes wrong, not just how much.
import type { AuditReport, ProbePicture } from '../../../core/report/types';
import { el } from '../dom';
import { outputDiff } from './outputDiff';
import { displayRange, probeCanvas } from './probeImage';

export function picturesView(r: AuditReport, nonce: string): HTMLElement | null {
  const pictures = r.pictures ?? [];
  if (!pictures.length) return null;
  return el(
    'section',
    { class: 'pictures', 'aria-labelledby': 'pictures-heading' },
    el('h2', { id: 'pictures-heading' }, 'Where it breaks'),
    el(
      'p',
      { class: 'section-note' },
      `The ${pictures.length} probes on which the ${r.ensemble ? 'ensemble mean' : 'model'} changes most under a transformation, each under the element that hurts it most.`,
    ),
    el('div', { class: 'picture-list' }, ...pictures.map((p) => picture(p, nonce))),
  );
}

function picture(p: ProbePicture, nonce: string): HTMLElement {
  const range = displayRange(p.input, p.transformed);
  const image = (values: number[], caption: string) => {
    const canvas = probeCanvas(values, p.shape, range, `${caption} (probe ${p.probe})`);
    return canvas ? el('figure', { class: 'probe' }, canvas, el('figcaption', {}, caption)) : null;
  };
  return el(
    'article',
    { class: 'picture', 'data-picture': p.probe },
    el('h3', {}, `Probe #${p.probe} under `, el('code', {}, p.element)),
    el('div', { class: 'picture-row' }, image(p.input, 'input'), image(p.transformed, `${p.element}(input)`), outputDiff(p, nonce)),
  );
}
