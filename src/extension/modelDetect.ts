import { fingerprint } from '../core/load/fingerprint';
import { isModelJson, toModelJson } from '../core/load/modelJson';

/**
 * The architecture fingerprint of a TF.js model JSON's text, or null when the text is not one.
 * Detection is by content (the core's isModelJson), never by file name.
 */
export function modelFingerprint(text: string): string | null {
  // Most JSON in a workspace is configuration: skip the parse unless both keys appear.
  if (!text.includes('"modelTopology"') || !text.includes('"weightsManifest"')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isModelJson(value)) return null;
  try {
    return fingerprint(toModelJson(value, ''));
  } catch {
    // A broken weights manifest: not auditable, so not offered.
    return null;
  }
}
