// Issue 14 point 1: member-parallel workers (--workers). The report equals a serial run's apart
// from createdAt/timing (per-layer floors and the Lie derivative included: each worker computes
// its members' parts, the main thread folds them in member order), a
// bad member gives the serial run's one-line error, cancelling leaves no worker thread behind,
// and --workers takes positive integers only.
import assert from 'node:assert/strict';
import { cpSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AuditCancelled } from '../src/core/audit/runAudit';
import type { AuditHost, AuditSpec } from '../src/core/audit/spec';
import { EquiLensError } from '../src/core/errors';
import type { AuditReport } from '../src/core/report/types';
import { main } from '../src/cli/main';
import { loadConfigText } from '../src/core/config/loadConfig';
import { initBackend } from '../src/node/backend';
import { nodeFiles } from '../src/node/nodeFiles';
import { nodeOnnxEngine } from '../src/node/onnxEngine';
import { livePoolWorkers, poolBacklog, runAuditPool } from '../src/node/pool/auditPool';
import { aheadGate } from '../src/node/pool/aheadGate';
import { POOL_AHEAD } from '../src/node/pool/protocol';
import { tempDir } from './helpers/modelFixtures';

const ROOT = join(__dirname, '..');
const ENSEMBLE = `${ROOT}/examples/compatible-augmented`;
const tmp = tempDir('equilens-workers-');
const engine = { backend: 'wasm' as const };
let host: AuditHost;
before(async () => {
  host = { fs: nodeFiles, backend: (await initBackend('wasm')).description };
});
after(() => tmp.cleanup());

const spec = (extra: Partial<AuditSpec> = {}): AuditSpec => ({ targets: [ENSEMBLE], group: 'c4', output: 'invariant', probesCount: 8, seed: 0, displayBase: ROOT, ...extra });

/** The report without what differs between any two runs (when, and how long: the Lie derivative's seconds too). */
function stable(r: AuditReport): unknown {
  const { createdAt: _c, timing: _t, ...rest } = r;
  return { ...rest, ...(r.lie && { lie: { ...r.lie, seconds: 0 } }) };
}

let serial: AuditReport;
test('serial reference: 8 members, per-layer floors computed', async () => {
  serial = await runAuditPool(spec(), host, engine, 1);
  assert.equal(serial.members.length, 8);
  assert.ok(Array.isArray(serial.layers) && serial.layers.length > 0, 'the example has per-layer floors');
  assert.equal(livePoolWorkers(), 0);
});

for (const workers of [2, 3]) {
  test(`${workers} workers give the serial report (apart from createdAt/timing), in the same key order`, async () => {
    const parallel = await runAuditPool(spec(), host, engine, workers);
    assert.deepEqual(stable(parallel), stable(serial));
    assert.equal(JSON.stringify(stable(parallel)), JSON.stringify(stable(serial)));
    assert.ok(parallel.timing.totalSeconds > 0);
    assert.equal(livePoolWorkers(), 0, 'every worker thread has exited');
  });
}

test('with an ONNX engine (TF.js translated to onnxruntime when it can), per-layer floors and --lie: 2 workers give the serial report', async () => {
  let ort = true;
  try {
    require.resolve('onnxruntime-node');
  } catch {
    ort = false;
  }
  if (!ort) return; // optional dependency: the tfjs cases above still ran
  const withOnnx = { ...host, onnx: nodeOnnxEngine() };
  const one = await runAuditPool(spec({ lie: true }), withOnnx, engine, 1);
  assert.ok(one.layers?.length && one.lie?.members.length === 8, 'floors and the Lie derivative computed');
  const two = await runAuditPool(spec({ lie: true }), withOnnx, engine, 2);
  // Workers get the main thread's intra-op thread count: onnxruntime's sums may depend on it.
  assert.equal(JSON.stringify(stable(two)), JSON.stringify(stable(one)));
  assert.equal(livePoolWorkers(), 0);
});

test("a worker's gate: member i starts once its member POOL_AHEAD turns back is taken, in any order of takes", async () => {
  const gate = aheadGate(3, 2); // members 1, 4, 7, 10 of 3 workers (0-based), 2 ahead
  const started: number[] = [];
  await gate.before(1).then(() => started.push(1));
  await gate.before(4).then(() => started.push(4));
  const seventh = gate.before(7).then(() => started.push(7));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [1, 4], 'member 7 waits for member 1');
  gate.taken(4); // another of its members: not the one member 7 waits for
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [1, 4]);
  gate.taken(1);
  await seventh;
  assert.deepEqual(started, [1, 4, 7]);
  await gate.before(10); // member 4 was taken already
});

test('workers run at most POOL_AHEAD members ahead of the main thread: with it stalled, what waits there stays within 2 × workers', async () => {
  // The main thread stops for 2 s after member 1 (its event handler blocks): the workers could
  // finish the 8 members meanwhile; each stops POOL_AHEAD of its members past the last one taken.
  const stall = (e: { kind: string; index?: number }) => e.kind === 'member' && e.index === 0 && Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
  const parallel = await runAuditPool(spec({ localise: false }), { ...host, onEvent: stall }, engine, 2);
  assert.equal(parallel.members.length, 8);
  assert.ok(poolBacklog() >= 1 && poolBacklog() <= POOL_AHEAD * 2, `at most ${POOL_AHEAD * 2} waited, saw ${poolBacklog()}`);
  assert.equal(livePoolWorkers(), 0);
});

test('a bad member: the same one-line EquiLensError as the serial run', async () => {
  const dir = join(tmp.dir, 'broken');
  cpSync(ENSEMBLE, dir, { recursive: true });
  truncateSync(join(dir, 'member-06', 'weights.bin'), 100);
  const errorOf = async (workers: number) => {
    try {
      await runAuditPool(spec({ targets: [dir], displayBase: undefined }), host, engine, workers);
    } catch (e) {
      return e;
    }
    return null;
  };
  const one = await errorOf(1);
  const three = await errorOf(3);
  assert.ok(one instanceof EquiLensError && three instanceof EquiLensError);
  assert.match(one.message, /member-06/);
  assert.equal(three.message, one.message);
  assert.ok(!one.message.includes('\n'));
  assert.equal(livePoolWorkers(), 0);
});

test('cancelled mid-run: AuditCancelled and no worker thread left', async () => {
  const abort = new AbortController();
  const run = runAuditPool(spec(), { ...host, signal: abort.signal, onEvent: (e) => e.kind === 'member' && abort.abort() }, engine, 2);
  await assert.rejects(run, AuditCancelled);
  // terminate() has resolved; the exit events follow on the next turns of the loop.
  for (let i = 0; i < 50 && livePoolWorkers(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(livePoolWorkers(), 0);
});

for (const bad of ['0', '-1', '1.5', 'two', '']) {
  test(`--workers '${bad}' is refused (exit 2, one line)`, async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (s: string) => (written.push(String(s)), true);
    let code: number;
    try {
      code = await main(['audit', ENSEMBLE, '--workers', bad, '-q']);
    } finally {
      process.stderr.write = write;
    }
    assert.equal(code, 2);
    assert.match(written.join(''), /--workers <n>.*expected a positive integer/);
  });
}

test("config: workers is a positive integer; an audit's own wins over defaults", () => {
  const ok = loadConfigText('{ "defaults": { "workers": 3 }, "audits": [{ "models": "a" }, { "models": "b", "workers": 1 }] }');
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(
    ok.audits.map((a) => a.workers),
    [3, 1],
  );
  assert.equal(loadConfigText('{ "audits": [{ "models": "a" }] }').audits[0]!.workers, undefined, 'absent: every core, decided by the front end');
  for (const bad of ['0', '1.5', '"2"']) {
    const { errors } = loadConfigText(`{ "audits": [{ "models": "a", "workers": ${bad} }] }`);
    assert.equal(errors.length, 1, bad);
    assert.equal(errors[0]!.path, 'audits[0].workers');
  }
});
