// Reports are written atomically (src/node/writeFileAtomic): a failure mid-write leaves the old
// file intact or no file at all, and no temporary file behind.
import assert from 'node:assert/strict';
import { promises as fsp, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, afterEach, mock, test } from 'node:test';
import { EquiLensError } from '../src/core/errors';
import { writeFileAtomic } from '../src/node/writeFileAtomic';
import { tempDir } from './helpers/modelFixtures';

const tmp = tempDir('equilens-writes-');
after(() => tmp.cleanup());
afterEach(() => mock.restoreAll());

const REPORT = JSON.stringify({ schemaVersion: 1, members: Array.from({ length: 2000 }, (_, i) => ({ path: `m${i}`, relError: i / 2000 })) });

/** The disk fills up after half the bytes: the temp file holds half a report when the write fails. */
function failHalfway(): void {
  const real = fsp.writeFile.bind(fsp);
  mock.method(fsp, 'writeFile', async (file: string, data: string) => {
    await real(file, data.slice(0, data.length >> 1));
    throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  });
}

test('a normal write replaces the file and leaves only it', async () => {
  const dir = `${tmp.dir}/ok`;
  mkdirSync(dir);
  writeFileSync(`${dir}/r.json`, 'old');
  await writeFileAtomic(`${dir}/r.json`, REPORT);
  assert.equal(readFileSync(`${dir}/r.json`, 'utf8'), REPORT);
  assert.deepEqual(readdirSync(dir), ['r.json']);
});

test('a write failing half-way keeps the old report byte for byte, and removes the half-written temp file', async () => {
  const dir = `${tmp.dir}/old`;
  mkdirSync(dir);
  writeFileSync(`${dir}/r.json`, 'the old report');
  failHalfway();
  await assert.rejects(writeFileAtomic(`${dir}/r.json`, REPORT), (e: unknown) => e instanceof EquiLensError && e.message === `${dir}/r.json: cannot write: ENOSPC`);
  assert.equal(readFileSync(`${dir}/r.json`, 'utf8'), 'the old report');
  assert.deepEqual(readdirSync(dir), ['r.json']);
});

test('a write failing half-way with no old report leaves no file at all', async () => {
  const dir = `${tmp.dir}/none`;
  mkdirSync(dir);
  failHalfway();
  await assert.rejects(writeFileAtomic(`${dir}/r.json`, REPORT), EquiLensError);
  assert.deepEqual(readdirSync(dir), []);
});

test('a rename that fails (a folder is in the way) leaves the folder as it was and no temp file', async () => {
  const dir = `${tmp.dir}/rename`;
  mkdirSync(`${dir}/r.json`, { recursive: true });
  writeFileSync(`${dir}/r.json/keep`, 'x');
  await assert.rejects(writeFileAtomic(`${dir}/r.json`, REPORT), /r\.json: cannot write: E(ISDIR|NOTEMPTY|EXIST)/);
  assert.deepEqual(readdirSync(dir), ['r.json']);
  assert.deepEqual(readdirSync(`${dir}/r.json`), ['keep']);
  assert.ok(existsSync(`${dir}/r.json/keep`));
});
