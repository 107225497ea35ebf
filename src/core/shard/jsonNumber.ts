import type { WeightSignature } from '../checks/checkpoint/signature';
import type { JsonNumber, ShardSignature } from './types';

/** x, or its name when JSON cannot hold it. */
export function toJsonNumber(x: number): JsonNumber {
  return Number.isFinite(x) ? x : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** The number toJsonNumber wrote. */
export function fromJsonNumber(x: JsonNumber): number {
  return typeof x === 'number' ? x : Number(x);
}

/** A signature for the shard file. */
export function signatureToJson(w: WeightSignature): ShardSignature {
  return { ...w, norm: toJsonNumber(w.norm), proj: w.proj.map(toJsonNumber) };
}

/** A signature as the shard file holds it, back to numbers. */
export function signatureFromJson(w: ShardSignature): WeightSignature {
  return { ...w, norm: fromJsonNumber(w.norm), proj: w.proj.map(fromJsonNumber) };
}
