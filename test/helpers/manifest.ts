// package.json as VS Code shows it: every "%key%" replaced by its package.nls.json text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli';

/** The raw manifest and its English strings. */
export const rawManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
export const nlsStrings = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Every "%key%" string in `value` (VS Code localises whole string values only). */
export function nlsKeys(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m) out.push(m[1]!);
  } else if (Array.isArray(value)) for (const v of value) nlsKeys(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) nlsKeys(v, out);
  return out;
}

function localise(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    const key = m?.[1];
    return key !== undefined && key in nlsStrings ? nlsStrings[key] : value;
  }
  if (Array.isArray(value)) return value.map(localise);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localise(v)]));
  return value;
}

/** The manifest with its strings in English. */
export const manifest = localise(rawManifest) as typeof rawManifest;
