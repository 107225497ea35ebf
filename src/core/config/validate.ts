import type { ErrorObject } from 'ajv';
import type { Node } from 'jsonc-parser';
// CONFIG_SCHEMA compiled at build time (scripts/validators.mjs, ajv standalone): nothing compiles at start-up.
import compiled from '../../generated/configValidator';
import { errorAt, nodeAt } from './parse';
import { FIXED_GROUPS } from './schema';
import { suggest } from './suggest';
import type { ConfigError } from './types';

/** Schema errors of a parsed config, each with its JSON path and the line of the offending key or value. */
export function validateConfig(text: string, root: Node | undefined, value: unknown): ConfigError[] {
  if (compiled(value)) return [];
  const errors = relevant(compiled.errors ?? []);
  const out = errors.map((e) => toConfigError(text, root, e));
  // One message per place and text: allErrors reports some twice (e.g. both anyOf branches).
  const seen = new Set<string>();
  return out.filter((e) => !seen.has(`${e.offset}:${e.message}`) && seen.add(`${e.offset}:${e.message}`));
}

/**
 * Drops the noise around an anyOf: when a branch got past the type (its errors lie deeper), those
 * deeper errors say what is wrong; otherwise the anyOf's own error, worded from the branch types.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const under = (x: ErrorObject, a: ErrorObject) => x !== a && x.schemaPath.startsWith(`${a.schemaPath}/`) && (x.instancePath === a.instancePath || x.instancePath.startsWith(`${a.instancePath}/`));
  return errors.filter((e) => {
    const owner = anyOfs.find((a) => under(e, a));
    if (owner) return e.instancePath !== owner.instancePath;
    if (e.keyword !== 'anyOf') return true;
    return !errors.some((x) => under(x, e) && x.instancePath !== e.instancePath);
  });
}

function toConfigError(text: string, root: Node | undefined, e: ErrorObject): ConfigError {
  const segments = pointerSegments(e.instancePath, root);
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const at = nodeAt(root, [...segments, key]).key;
    const hint = suggest(key, allowedKeys(e));
    return errorAt(text, [...segments, key], at?.offset ?? 0, at?.length ?? 0, `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  const { value, key } = nodeAt(root, segments);
  // Errors about a whole object (a missing key) point at its key, so the line is where it starts.
  const at = e.keyword === 'required' ? (key ?? value) : value;
  return errorAt(text, segments, at?.offset ?? 0, at?.length ?? 0, message(e, value));
}

function message(e: ErrorObject, node: Node | undefined): string {
  const got = node ? describeValue(node) : 'nothing';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `expected ${String(p.type).split(',').join(' or ')}, got ${got}`;
    case 'anyOf':
      return `expected ${branchTypes(e).join(' or ')}, got ${got}`;
    case 'enum':
      return `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'required':
      return `missing required key "${String(p.missingProperty)}"`;
    // The schema's only pattern is output's.
    case 'pattern':
      if (e.schemaPath.includes('/inputShape/')) return `expected sizes like "320x320x3", got ${got}`;
      if (e.schemaPath.includes('/group/')) return `expected one of ${GROUP_LIST}, or rot:<n>, dih:<n> (n ≥ 2), so2:<m> (m ≥ 1), got ${got}`;
      if (e.schemaPath.includes('/fixedInputs/')) return `expected a .npy path inside the config's folder (relative, no '..'), got ${got}`;
      return `expected 'invariant', 'same[;<generator>=<permutation>…]', 'classes:<generator>=<permutation>;…' or 'points:<fields>[,<frame>][;…]', got ${got}`;
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      return `must not be empty`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return `must be ${String(p.comparison)} ${String(p.limit)}, got ${got}`;
    default:
      return `${e.message ?? 'invalid'}, got ${got}`;
  }
}

const GROUP_LIST = FIXED_GROUPS.map((g) => JSON.stringify(g)).join(', ');

function branchTypes(e: ErrorObject): string[] {
  const branches = (e.parentSchema as { anyOf?: { type?: string }[] } | undefined)?.anyOf ?? [];
  return branches.map((b) => (b.type === 'array' ? 'a list' : `a ${b.type ?? 'value'}`));
}

function allowedKeys(e: ErrorObject): string[] {
  return Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
}

// '/audits/0/thresholds' → ['audits', 0, 'thresholds']; a segment is a number only inside an array.
function pointerSegments(pointer: string, root: Node | undefined): (string | number)[] {
  const out: (string | number)[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const parent = nodeAt(root, out).value;
    out.push(parent?.type === 'array' && /^\d+$/.test(seg) ? Number(seg) : seg);
  }
  return out;
}

function describeValue(node: Node): string {
  if (node.type === 'string') return JSON.stringify(node.value);
  if (node.type === 'number' || node.type === 'boolean' || node.type === 'null') return `${node.type} ${String(node.value)}`;
  return node.type === 'array' ? 'a list' : 'an object';
}
