// Runs one `node dist/cli.js audit …` in a child process with a time limit, measuring its wall time
// and peak RSS (rssPreload.cjs), and reads back the JSON report it wrote.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { AuditReport } from '../../src/core/report/types';

/** What one CLI run gave. */
export interface ChildResult {
  /** null when killed (time limit). */
  exitCode: number | null;
  timedOut: boolean;
  seconds: number;
  /** Peak resident set size in MiB; null when the process was killed before it could say. */
  peakRssMiB: number | null;
  /** The last non-empty stderr line: the CLI's one-line refusal or error. */
  lastError: string;
  report: AuditReport | null;
}

const PRELOAD = path.join(__dirname, 'rssPreload.cjs');

/** Runs the built CLI with `args`; kills it (and only it) after `timeoutS` seconds. */
export function runChild(cli: string, args: readonly string[], reportPath: string, timeoutS: number): Promise<ChildResult> {
  const rssFile = `${reportPath}.rss`;
  for (const f of [reportPath, rssFile]) rmSync(f, { force: true });
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--require', PRELOAD, cli, 'audit', ...args], {
    env: { ...process.env, EQUILENS_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-20_000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutS * 1000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
      const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      let report: AuditReport | null = null;
      if (code === 0 && existsSync(reportPath)) report = JSON.parse(readFileSync(reportPath, 'utf8')) as AuditReport;
      resolve({ exitCode: code, timedOut, seconds, peakRssMiB: rss, lastError: lines.at(-1) ?? '', report });
    });
  });
}
