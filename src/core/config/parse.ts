import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { MAX_CONFIG_DEPTH, tooDeepAt } from './configDepth';
import { displayPath, lineColumn } from './textPosition';
import type { ConfigError } from './types';

/** The parsed document: its value, the jsonc tree (offsets for every node) and syntax errors. */
export interface ParsedConfig {
  value: unknown;
  root: Node | undefined;
  errors: ConfigError[];
}

/** Parses JSON with comments and trailing commas; syntax errors and repeated keys become ConfigErrors. */
export function parseConfig(text: string): ParsedConfig {
  const deep = tooDeepAt(text);
  if (deep >= 0) return { value: undefined, root: undefined, errors: [errorAt(text, [], deep, 1, `nested deeper than ${MAX_CONFIG_DEPTH} levels`)] };
  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, { allowTrailingComma: true, disallowComments: false });
  const errors = syntax.map((e) => errorAt(text, [], e.offset, e.length, `syntax error: ${describe(printParseErrorCode(e.error))}`));
  if (root) errors.push(...repeatedKeys(text, root, []));
  return { value: root && syntax.length === 0 ? getNodeValue(root) : undefined, root, errors };
}

/** A ConfigError at a given place in the text. */
export function errorAt(text: string, segments: (string | number)[], offset: number, length: number, message: string): ConfigError {
  return { path: displayPath(segments), segments, ...lineColumn(text, offset), offset, length, message };
}

/** The node at `segments` and, for a property, its key node (errors about keys point at the key). */
export function nodeAt(root: Node | undefined, segments: (string | number)[]): { value?: Node; key?: Node } {
  if (!root) return {};
  const value = segments.length ? findNodeAtLocation(root, segments) : root;
  const key = value?.parent?.type === 'property' ? value.parent.children?.[0] : undefined;
  return { value, key };
}

// jsonc-parser keeps both copies of a repeated key and getNodeValue takes the last, silently.
function repeatedKeys(text: string, node: Node, segments: (string | number)[]): ConfigError[] {
  const out: ConfigError[] = [];
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || typeof key.value !== 'string') continue;
      if (seen.has(key.value)) out.push(errorAt(text, [...segments, key.value], key.offset, key.length, `key "${key.value}" appears twice`));
      seen.add(key.value);
      if (value) out.push(...repeatedKeys(text, value, [...segments, key.value]));
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => out.push(...repeatedKeys(text, child, [...segments, i])));
  }
  return out;
}

// 'PropertyNameExpected' → 'property name expected'.
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
