// schema/shard.schema.json compiled at build time (scripts/validators.mjs, ajv standalone).
import compiled from '../../generated/shardValidator';
import { EquiLensError } from '../errors';
import { checkJsonDepth, DEFAULT_LIMITS } from '../load/limits';
import { checkModelLimits, toModelJson } from '../load/modelJson';
import type { ShardFile } from './types';

/** Parses and validates one shard file's text; every problem is one line naming `file`. */
export function readShard(text: string, file: string): ShardFile {
  // The embedded model JSON is walked recursively later: cap the nesting as a model file's.
  checkJsonDepth(text, DEFAULT_LIMITS.maxJsonDepth + 8, file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new EquiLensError(file, `is not valid JSON, truncated? (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  const head = value as Partial<ShardFile> | null;
  if (typeof head !== 'object' || head === null || head.format !== 'equilens-shard') {
    throw new EquiLensError(file, 'is not an EquiLens shard file (no "format": "equilens-shard"; write one with equilens audit --shard i/n --json <file>)');
  }
  if (typeof head.shardVersion === 'number' && head.shardVersion > 1) {
    throw new EquiLensError(file, `has shardVersion ${head.shardVersion}, newer than this equilens understands (1): update equilens`);
  }
  if (!compiled(value)) {
    const e = compiled.errors?.[0];
    throw new EquiLensError(file, `does not match schema/shard.schema.json: ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}`);
  }
  const shard = value as ShardFile;
  if (!Number.isSafeInteger(shard.shard.count)) throw new EquiLensError(file, `shard count ${shard.shard.count} is not a safe integer`);
  if (shard.shard.index > shard.shard.count) throw new EquiLensError(file, `shard ${shard.shard.index}/${shard.shard.count}: the index is over the count`);
  const first = shard.run?.firstJson;
  if (first) shard.run!.firstJson = checkModelLimits(toModelJson(first, file), file);
  return shard;
}
