// Fuzz classes of issue 13 §2–3: 'special-file' (a shard or a .json that links to /dev/zero or is a
// FIFO), 'escaping-config-path' (an equilens.config.json whose models/probes leave the case
// folder: '..', absolute, through symlinks, backtracking globs) and 'injection-names' (layer,
// node and shard names holding newlines, ESC/OSC, Markdown and HTML). Each must end in a report
// or one line naming the file, reading nothing outside; reports must render safely (injection.ts).
import type { Rng } from '../../src/core/rng';
import { HOSTILE_NAMES } from './injection';
import type { FuzzCase } from './types';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

/** Link target that writeCase turns into a FIFO at the link's name. */
export const FIFO = '@fifo';

function paths(c: FuzzCase): { json: any; groups: any[] } | null {
  try {
    const json = JSON.parse(c.json);
    const groups = Array.isArray(json?.weightsManifest) ? json.weightsManifest.filter((g: any) => g && Array.isArray(g.paths) && g.paths.length) : [];
    return { json, groups };
  } catch {
    return null;
  }
}

// A JSON an earlier mutation nested thousands deep parses but does not stringify: leave it.
function setJson(c: FuzzCase, json: unknown): void {
  try {
    c.json = JSON.stringify(json);
  } catch {
    // keep the text as it was
  }
}

/** Config `models` and `probes` values a hostile pull request would write. */
const ESCAPES = [
  '../outside',
  '../',
  '..',
  '/etc',
  '/etc/passwd',
  'C:\\Windows',
  'file:///etc/passwd',
  'sub/../../x',
  './../x',
  'lnk',
  'lnk/model.json',
  'out.json',
  '../*',
  '/*',
  '**/../*',
  `**/${'a*'.repeat(24)}b`,
  `${'*'.repeat(40)}x`,
  '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}',
];
const GOOD = ['.', 'model.json', '*.json', '**', './model.json'];

export const SECURITY_MUTATIONS = [
  {
    name: 'special-file',
    structural: true,
    apply(c: FuzzCase, rng: Rng): void {
      const kind = rng.int(4);
      if (kind >= 2) {
        // Beside the model: discovery of the folder must skip it unread.
        c.links[pick(rng, ['zero.json', 'x.json', 'a.json'])] = kind === 2 ? '/dev/zero' : FIFO;
        c.targetFolder = true;
        return;
      }
      const p = paths(c);
      if (!p?.groups.length) return;
      const g = pick(rng, p.groups);
      const name = kind === 0 ? 'zero.bin' : 'fifo.bin';
      c.links[name] = kind === 0 ? '/dev/zero' : FIFO;
      g.paths[rng.int(g.paths.length)] = name;
      setJson(c, p.json);
    },
  },
  {
    name: 'escaping-config-path',
    structural: false,
    apply(c: FuzzCase, rng: Rng): void {
      c.links.lnk = '@outside/';
      c.links['out.json'] = pick(rng, ['@outside/', '/etc/hostname', '..']);
      const models = rng.int(3) === 0 ? [pick(rng, GOOD), pick(rng, ESCAPES)] : pick(rng, [...ESCAPES, ...GOOD]);
      const probes = rng.int(2) === 0 ? undefined : pick(rng, ['../outside/p.npy', '/dev/zero', 'lnk', 'out.json', '../x.npy', '/etc/passwd']);
      c.config = JSON.stringify({ audits: [{ name: pick(rng, HOSTILE_NAMES), models, ...(probes && { probes }) }] });
    },
  },
  {
    name: 'injection-names',
    structural: false,
    apply(c: FuzzCase, rng: Rng): void {
      // Rename one layer or node everywhere it appears (its weights follow), and maybe the shards.
      const names = [...new Set([...c.json.matchAll(/"name":\s*"([^"\\]+)"/g)].map((m) => m[1]!))].filter((n) => n.length > 2);
      if (names.length) {
        const from = pick(rng, names);
        const to = JSON.stringify(pick(rng, HOSTILE_NAMES)).slice(1, -1);
        c.json = c.json.split(from).join(to);
      }
      if (rng.int(2) === 0) {
        const p = paths(c);
        const shard = Object.keys(c.files)[0];
        if (!p || !shard) return;
        // File names may hold anything but '/' and NUL (and '\\', which a manifest reads as '/').
        const renamed = `${pick(rng, HOSTILE_NAMES).replace(/[/\\\u0000]/g, '_')}.bin`;
        for (const g of p.groups) g.paths = g.paths.map((x: string) => (x === shard ? renamed : x));
        c.files[renamed] = c.files[shard]!;
        delete c.files[shard];
        setJson(c, p.json);
      }
    },
  },
];
