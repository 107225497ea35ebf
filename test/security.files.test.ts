// Issue 13 §2: a model JSON, a weight shard or a probes file must be a regular file (a /dev/zero
// link or a FIFO is refused, never read or waited on), and a weight shard is read from the very
// file whose real path was confined: swapping it for a link to elsewhere between the check and
// the read (a FileSystem hook, then a real rename loop in another process) never reads elsewhere.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import type { FileSystem } from '../src/core/io/files';
import { modelIOHandler } from '../src/core/load/ioHandler';
import { nodeFiles } from '../src/node/nodeFiles';
import { fifo, hostileWorkspace, link, runMain, type Hostile } from './helpers/hostileFs';

let h: Hostile;
let inside: Uint8Array;
before(() => {
  h = hostileWorkspace();
  inside = readFileSync(`${h.ws}/m/weights.bin`);
  // The outside copy: same size (so every size check passes), other bytes.
  writeFileSync(`${h.outside}/m/weights.bin`, new Uint8Array(inside.length).fill(0xab));
  link('/dev/zero', `${h.ws}/zero.json`);
  link('/dev/zero', `${h.ws}/zero.npy`);
  fifo(`${h.ws}/fifo.json`);
  fifo(`${h.ws}/fifo.npy`);
});
after(() => h.cleanup());

const NOT_REGULAR = /is not a regular file \((a character device|a FIFO)\); refused\n$/;

test('a model JSON that links to /dev/zero is refused unread (exit 2)', async () => {
  const r = await runMain(['audit', `${h.ws}/zero.json`, '-q']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /zero\.json: is not a regular file \(a character device\); refused\n$/);
});

test('a model JSON that is a FIFO is refused, never waited on (exit 2)', { timeout: 60_000 }, async () => {
  const r = await runMain(['audit', `${h.ws}/fifo.json`, '-q']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, NOT_REGULAR);
});

test('probes that link to /dev/zero or are a FIFO are refused (exit 2)', { timeout: 60_000 }, async () => {
  for (const p of ['zero.npy', 'fifo.npy']) {
    const r = await runMain(['audit', `${h.ws}/m`, '-p', `${h.ws}/${p}`, '-q']);
    assert.equal(r.code, 2, p);
    assert.match(r.stderr, new RegExp(`${p.replace('.', '\\.')}: (not a file or folder|is not a regular file)`), r.stderr);
  }
});

test('a weight shard that links to /dev/zero or is a FIFO is refused (exit 2)', { timeout: 60_000 }, async () => {
  for (const [name, make] of [
    ['z', (at: string) => link('/dev/zero', at)],
    ['f', fifo],
  ] as const) {
    const dir = `${h.ws}/shard-${name}`;
    shardFolder(dir, make);
    const r = await runMain(['audit', `${dir}/model.json`, '-q']);
    assert.equal(r.code, 2, name);
    assert.match(r.stderr, /weight file 'weights\.bin' is missing/);
  }
});

// A model folder whose weights.bin is made by `make` (a link, a FIFO).
function shardFolder(dir: string, make: (at: string) => void): void {
  mkdirSync(dir);
  writeFileSync(`${dir}/model.json`, readFileSync(`${h.ws}/m/model.json`));
  make(`${dir}/weights.bin`);
}

test('nodeFiles.readFile: regular files only, within a folder by real path, up to maxBytes', async () => {
  await assert.rejects(nodeFiles.readFile(`${h.ws}/zero.json`), (e: unknown) => e instanceof EquiLensError && e.problem.includes('a character device'));
  await assert.rejects(nodeFiles.readFile(`${h.ws}/fifo.json`), (e: unknown) => e instanceof EquiLensError && e.problem.includes('a FIFO'));
  link(`${h.outside}/secret.txt`, `${h.ws}/m/secret.bin`);
  await assert.rejects(nodeFiles.readFile(`${h.ws}/m/secret.bin`, { within: `${h.ws}/m` }), /leads outside .* \(by its real path .*outside\/secret\.txt\); refused/);
  assert.equal(new TextDecoder().decode(await nodeFiles.readFile(`${h.ws}/m/secret.bin`)), 'SECRET', 'without `within`, a link is followed');
  await assert.rejects(nodeFiles.readFile(`${h.ws}/m/weights.bin`, { maxBytes: 10 }), /over the 10-byte limit/);
  assert.deepEqual(await nodeFiles.readFile(`${h.ws}/m/weights.bin`, { within: `${h.ws}/m` }), new Uint8Array(inside));
});

test('TOCTOU, by a hook: the shard swapped for a link to outside after every check is refused, its bytes never returned', async () => {
  const dir = `${h.ws}/race-hook`;
  cpSync(`${h.ws}/m`, dir, { recursive: true });
  link(`${h.outside}/m/weights.bin`, `${dir}/swap`);
  const returned: Uint8Array[] = [];
  let swapped = false;
  const fs: FileSystem = {
    ...nodeFiles,
    async readFile(p, o) {
      // Every check of weightFiles has run by now: swap, then let the read happen.
      if (p.endsWith('/weights.bin') && !swapped) {
        renameSync(`${dir}/swap`, `${dir}/weights.bin`);
        swapped = true;
      }
      const bytes = await nodeFiles.readFile(p, o);
      returned.push(bytes);
      return bytes;
    },
  };
  await assert.rejects(modelIOHandler(fs, `${dir}/model.json`).load!(), /weight file 'weights\.bin' leads outside .*; refused/);
  assert.ok(swapped);
  assert.ok(!returned.some((b) => b.includes(0xab) && b.every((x) => x === 0xab)), 'the outside bytes were returned');
});

test('TOCTOU, by a real rename loop: 80 loads racing a swap to an outside file never read it', { timeout: 300_000 }, async () => {
  const dir = `${h.ws}/race`;
  cpSync(`${h.ws}/m`, dir, { recursive: true });
  linkSync(`${dir}/weights.bin`, `${dir}/keep.bin`);
  // Another process swaps weights.bin between the real shard and a link to the outside copy.
  const swapper = spawn(
    process.execPath,
    [
      '-e',
      `
    const fs = require('fs'); const d = ${JSON.stringify(dir)}; const out = ${JSON.stringify(`${h.outside}/m/weights.bin`)};
    for (let i = 0; ; i++) {
      try { fs.symlinkSync(out, d + '/t1'); fs.renameSync(d + '/t1', d + '/weights.bin'); } catch {}
      try { fs.linkSync(d + '/keep.bin', d + '/t2'); fs.renameSync(d + '/t2', d + '/weights.bin'); } catch {}
    }`,
    ],
    { stdio: 'ignore' },
  );
  const tally = { inside: 0, refused: 0, outside: 0, other: 0 };
  try {
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 80; i++) {
      try {
        const a = await modelIOHandler(nodeFiles, `${dir}/model.json`).load!();
        const data = new Uint8Array(a.weightData as ArrayBuffer);
        if (data.every((x) => x === 0xab)) tally.outside++;
        else if (Buffer.from(data).equals(Buffer.from(inside))) tally.inside++;
        else tally.other++;
      } catch (e) {
        if (e instanceof EquiLensError) tally.refused++;
        else throw e;
      }
    }
  } finally {
    swapper.kill();
  }
  assert.equal(tally.outside, 0, JSON.stringify(tally));
  assert.equal(tally.other, 0, JSON.stringify(tally));
  assert.equal(tally.inside + tally.refused, 80);
  console.log(`race: ${JSON.stringify(tally)}`);
});

test('a folder holding a /dev/zero link and a FIFO named *.json still audits (they are skipped, unread)', { timeout: 120_000 }, async () => {
  const dir = `${h.ws}/m`;
  link('/dev/zero', `${dir}/zero.json`);
  fifo(`${dir}/fifo.json`);
  const r = await runMain(['audit', dir, '-q']);
  assert.equal(r.code, 0, r.stderr);
});
