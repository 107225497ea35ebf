// Every chart goes through here: a <figure> with a heading, a legend and a caption in HTML (so
// screen readers and text search see them), and Plot's SVG made acceptable to the CSP.
import * as Plot from '@observablehq/plot';
import { el } from '../dom';

export interface FigureOptions {
  /** data-chart attribute, for tests and CSS. */
  id: string;
  title: string;
  /** h3 in a section, h4 inside a picture card. */
  heading?: 'h3' | 'h4';
  /** One sentence that says how to read the chart; also the SVG's aria-description. */
  caption: string;
  legend?: LegendItem[];
  plot: Plot.PlotOptions;
  nonce: string;
}

/** Swatch classes are defined in media/panel.css (they share the charts' CSS colour variables). */
export interface LegendItem {
  swatch: 'dot-measured' | 'dot-ensemble' | 'ring-measured' | 'line-model' | 'band-floor' | 'bar-expected' | 'bar-moved';
  label: string;
}

export function plotFigure(o: FigureOptions): HTMLElement {
  const chart = Plot.plot({ ...o.plot, ariaLabel: o.title, ariaDescription: o.caption, className: 'eq-plot' });
  withNonce(chart, o.nonce);
  return el('figure', { class: 'chart', 'data-chart': o.id }, el(o.heading ?? 'h3', {}, o.title), o.legend ? legend(o.legend) : null, chart, el('figcaption', {}, o.caption));
}

export function legend(items: LegendItem[]): HTMLElement {
  return el('ul', { class: 'legend', 'aria-label': 'Legend' }, ...items.map((i) => el('li', {}, el('span', { class: `swatch ${i.swatch}`, 'aria-hidden': 'true' }), i.label)));
}

/**
 * Plot puts a <style> inside its SVG (and in legends). A strict CSP drops a <style> without the
 * document's nonce, so it is set before the element is attached.
 */
export function withNonce(node: Element, nonce: string): void {
  const styles = node.tagName.toLowerCase() === 'style' ? [node] : Array.from(node.querySelectorAll('style'));
  for (const s of styles) s.setAttribute('nonce', nonce);
}
