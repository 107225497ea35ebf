// `npx tsx scripts/benchActivation.ts [runs] [bundle…]`: how long the extension takes to activate —
// loading dist/extension.js (parse + module top level) and running activate() — timed in a fresh
// Node process per run (no module cache shared between runs); median and range over the runs.
// Several bundles (e.g. a saved copy of an earlier build) run in turn, run by run, so a busy
// machine slows them alike. The `vscode` module is a stand-in that accepts every call (see HOST
// below): the figure is EquiLens's own cost, not VS Code's. Build first (`npm run build`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const runs = Number(process.argv[2] ?? 21);
const bundles = (process.argv.length > 3 ? process.argv.slice(3) : ['dist/extension.js']).map((b) => resolve(b));
for (const b of bundles) if (!existsSync(b)) throw new Error(`${b} is missing: run npm run build first`);

// Runs in the child (plain CommonJS, no tsx hooks that could touch the bundle's loading).
// Every vscode API is a proxy that returns another proxy; Uri and EventEmitter are small real ones
// because the extension builds paths and events from them while it activates.
const HOST = String.raw`
const Module = require('node:module');
const path = require('node:path');
const any = () => new Proxy(function () {}, {
  get: (t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : p === Symbol.iterator ? [][Symbol.iterator].bind([]) : any()),
  set: () => true,
  apply: () => any(),
  construct: (t, a, nt) => (nt === t ? any() : Reflect.construct(function () {}, a, nt)),
});
class Uri {
  constructor(fsPath) { this.scheme = 'file'; this.fsPath = fsPath; this.path = fsPath; }
  static file(p) { return new Uri(p); }
  static joinPath(u, ...parts) { return new Uri(path.join(u.fsPath, ...parts)); }
  static parse(s) { return new Uri(s.replace(/^file:\/\//, '')); }
  with() { return this; }
  toString() { return 'file://' + this.fsPath; }
}
class EventEmitter {
  constructor() { this.listeners = []; this.event = (l) => (this.listeners.push(l), { dispose() {} }); }
  fire(e) { for (const l of this.listeners) l(e); }
  dispose() {}
}
const real = { Uri, EventEmitter, workspace: { workspaceFolders: undefined, isTrusted: true, textDocuments: [] }, window: { visibleTextEditors: [] } };
// esbuild copies the module's own keys (__toESM): each name the bundle uses must be a real key.
const vscode = {};
for (const name of JSON.parse(process.env.EQUILENS_VSCODE_NAMES)) {
  const own = real[name];
  vscode[name] = own === undefined ? any() : typeof own === 'function' ? own : new Proxy(own, { get: (o, q) => (q in o ? o[q] : any()) });
}
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
const root = path.resolve(path.dirname(process.argv[1]), '..');
const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()] }; };
const context = {
  subscriptions: [], extensionPath: root, extensionUri: Uri.file(root), globalStorageUri: Uri.file('/tmp/equilens-bench'),
  workspaceState: memento(), globalState: Object.assign(memento(), { setKeysForSync() {} }),
  extension: { packageJSON: require(path.join(root, 'package.json')) },
};
const t0 = process.hrtime.bigint();
const ext = require(process.argv[1]);
const t1 = process.hrtime.bigint();
ext.activate(context);
const t2 = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ load: Number(t1 - t0) / 1e6, activate: Number(t2 - t1) / 1e6 }));
for (const d of context.subscriptions) try { d.dispose(); } catch {}
process.exit(0);
`;

// Every runtime name of the API (namespaces, classes, enums, functions), from its type declarations.
const api = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const names = [...new Set([...api.matchAll(/^\s+export (?:namespace|class|enum|function|const|let) (\w+)/gm)].map((m) => m[1]))];
const env = { ...process.env, EQUILENS_VSCODE_NAMES: JSON.stringify(names) };
const samples = new Map(bundles.map((b) => [b, [] as { load: number; activate: number }[]]));
for (let i = 0; i < runs; i++) {
  for (const b of bundles) {
    const out = execFileSync(process.execPath, ['-e', HOST, b], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'] });
    samples.get(b)?.push(JSON.parse(out) as { load: number; activate: number });
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(`${runs} runs each, Node ${process.version}`);
for (const [b, xs] of samples) {
  console.log(`${b} (${(readFileSync(b).length / 1024).toFixed(0)} KiB)`);
  console.log(`  load (require):  ${fmt(xs.map((s) => s.load))}`);
  console.log(`  activate():      ${fmt(xs.map((s) => s.activate))}`);
  console.log(`  total:           ${fmt(xs.map((s) => s.load + s.activate))}`);
}
