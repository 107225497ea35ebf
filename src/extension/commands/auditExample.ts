import * as path from 'node:path';
import { toPosix } from '../../node/nodeFiles';
import type { Services } from '../services';

/** Where the VSIX ships its example: 8 members trained with rotation augmentation on a C4-compatible architecture. */
export const EXAMPLE_ENSEMBLE = ['examples', 'compatible-augmented'];

/**
 * Audit the Bundled Example (the walkthrough's first step): the example ensemble inside the
 * extension's own folder, read where it is (nothing is copied), under C4 whatever was picked
 * before (it is an image classifier trained for C4: another group would teach the wrong lesson);
 * the report panel opens as for any audit.
 */
export function auditExample(s: Services) {
  return async (): Promise<void> => {
    const folder = toPosix(path.join(s.context.extensionPath, ...EXAMPLE_ENSEMBLE));
    // Seeded synthetic probes, whatever equilens.probes says: the workspace's probes are for its own models.
    await s.auditor.audit({ targets: [folder], label: 'bundled example (compatible-augmented)', group: 'c4', output: 'invariant' }, { probes: undefined, seed: 0 });
  };
}
