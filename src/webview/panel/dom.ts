// DOM building without innerHTML: strings always become text nodes, so names from model files
// (paths, layers, element names, warnings) can never become markup.
export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element; attributes with null/undefined/false values are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/**
 * A number as shown, tagged with where it lives in the report JSON and its raw value, so tests
 * can compare the panel with the CLI's JSON exactly (null for a metric that does not apply).
 */
export function metric(path: string, value: number | null | undefined, text: string, cls = 'metric'): HTMLSpanElement {
  return el('span', { class: cls, 'data-metric': path, 'data-value': JSON.stringify(value ?? null) }, text);
}
