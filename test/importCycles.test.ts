// No import cycles in src/: a module's dependencies load before it, and layers stay layers.
// Type-only imports count too (madge counts them): a cycle of types is still a tangle to read.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers/cli';

const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

// Relative specifiers of static imports and re-exports, dynamic import() and require().
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;])import\s*['"](\.{1,2}\/[^'"]+)['"]|\b(?:import|require)\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;

/** The files a module imports from src/ (specifiers resolved as the bundler does). */
export function importsOf(file: string): string[] {
  // Comments may quote imports; strings cannot hold the forms matched above in this code base.
  const code = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec === undefined) continue;
    const base = join(dirname(file), spec);
    const found = [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
    if (found?.startsWith(SRC)) out.push(found);
  }
  return out;
}

/** Every elementary cycle's first sighting, by depth-first search: each as a list of files. */
function cycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') found.push([...stack.slice(stack.indexOf(g)), g]);
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);
  return found;
}

test('src/ has no import cycles', () => {
  const files = sources(SRC);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  // The walk sees the code base's imports: a broken parser finding none would pass vacuously.
  assert.ok([...graph.values()].reduce((n, d) => n + d.length, 0) > files.length, 'too few imports found');
  const shown = cycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(' → '));
  assert.deepEqual(shown, []);
});

test('the cycle search finds a planted cycle', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a', 'd']],
    ['d', []],
  ]);
  assert.deepEqual(cycles(g), [['a', 'b', 'c', 'a']]);
  assert.ok(importsOf(join(SRC, 'cli', 'auditCommand.ts')).includes(join(SRC, 'cli', 'auditSpec.ts')));
});
