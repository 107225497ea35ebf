// The docs as a whole: README.md stays a door (≤ 14 KB, the two Quick start commands), every
// relative link and #anchor in README.md, CONTRIBUTING.md and docs/*.md lands on a file and a
// heading that exist (GitHub's anchor rules), and the reference pages name every CLI flag, config
// key, VS Code setting and report field the code defines.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { main } from '../src/cli/main';
import { ROOT } from './helpers/cli';
import { anchorsOf, githubSlug, linksOf } from './helpers/markdown';

/** The pages checked: the door, the contributor guide and every reference page. */
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const read = (page: string): string => readFileSync(join(ROOT, page), 'utf8');

/** Where a relative link of `page` points, as a path from the repository root, and its anchor. */
function resolveLink(page: string, target: string): { file: string; anchor: string | null } {
  const hash = target.indexOf('#');
  const path = hash < 0 ? target : target.slice(0, hash);
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  const file =
    path === ''
      ? page
      : relative(ROOT, resolve(ROOT, dirname(page), decodeURIComponent(path)))
          .split('\\')
          .join('/');
  return { file, anchor };
}

test('the helper slugs headings as GitHub does', () => {
  assert.equal(githubSlug('Sharding large ensembles (`--shard i/n`, `equilens merge`)'), 'sharding-large-ensembles---shard-in-equilens-merge');
  assert.equal(githubSlug('Backends (`npm run bench:backends`)'), 'backends-npm-run-benchbackends');
  assert.equal(githubSlug('Code review (`equilens check`)'), 'code-review-equilens-check');
  assert.equal(githubSlug('1. The result we operationalise'), '1-the-result-we-operationalise');
  assert.equal(githubSlug('Where symmetry breaks (per-layer floor)'), 'where-symmetry-breaks-per-layer-floor');
  const anchors = anchorsOf('# A\n```\n# not a heading\n```\n## A\n## `b` [c](x.md)\n');
  assert.deepEqual([...anchors], ['a', 'a-1', 'b-c']);
});

test('every relative link and #anchor in README.md, CONTRIBUTING.md and docs/*.md resolves', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const page of PAGES) {
    for (const { target, line } of linksOf(read(page))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, command: …
      checked++;
      const at = `${page}:${line}: ${target}`;
      const { file, anchor } = resolveLink(page, target);
      if (file.startsWith('..')) {
        broken.push(`${at} leaves the repository`);
        continue;
      }
      if (!existsSync(join(ROOT, file))) {
        broken.push(`${at}: no file ${file}`);
        continue;
      }
      if (anchor === null) continue;
      if (!file.endsWith('.md') || statSync(join(ROOT, file)).isDirectory()) broken.push(`${at}: an anchor into a file that has no headings`);
      else if (!anchorsOf(read(file)).has(anchor)) broken.push(`${at}: ${file} has no heading #${anchor}`);
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked > 100, `only ${checked} relative links found: is the link parser still reading the pages?`);
});

test('README.md is a door: at most 14 KB, the two Quick start commands, links to every reference page', () => {
  const readme = read('README.md');
  const bytes = Buffer.byteLength(readme);
  assert.ok(bytes <= 14 * 1024, `README.md is ${bytes} bytes`);
  const quick = readme.slice(readme.indexOf('## Quick start'));
  assert.equal(/```sh\n([\s\S]*?)```/.exec(quick)?.[1], 'npm ci && npm run demo\nnpm test\n');
  const targets = new Set(linksOf(readme).map((l) => l.target.split('#')[0]));
  for (const page of [
    'docs/cli.md',
    'docs/configuration.md',
    'docs/report-format.md',
    'docs/performance.md',
    'docs/vscode.md',
    'CONTRIBUTING.md',
    'docs/THEORY.md',
    'docs/ci.md',
    'docs/representations.md',
    'docs/real-models.md',
    'docs/groups.md',
    'docs/lie.md',
    'docs/c16-example.md',
  ]) {
    assert.ok(targets.has(page), `README.md links to ${page}`);
  }
  assert.ok(readme.includes('](docs/screenshots/'), 'README.md shows a screenshot');
});

/** The long flags `equilens <command> --help` lists. */
async function helpFlags(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (s: string) => (out.push(String(s)), true);
  try {
    assert.equal(await main([...args, '--help']), 0);
  } finally {
    process.stdout.write = write;
  }
  const text = out.join('');
  assert.match(text, /Options:/);
  return [...new Set([...text.matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!))];
}

test('docs/cli.md names every command and every flag the CLI accepts', async () => {
  const doc = read('docs/cli.md');
  const missing: string[] = [];
  const commands = ['audit', 'check', 'init', 'merge'];
  for (const command of commands) {
    if (!doc.includes(`equilens ${command}`)) missing.push(`equilens ${command}`);
    const flags = await helpFlags([command]);
    assert.ok(flags.length >= 2, `${command} --help lists its flags`);
    for (const flag of flags) if (!new RegExp(`\`[^\`]*(?<![\\w-])${flag}(?![\\w-])[^\`]*\``).test(doc)) missing.push(`${command} ${flag}`);
  }
  for (const flag of await helpFlags([])) if (!doc.includes(flag)) missing.push(flag);
  assert.deepEqual(missing, []);
  // The audit flags a user meets first are all there, so the list above is the real one.
  const auditFlags = await helpFlags(['audit']);
  for (const f of ['--group', '--output', '--probes', '--no-localise', '--max-probes', '--shard', '--workers']) assert.ok(auditFlags.includes(f), f);
});

/** A page's text with that of the docs/ pages it links to (a field documented on a linked page counts). */
function withLinkedPages(page: string): string {
  const texts = [read(page)];
  for (const { target } of linksOf(read(page))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const { file } = resolveLink(page, target);
    if (file !== page && file.startsWith('docs/') && file.endsWith('.md') && existsSync(join(ROOT, file))) texts.push(read(file));
  }
  return texts.join('\n');
}

/** Every property name a JSON Schema declares, at any depth. */
function schemaKeys(node: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) schemaKeys(n, keys);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if ((k === 'properties' || k === 'patternProperties') && v && typeof v === 'object') for (const name of Object.keys(v)) if (k === 'properties') keys.add(name);
      schemaKeys(v, keys);
    }
  }
  return keys;
}

const named = (text: string, name: string): boolean => new RegExp(`(?<![\\w-])${name.replace(/[.$]/g, '\\$&')}(?![\\w-])`).test(text);

test('docs/report-format.md names every field of schema/report.schema.json', () => {
  const text = withLinkedPages('docs/report-format.md');
  const keys = schemaKeys(JSON.parse(read('schema/report.schema.json')));
  assert.ok(keys.has('floorCI') && keys.has('breakingLayer') && keys.size > 60, `${keys.size} report fields found`);
  assert.deepEqual(
    [...keys].filter((k) => !named(text, k)),
    [],
  );
});

test('docs/configuration.md names every config key and every VS Code setting', () => {
  const text = withLinkedPages('docs/configuration.md');
  const keys = schemaKeys(JSON.parse(read('schema/config.schema.json')));
  assert.ok(keys.has('thresholds') && keys.has('maxFloor') && keys.has('fixedInputs'), `${keys.size} config keys found`);
  const missing = [...keys].filter((k) => !named(text, k));
  const pkg = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] } };
  const sections = [pkg.contributes.configuration].flat();
  const settings = sections.flatMap((s) => Object.keys(s.properties));
  assert.ok(settings.length >= 20 && settings.includes('equilens.group'), `${settings.length} settings found`);
  for (const s of settings) if (!text.includes(`\`${s}\``)) missing.push(s);
  assert.deepEqual(missing, []);
});
