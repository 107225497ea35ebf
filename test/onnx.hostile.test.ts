// Hostile .onnx files (issue 14.2): each crafted byte by byte, each must give the CLI exit 2 with
// one line naming the file and the problem, read nothing outside the model's folder, never hang
// (a FIFO stands where an external-data location points: opening it would block) and never
// allocate gigabytes (the process's peak RSS is checked at the end).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { realpathSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fifo, runMain } from './helpers/hostileFs';
import { NO_RUNTIME } from './helpers/onnxWriter';

// ---- protobuf by hand: every length and field as the case needs it, right or wrong ----
type Bytes = Uint8Array | number[];
const enc = new TextEncoder();
function varint(v: number | bigint): number[] {
  let b = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (b >= 0x80n) {
    out.push(Number(b & 0x7fn) | 0x80);
    b >>= 7n;
  }
  out.push(Number(b));
  return out;
}
function cat(...parts: Bytes[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
const key = (no: number, wire: number) => varint(no * 8 + wire);
const int = (no: number, v: number | bigint) => cat(key(no, 0), varint(v));
const bytes = (no: number, b: Bytes) => cat(key(no, 2), varint(b.length), b);
const str = (no: number, s: string | Bytes) => bytes(no, typeof s === 'string' ? enc.encode(s) : s);
const msg = (no: number, ...parts: Bytes[]) => bytes(no, cat(...parts));

const FLOAT = 1;
const dim = (d: number | string) => msg(1, typeof d === 'number' ? int(1, d) : str(2, d));
/** ValueInfoProto: name, tensor type (elem_type, shape). */
const value = (name: string | Bytes, elem: number, dims: (number | string)[]) => cat(str(1, name), msg(2, msg(1, int(1, elem), msg(2, ...dims.map(dim)))));
/** NodeProto: inputs, outputs, op type, attributes. */
const node = (op: string, inputs: (string | Bytes)[], outputs: string[], ...attrs: Bytes[]) => cat(...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(4, op), ...attrs);
/** TensorProto: dims, data type, name, then whatever data or location fields the case gives. */
const tensor = (name: string | Bytes, dims: number[], type: number, ...rest: Bytes[]) => cat(...dims.map((d) => int(1, d)), int(2, type), str(8, name), ...rest);
const raw = (n: number) => bytes(9, new Uint8Array(n));
const INT64 = 7;
/** An int64 tensor's raw_data, little-endian. */
const int64s = (...v: number[]) => bytes(9, new Uint8Array(BigInt64Array.from(v, BigInt).buffer));
/** y = op(constants…) + x: a model that makes a tensor from constants alone (onnxruntime folds it at load). */
const constantsModel = (op: string, inits: Bytes[], inputs: string[], ...more: Bytes[]) =>
  model(cat(...more, msg(1, node(op, inputs, ['c'])), msg(1, node('Add', ['x', 'c'], ['y'])), ...inits.map((t) => msg(5, t)), io('x', 'y', FLOAT, ['N', 1])));
/** ModelProto: ir_version, the graph (field 7), the default-domain opset. */
const model = (graph: Bytes, opts: { opset?: number; ir?: number } = {}) => cat(int(1, opts.ir ?? 8), msg(7, graph), msg(8, str(1, ''), int(2, opts.opset ?? 13)));
const io = (x = 'x', y = 'y', elem = FLOAT, dims: (number | string)[] = ['N', 3, 4, 4]) => cat(msg(11, value(x, elem, dims)), msg(12, value(y, elem, dims)));
/** y = x + w, w a [3,4,4] initializer with its data: a valid model to damage. */
const addModel = (w: Bytes = tensor('w', [3, 4, 4], FLOAT, raw(3 * 16 * 4))) => model(cat(msg(1, node('Add', ['x', 'w'], ['y'])), msg(5, w), io()));
/** Relu on x: a valid model whose inputs, outputs and opset a case changes. */
const reluModel = (x: string | Bytes = 'x', elem = FLOAT, dims: (number | string)[] = ['N', 3, 4, 4], opts: { opset?: number; ir?: number } = {}) =>
  model(cat(msg(1, node('Relu', [x], ['y'])), msg(11, value(x, elem, dims)), msg(12, value('y', elem, dims))), opts);
/** An external-data initializer: data_location EXTERNAL, external_data { location }. */
const external = (location: string) => tensor('w', [3, 4, 4], FLOAT, msg(13, str(1, 'location'), str(2, location)), int(14, 1));
/** An If node whose then-branch holds an If node … `depth` levels down. */
function nestedIf(depth: number): Uint8Array {
  let inner = cat(msg(1, node('Identity', ['x'], ['y'])), msg(12, value('y', FLOAT, [1])));
  for (let i = 0; i < depth; i++) {
    const branch = msg(5, str(1, 'then_branch'), msg(6, inner), int(20, 5));
    inner = cat(msg(1, node('If', ['c'], ['y'], branch)), msg(12, value('y', FLOAT, [1])));
  }
  return model(cat(inner, msg(11, value('c', 9, [1]))));
}
/** A value type nested `depth` sequences deep: sequence_type (4) { elem_type (1) { … tensor } }. */
function nestedType(depth: number): Uint8Array {
  let t: Uint8Array = msg(1, int(1, FLOAT));
  for (let i = 0; i < depth; i++) t = msg(4, msg(1, t));
  return t;
}

// ---- the folders: ws holds the models, outside what must never be read ----
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'equilens-onnx-hostile-')));
const ws = join(dir, 'ws');
const outside = join(dir, 'outside');
mkdirSync(ws);
mkdirSync(outside);
writeFileSync(join(outside, 'secret.bin'), new Uint8Array(3 * 16 * 4).fill(7));
fifo(join(outside, 'fifo'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every path the process opens, stats or reads through node:fs while the cases run. */
const touched: string[] = [];
const spied = ['open', 'readFile', 'stat', 'lstat', 'realpath', 'opendir', 'readdir', 'access'] as const;
for (const name of spied) {
  const original = fs.promises[name] as (...a: unknown[]) => unknown;
  (fs.promises as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => (touched.push(String(a[0])), original.apply(fs.promises, a));
}
for (const name of ['openSync', 'readFileSync', 'statSync', 'lstatSync', 'existsSync', 'realpathSync'] as const) {
  const original = fs[name] as (...a: unknown[]) => unknown;
  (fs as unknown as Record<string, unknown>)[name] = Object.assign((...a: unknown[]) => (touched.push(String(a[0])), original.apply(fs, a)), original);
}

interface Case {
  name: string;
  bytes: Uint8Array;
  problem: RegExp;
  /** Reaches onnxruntime (the parser lets it through): skipped where the runtime is missing. */
  runtime?: boolean;
  /** Extend the file to this size (sparse: no disk used) after writing the bytes. */
  size?: number;
}

const cut = (b: Uint8Array, share: number) => b.subarray(0, Math.floor(b.length * share));
const CASES: Case[] = [
  // Truncated and lying about lengths.
  ...[0.3, 0.6, 0.97].map((share) => ({ name: `truncated-${share}.onnx`, bytes: cut(addModel(), share), problem: /is not a valid ONNX model \(not protobuf, or truncated: truncated/ })),
  { name: 'length-past-end.onnx', bytes: cat(int(1, 8), key(7, 2), varint(2 ** 31), [1, 2, 3]), problem: /truncated length-delimited field/ },
  { name: 'length-2^62.onnx', bytes: cat(int(1, 8), key(7, 2), varint(2n ** 62n), [1, 2, 3]), problem: /truncated length-delimited field/ },
  { name: 'nested-length-past-end.onnx', bytes: model(cat(key(1, 2), varint(1000), str(4, 'Relu'))), problem: /truncated length-delimited field/ },
  { name: 'varint-11-bytes.onnx', bytes: cat([0x08], new Array(10).fill(0xff), [0x01]), problem: /varint longer than 10 bytes/ },
  { name: 'wire-type-group.onnx', bytes: cat(key(7, 3), [0]), problem: /wire type 3/ },
  { name: 'field-zero.onnx', bytes: cat([0x00, 0x00]), problem: /field number 0/ },
  // Sizes: absurd, negative, declared but not there.
  { name: 'dims-2^40.onnx', bytes: addModel(tensor('w', [2 ** 20, 2 ** 20], FLOAT, raw(4))), problem: /initializer 'w' has 1099511627776 elements, over the \d+ limit/ },
  { name: 'dims-2^63.onnx', bytes: addModel(tensor('w', [2 ** 62, 2 ** 62], FLOAT, raw(4))), problem: /initializer 'w' has dimension \d+: not a size|elements, over the/ },
  { name: 'dims-negative.onnx', bytes: addModel(tensor('w', [3, -4, 4], FLOAT, raw(4))), problem: /initializer 'w' has dimension -4: not a size/ },
  {
    name: 'declared-64mib-holds-4-bytes.onnx',
    bytes: addModel(tensor('w', [4096, 4096], FLOAT, raw(4))),
    problem: /initializer 'w' declares 4096×4096 float32 \(16777216 values\) but holds 4 bytes of raw data for 67108864/,
  },
  { name: 'declared-holds-nothing.onnx', bytes: addModel(tensor('w', [3, 4, 4], FLOAT)), problem: /initializer 'w' declares 3×4×4 float32 \(48 values\) but holds no data/ },
  { name: 'float-data-short.onnx', bytes: addModel(tensor('w', [3, 4, 4], FLOAT, bytes(4, new Uint8Array(8)))), problem: /declares 3×4×4 float32 \(48 values\) but holds 2 values/ },
  {
    name: 'constant-attribute-tiny-data.onnx',
    bytes: model(cat(msg(1, node('Constant', [], ['y'], msg(5, str(1, 'value'), msg(5, tensor('c', [8192, 8192], FLOAT, raw(4))), int(20, 4)))), msg(12, value('y', FLOAT, [8192, 8192])))),
    problem: /attribute tensor 'c' declares 8192×8192 float32 \(67108864 values\) but holds 4 bytes/,
  },
  // Tensors made from constants alone: a 150-byte file asking the runtime for gigabytes at load.
  {
    name: 'constant-of-shape-2^40.onnx',
    bytes: constantsModel('ConstantOfShape', [tensor('s', [2], INT64, int64s(2 ** 20, 2 ** 20))], ['s']),
    problem: /ConstantOfShape node making 'c' asks for 1099511627776 elements from constants alone, over the \d+ limit/,
  },
  {
    name: 'constant-of-shape-from-constant-node.onnx',
    bytes: constantsModel('ConstantOfShape', [], ['s'], msg(1, node('Constant', [], ['s'], msg(5, str(1, 'value'), msg(5, tensor('v', [2], INT64, int64s(2 ** 30, 1))), int(20, 4))))),
    problem: /ConstantOfShape node making 'c' asks for 1073741824 elements/,
  },
  {
    name: 'expand-2^30.onnx',
    bytes: constantsModel('Expand', [tensor('one', [1], FLOAT, raw(4)), tensor('s', [2], INT64, int64s(2 ** 15, 2 ** 15))], ['one', 's']),
    problem: /Expand node making 'c' asks for 1073741824 elements/,
  },
  {
    name: 'tile-2^32.onnx',
    bytes: constantsModel('Tile', [tensor('t', [16, 16], FLOAT, raw(1024)), tensor('r', [2], INT64, int64s(4096, 4096))], ['t', 'r']),
    problem: /Tile node making 'c' asks for 4294967296 elements/,
  },
  {
    name: 'range-2^31.onnx',
    bytes: constantsModel('Range', [tensor('a', [], INT64, int64s(0)), tensor('b', [], INT64, int64s(2 ** 31)), tensor('d', [], INT64, int64s(1))], ['a', 'b', 'd']),
    problem: /Range node making 'c' asks for 2147483648 elements/,
  },
  { name: 'input-2^40.onnx', bytes: reluModel('x', FLOAT, [1, 3, 2 ** 20, 2 ** 20]), problem: /input.*(limit|too large|over)/i, runtime: true },
  { name: 'sparse-8gib.onnx', bytes: addModel(), size: 8 * 2 ** 30, problem: /ONNX model is 8192\.0 MiB, over the 4096\.0 MiB weights limit/ },
  // Nesting.
  { name: 'nested-if-200.onnx', bytes: nestedIf(200), problem: /ONNX subgraphs nested deeper than 32/ },
  {
    name: 'nested-type-5000.onnx',
    bytes: model(cat(msg(1, node('Relu', ['x'], ['y'])), msg(11, str(1, 'x'), msg(2, nestedType(5000))), msg(12, value('y', FLOAT, ['N', 3, 4, 4])))),
    problem: /./,
    runtime: true,
  },
  { name: 'two-million-empty-nodes.onnx', bytes: model(new Uint8Array(4_000_000).map((_, i) => (i % 2 ? 0 : 0x0a))), problem: /more than 1048576 fields in one message/ },
  // External data: never opened, wherever it points.
  ...['../../../../../../etc/passwd', '/etc/passwd', '../outside/secret.bin', '../outside/fifo', 'weights.bin'].map((loc, i) => ({
    name: `external-${i}.onnx`,
    bytes: addModel(external(loc)),
    problem: /keeps tensors in external data files: not supported/,
  })),
  // Names and types.
  { name: 'name-not-utf8.onnx', bytes: reluModel(Uint8Array.of(0xff, 0xfe, 0x41)), problem: /is not a valid ONNX model \(a name is not UTF-8 text\)/ },
  { name: 'name-with-escapes.onnx', bytes: addModel(tensor('w\n\x1b[31mRED\x07', [2 ** 20, 2 ** 20], FLOAT, raw(4))), problem: /initializer 'w.*RED.*' has 1099511627776 elements/ },
  { name: 'input-string.onnx', bytes: model(cat(msg(1, node('Identity', ['x'], ['y'])), io('x', 'y', 8, ['N', 4]))), problem: /string/, runtime: true },
  { name: 'input-bool.onnx', bytes: model(cat(msg(1, node('Not', ['x'], ['y'])), io('x', 'y', 9, ['N', 4]))), problem: /bool/, runtime: true },
  { name: 'input-complex64.onnx', bytes: model(cat(msg(1, node('Identity', ['x'], ['y'])), io('x', 'y', 14, ['N', 4]))), problem: /complex64/, runtime: true },
  { name: 'input-float16.onnx', bytes: model(cat(msg(1, node('Relu', ['x'], ['y'])), io('x', 'y', 10))), problem: /float16/, runtime: true },
  { name: 'opset-99.onnx', bytes: reluModel('x', FLOAT, ['N', 3, 4, 4], { opset: 99 }), problem: /onnxruntime cannot load this model: ONNX Runtime only \*guarantees\* support/, runtime: true },
  { name: 'ir-version-99.onnx', bytes: reluModel('x', FLOAT, ['N', 3, 4, 4], { ir: 99 }), problem: /onnxruntime cannot load this model/, runtime: true },
];

const rssBefore = process.resourceUsage().maxRSS;

for (const c of CASES) {
  test(`hostile ${c.name}: exit 2, one line naming the file`, { skip: c.runtime && NO_RUNTIME, timeout: 120_000 }, async () => {
    const file = join(ws, c.name);
    writeFileSync(file, c.bytes);
    if (c.size) fs.truncateSync(file, c.size);
    // One thread: worker threads' own start-up would blur the peak-RSS check below (~260 MiB of runtimes here).
    const r = await runMain(['audit', file, '-n', '2', '--backend', 'cpu', '--workers', '1', '-q']);
    assert.equal(r.code, 2, `${c.name}: exit ${r.code}: ${r.stderr}`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `${c.name}: one line, got ${JSON.stringify(r.stderr)}`);
    assert.ok(lines[0]!.startsWith(`equilens: ${file}: `), `${c.name}: names the file: ${lines[0]}`);
    assert.match(lines[0]!, c.problem, c.name);
    assert.doesNotMatch(lines[0]!, /[\x00-\x08\x0b-\x1f\x7f]/, `${c.name}: control characters printed`);
  });
}

test('nothing outside the model folder was opened, stat-ed or read', () => {
  assert.ok(
    touched.some((p) => p.startsWith(ws)),
    'the spy saw the models being read',
  );
  const out = touched.filter((p) => p.startsWith(outside) || p.startsWith('/etc/') || p.includes('passwd'));
  assert.deepEqual(out, []);
});

test('the hostile files together raised peak RSS by under 512 MiB', () => {
  const grewMiB = (process.resourceUsage().maxRSS - rssBefore) / 1024;
  assert.ok(grewMiB < 512, `peak RSS grew by ${grewMiB.toFixed(0)} MiB`);
});
