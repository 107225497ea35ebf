import * as os from 'node:os';
import type { ComputeInfo } from '../core/report/types';
import type { BackendInfo } from './backend';

/** Where a Node audit runs, for the report: the CPU by name, or CUDA for tfjs-node-gpu. */
export function nodeCompute(place: 'cli' | 'extensionHost', backend: BackendInfo): ComputeInfo {
  if (backend.description.includes('tfjs-node-gpu')) return { place, adapter: 'CUDA GPU (tfjs-node-gpu)', software: false };
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ');
  return { place, adapter: model ? `${model} (${cpus.length} cores)` : null, software: null };
}
