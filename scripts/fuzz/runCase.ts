import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { EquiLensError } from '../../src/core/errors';
import type { FileSystem } from '../../src/core/io/files';
import { isInside } from '../../src/core/io/paths';
import { nodeFiles, toPosix } from '../../src/node/nodeFiles';
import { caseTargets, makeLink, renderingProblems, writeConfig } from './securityCase';
import type { FuzzCase, Outcome } from './types';

export const CASE_TIMEOUT_MS = 10_000;

/** Writes a case into `dir` (created); '@outside/x' link targets point into `outsideDir`. */
export function writeCase(dir: string, c: FuzzCase, outsideDir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), c.json);
  for (const [name, bytes] of Object.entries(c.files)) writeFileSync(join(dir, name), bytes);
  writeConfig(dir, c);
  for (const [name, target] of Object.entries(c.links)) {
    const to = target.startsWith('@outside/') ? join(outsideDir, target.slice('@outside/'.length)) : target;
    try {
      makeLink(to, join(dir, name));
    } catch {
      // a file of that name already exists: the case simply has no link there
    }
  }
}

/** Every access the audit made, and whether any left `root` (see the rules in checkAccess). */
function confinedFs(root: string): FileSystem & { problems: string[] } {
  const problems: string[] = [];
  const inside = (op: string, p: string) => {
    if (!isInside(root, p)) problems.push(`${op} outside the case folder: ${p}`);
  };
  return {
    problems,
    async readFile(p, opts) {
      inside('readFile', p);
      // Reads are judged by where the bytes really come from: a symlink must not leak a file.
      let real = p;
      try {
        real = toPosix(realpathSync(p));
      } catch {
        // missing: the read fails anyway
      }
      inside('readFile (through a link)', real);
      return nodeFiles.readFile(p, opts);
    },
    // realPath may resolve a link to outside (that is how escapes are detected); its argument may not.
    realPath: (p) => (inside('realPath', p), nodeFiles.realPath(p)),
    readDir: (p) => (inside('readDir', p), nodeFiles.readDir(p)),
    stat: (p) => (inside('stat', p), nodeFiles.stat(p)),
  };
}

export interface CaseResult {
  outcome: Outcome | 'violation';
  /** What went wrong (violations) or the error message. */
  detail: string;
}

/** Audits the case folder in-process and checks the fuzz invariants. */
export async function auditCase(dir: string, c: FuzzCase, backend: string): Promise<CaseResult> {
  const root = toPosix(realpathSync(dir));
  const fs = confinedFs(root);
  const before = tf.memory().numTensors;
  const targets = [c.targetFolder ? root : `${root}/model.json`];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), CASE_TIMEOUT_MS);
  });
  let result: CaseResult;
  try {
    const audit = async () => {
      const spec = { targets: await caseTargets(fs, root, c, targets), group: 'c4', output: 'invariant', probesCount: 4, seed: 0, batchSize: 16 };
      return runAudit(spec, { fs, backend });
    };
    const report = await Promise.race([audit(), timeout]);
    const rendering = report?.schemaVersion === 1 ? renderingProblems(report, c) : [];
    if (rendering.length) result = violation(rendering.join('; '));
    else result = report?.schemaVersion === 1 && report.members.length > 0 ? { outcome: 'report', detail: '' } : violation('report is malformed');
  } catch (e) {
    result = judgeError(e);
  } finally {
    clearTimeout(timer);
  }
  if (fs.problems.length) return violation(fs.problems.join('; '));
  const after = tf.memory().numTensors;
  if (result.outcome !== 'violation' && after !== before) return violation(`tensors leaked: ${before} before, ${after} after (${result.outcome}: ${result.detail})`);
  return result;
}

class Timeout extends Error {}

function judgeError(e: unknown): CaseResult {
  if (e instanceof Timeout) return violation(`no result within ${CASE_TIMEOUT_MS / 1000} s`);
  if (!(e instanceof EquiLensError)) {
    const name = e instanceof Error ? e.constructor.name : typeof e;
    return violation(`threw ${name}: ${e instanceof Error ? e.stack : String(e)}`);
  }
  if (/[\r\n]/.test(e.message)) return violation(`EquiLensError spans lines: ${JSON.stringify(e.message)}`);
  if (!e.file) return violation(`EquiLensError names no file: ${e.message}`);
  return { outcome: 'error', detail: e.message };
}

const violation = (detail: string): CaseResult => ({ outcome: 'violation', detail });
