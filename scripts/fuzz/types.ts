/** One fuzz case: a model folder described in memory, written to its own temp folder. */
export interface FuzzCase {
  /** Which seed model it came from. */
  seed: string;
  /** Text of model.json (may be invalid JSON after mutation). */
  json: string;
  /** Other files in the folder (weight shards, extras). */
  files: Record<string, Uint8Array>;
  /** Symlinks to create: name → target ('@outside/…' means the fuzz root's outside folder). */
  links: Record<string, string>;
  /** Audit the folder instead of model.json. */
  targetFolder: boolean;
  /** An equilens.config.json to write; the case then audits what its first audit selects (securityCase.ts). */
  config?: string;
}

export type Outcome = 'report' | 'error';

export interface Violation {
  caseIndex: number;
  mutations: string[];
  problem: string;
}
