import type { Rng } from '../../src/core/rng';
import type { FuzzCase } from './types';
import { MEMORY_MUTATIONS } from './memoryMutations';
import { SECURITY_MUTATIONS } from './securityMutations';

type Json = unknown;
interface Mutation {
  name: string;
  /** Structural mutations work on parsed JSON and run before text/byte ones. */
  structural: boolean;
  apply(c: FuzzCase, rng: Rng): void;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;

// eslint-disable-next-line no-loss-of-precision -- 1e400 is Infinity on purpose: a hostile weight value
const BAD_NUMBERS = [1e12, -1, -7, 1.5, 0.1, 2 ** 53, 2 ** 53 + 2, 2 ** 31, 2 ** 32, 1e308, -1e308, 0, -0, 65536, 1e400];
const BAD_VALUES: Json[] = ['x', '', '3', null, true, false, [], {}, [1, 2], { a: 1 }, ...BAD_NUMBERS];
const DTYPES: Json[] = ['float32', 'int32', 'bool', 'string', 'complex64', 'float16', 'uint8', 'uint16', 'float64', 'foo', '', 5, null];

/** Every [container, key] pair in the JSON tree, for picking a random spot. */
function spots(v: Json, out: [Record<string, Json> | Json[], string | number][] = []) {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), spots(x, out)));
  else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      out.push([v as Record<string, Json>, k]);
      spots((v as Record<string, Json>)[k], out);
    }
  }
  return out;
}

/** Parses, edits and re-serialises model.json; a no-op when earlier mutations broke it. */
function edit(c: FuzzCase, f: (json: Record<string, any>) => void): void {
  let json: any;
  try {
    json = JSON.parse(c.json);
  } catch {
    return;
  }
  if (!json || typeof json !== 'object') return;
  f(json);
  c.json = JSON.stringify(json);
}

function weights(json: Record<string, any>): any[] {
  const m = json.weightsManifest;
  return Array.isArray(m) ? m.flatMap((g: any) => (Array.isArray(g?.weights) ? g.weights : [])).filter((w: any) => w && typeof w === 'object') : [];
}
function groups(json: Record<string, any>): any[] {
  return Array.isArray(json.weightsManifest) ? json.weightsManifest.filter((g: any) => g && Array.isArray(g.paths)) : [];
}

function flip(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = bytes.slice();
  const n = 1 + rng.int(8);
  for (let i = 0; i < n && out.length; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
  return out;
}

const shardNames = (c: FuzzCase) => Object.keys(c.files);

export const MUTATIONS: Mutation[] = [
  {
    name: 'weight-shape',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const ws = weights(j);
        if (!ws.length) return;
        const w = pick(rng, ws);
        const choice = rng.int(4);
        if (choice === 0 && Array.isArray(w.shape) && w.shape.length) w.shape[rng.int(w.shape.length)] = pick(rng, BAD_NUMBERS);
        else if (choice === 1) w.shape = [pick(rng, BAD_NUMBERS), pick(rng, BAD_NUMBERS)];
        else if (choice === 2) w.shape = pick(rng, BAD_VALUES);
        else w.shape = [...(Array.isArray(w.shape) ? w.shape : []), 1 + rng.int(3)];
      }),
  },
  {
    name: 'weight-dtype',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const ws = weights(j);
        if (ws.length) pick(rng, ws).dtype = pick(rng, DTYPES);
      }),
  },
  {
    name: 'quantization',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const ws = weights(j);
        if (!ws.length) return;
        const q = { dtype: pick(rng, DTYPES), scale: pick(rng, BAD_VALUES), min: pick(rng, BAD_VALUES) };
        pick(rng, ws).quantization = rng.int(4) === 0 ? pick(rng, BAD_VALUES) : q;
      }),
  },
  {
    name: 'weight-path',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const gs = groups(j);
        if (!gs.length) return;
        const g = pick(rng, gs);
        const i = rng.int(Math.max(1, g.paths.length));
        const real = shardNames(c)[0] ?? 'weights.bin';
        const kind = rng.int(16);
        if (kind < 4) {
          // A symlink inside the folder: to a copy outside, to the folder's parent, to itself.
          const name = `link${rng.int(3)}.bin`;
          c.links[name] = pick(rng, [`@outside/${real}`, `@outside/${real}`, '..', '../..', name, '/etc/passwd']);
          g.paths[i] = name;
          return;
        }
        g.paths[i] = pick(rng, [
          `../${real}`,
          `../outside/${real}`,
          `sub/../../${real}`,
          '/etc/passwd',
          `/tmp/${real}`,
          'http://evil.example/w.bin',
          'file:///etc/passwd',
          'C:\\w.bin',
          '\\\\server\\share\\w.bin',
          '..\\w.bin',
          '',
          '.',
          './',
          `${real}/..`,
          `./${real}`,
          '%2e%2e/w.bin',
          `${real}\u0000`,
          'a'.repeat(300),
          'model.json',
          '~/w.bin',
          `.//${real}`,
        ]);
      }),
  },
  {
    name: 'delete-key',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const s = spots(j).filter(([o]) => !Array.isArray(o));
        if (!s.length) return;
        const [o, k] = rng.int(3) === 0 ? [j, pick(rng, Object.keys(j))] : pick(rng, s);
        delete (o as Record<string, Json>)[k as string];
      }),
  },
  {
    name: 'deep-nesting',
    structural: false,
    apply: (c, rng) => {
      const depth = pick(rng, [200, 255, 257, 1000, 100_000]);
      const at = c.json.lastIndexOf('}');
      if (at > 0) c.json = `${c.json.slice(0, at)},"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    },
  },
  {
    name: 'huge-number',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const s = spots(j).filter(([o, k]) => typeof (o as any)[k] === 'number');
        for (let n = 1 + rng.int(3); n > 0 && s.length; n--) {
          const [o, k] = pick(rng, s);
          (o as any)[k] = pick(rng, BAD_NUMBERS);
        }
      }),
  },
  {
    name: 'wrong-type',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const s = spots(j);
        if (!s.length) return;
        const [o, k] = rng.int(4) === 0 ? [j, pick(rng, Object.keys(j))] : pick(rng, s);
        (o as any)[k] = pick(rng, BAD_VALUES);
      }),
  },
  {
    name: 'duplicate-weight',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        const gs = groups(j).filter((g) => Array.isArray(g.weights) && g.weights.length);
        if (!gs.length) return;
        const g = pick(rng, gs);
        const w = pick<any>(rng, g.weights);
        if (rng.int(2)) g.weights.splice(rng.int((g.weights as unknown[]).length + 1), 0, { ...w });
        else pick(rng, g.weights as any[]).name = w?.name;
      }),
  },
  {
    name: 'empty-manifest',
    structural: true,
    apply: (c, rng) =>
      edit(c, (j) => {
        j.weightsManifest = pick(rng, [[], [{ paths: [], weights: [] }], [{ paths: shardNames(c), weights: [] }], [{ paths: [], weights: weights(j) }]]);
      }),
  },
  {
    name: 'truncate-json',
    structural: false,
    apply: (c, rng) => {
      c.json = c.json.slice(0, rng.int(c.json.length + 1));
    },
  },
  {
    name: 'extend-json',
    structural: false,
    apply: (c, rng) => {
      c.json += pick(rng, ['}', ']]]', ',', ' ', '\u0000', c.json, '{"a":1}', '\uFEFF', 'null']);
    },
  },
  {
    name: 'flip-json-bytes',
    structural: false,
    apply: (c, rng) => {
      c.json = new TextDecoder().decode(flip(new TextEncoder().encode(c.json), rng));
    },
  },
  {
    name: 'flip-shard-bytes',
    structural: false,
    apply: (c, rng) => {
      const names = shardNames(c);
      if (names.length) c.files[pick(rng, names)] = flip(c.files[pick(rng, names)]!, rng);
    },
  },
  {
    name: 'resize-shard',
    structural: false,
    apply: (c, rng) => {
      const names = shardNames(c);
      if (!names.length) return;
      const name = pick(rng, names);
      const b = c.files[name]!;
      const n = rng.int(3) === 0 ? 0 : pick(rng, [b.length - 1, b.length + 1, b.length - 4, b.length + 4, rng.int(b.length), b.length * 2]);
      const out = new Uint8Array(Math.max(0, n));
      out.set(b.subarray(0, Math.min(b.length, out.length)));
      c.files[name] = out;
    },
  },
  {
    name: 'delete-shard',
    structural: false,
    apply: (c, rng) => {
      const names = shardNames(c);
      if (names.length) delete c.files[pick(rng, names)];
    },
  },
  ...MEMORY_MUTATIONS,
  ...SECURITY_MUTATIONS,
];

/** Applies 1–3 random mutations (structural first); returns their names. */
export function mutate(c: FuzzCase, rng: Rng): string[] {
  const chosen = Array.from({ length: 1 + rng.int(3) }, () => pick(rng, MUTATIONS));
  chosen.sort((a, b) => Number(b.structural) - Number(a.structural));
  for (const m of chosen) m.apply(c, rng);
  if (rng.int(4) === 0) c.targetFolder = true;
  return chosen.map((m) => m.name);
}
