// Report files from the CLI: never half a report. A failed or interrupted audit writes nothing
// (and leaves an old report as it was); two CLI processes writing different reports both succeed.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { AuditReport } from '../src/core/report/types';
import { cli, ROOT } from './helpers/cli';
import { cnnArtifacts, tempDir, writeModel } from './helpers/modelFixtures';

const tmp = tempDir('equilens-cli-reports-');
before(async () => {
  await tf.setBackend('cpu');
  for (const seed of [1, 2]) writeModel(`${tmp.dir}/a/member-${seed}`, await cnnArtifacts({ seed, size: 8, channels: 1 }));
  for (const seed of [3, 4, 5]) writeModel(`${tmp.dir}/b/member-${seed}`, await cnnArtifacts({ seed, size: 12, channels: 3 }));
  const nan = await cnnArtifacts({ seed: 6, size: 8, channels: 1 });
  new Float32Array(nan.weightData as ArrayBuffer).fill(Number.NaN);
  writeModel(`${tmp.dir}/nan`, nan);
});
after(() => tmp.cleanup());

/** Runs the CLI without waiting; resolves with its exit code or signal. */
function start(args: string[]): { done: Promise<{ code: number | null; signal: string | null; stderr: string }>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: tmp.dir });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { done, kill: (s) => child.kill(s) };
}

const numbers = (file: string) => {
  const { createdAt: _c, timing: _t, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as AuditReport;
  return rest;
};

test('a failed audit writes no report and leaves an old one as it was', () => {
  writeFileSync(`${tmp.dir}/old.json`, 'old report');
  const r = cli(['audit', `${tmp.dir}/nan`, '-n', '4', '--backend', 'cpu', '--json', `${tmp.dir}/old.json`, '--md', `${tmp.dir}/new.md`, '--html', `${tmp.dir}/new.html`]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /outputs contain NaN or Infinity/);
  assert.equal(readFileSync(`${tmp.dir}/old.json`, 'utf8'), 'old report');
  assert.ok(!existsSync(`${tmp.dir}/new.md`) && !existsSync(`${tmp.dir}/new.html`));
});

test('an audit interrupted (SIGINT) before it finishes leaves no report and no temp file', async () => {
  const out = `${tmp.dir}/interrupted`;
  const run = start(['audit', `${tmp.dir}/b`, '-g', 'd4', '-n', '20000', '--backend', 'cpu', '--json', `${out}.json`, '--html', `${out}.html`]);
  const early = await Promise.race([run.done, new Promise<null>((resolve) => setTimeout(() => resolve(null), 2500))]);
  assert.equal(early, null, 'the audit was still running when interrupted');
  run.kill('SIGINT');
  const end = await run.done;
  assert.equal(end.signal, 'SIGINT', end.stderr);
  assert.deepEqual(
    readdirSync(tmp.dir).filter((f) => f.startsWith('interrupted')),
    [],
  );
});

test('two CLI processes at once, writing different reports, both succeed with their own numbers', async () => {
  const args = (dir: string, group: string, out: string) => [
    'audit',
    `${tmp.dir}/${dir}`,
    '-g',
    group,
    '-n',
    '64',
    '--backend',
    'cpu',
    '-q',
    '--json',
    `${tmp.dir}/${out}.json`,
    '--md',
    `${tmp.dir}/${out}.md`,
  ];
  const [a, b] = await Promise.all([start(args('a', 'c4', 'par-a')).done, start(args('b', 'd4', 'par-b')).done]);
  assert.deepEqual([a.code, b.code], [0, 0], a.stderr + b.stderr);
  assert.equal(cli(args('a', 'c4', 'seq-a'), tmp.dir).code, 0);
  assert.equal(cli(args('b', 'd4', 'seq-b'), tmp.dir).code, 0);
  assert.deepEqual(numbers(`${tmp.dir}/par-a.json`), numbers(`${tmp.dir}/seq-a.json`));
  assert.deepEqual(numbers(`${tmp.dir}/par-b.json`), numbers(`${tmp.dir}/seq-b.json`));
  assert.equal((numbers(`${tmp.dir}/par-b.json`).members as unknown[]).length, 3);
  assert.match(readFileSync(`${tmp.dir}/par-a.md`, 'utf8'), /^# EquiLens audit: c4/);
  assert.ok(!readdirSync(tmp.dir).some((f) => f.endsWith('.tmp')), 'no temp files');
});
