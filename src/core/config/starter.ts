import { basename, dirname, relativeTo } from '../io/paths';
import { auditNames } from './auditNames';
import { groupModels } from '../load/groupModels';
import type { ModelJson } from '../load/modelJson';
import { declaredInput, guessGroup, type GroupGuess } from './guessGroup';
import type { ScannedModel } from './scanModels';

/** One audit `equilens init` proposes. */
export interface StarterAudit {
  name: string;
  /** A folder, or the member files when the folder also holds other models. */
  models: string | string[];
  members: number;
  group: string;
  why: string;
}

/**
 * The ensembles and single models found under `root`, grouped as the audit groups them
 * (a folder with its direct subfolders, one architecture fingerprint), one audit each.
 */
export function starterAudits(root: string, found: readonly ScannedModel[]): StarterAudit[] {
  const { ensembles, singles } = groupModels(found);
  const rel = (p: string) => relativeTo(root, p);
  const audits: Omit<StarterAudit, 'name'>[] = [];
  const byPath = new Map(found.map((m) => [m.path, m]));
  for (const e of ensembles) {
    // `equilens audit <folder>` takes every model of the folder and its direct subfolders:
    // name the folder only when that is exactly this ensemble, else its files.
    const inFolder = found.filter((m) => dirname(m.path) === e.folder || dirname(dirname(m.path)) === e.folder);
    const exact = inFolder.length === e.members.length;
    audits.push({ models: exact ? rel(e.folder) : e.members.map(rel), members: e.members.length, ...guessFor(byPath.get(e.members[0]!)!.json) });
  }
  for (const s of singles) audits.push({ models: rel(s.path), members: 1, ...guessFor(byPath.get(s.path)!.json) });
  const names = auditNames(
    audits.map((a) => a.models),
    basename(root),
  );
  return audits.map((a, i) => ({ name: names[i]!, ...a }));
}

// An ONNX model's comment says what runs it: onnxruntime-node is optional, and its input is read NCHW.
function guessFor(json: ModelJson): GroupGuess {
  const guess = guessGroup(declaredInput(json));
  return json.format === 'onnx' ? { ...guess, why: `ONNX (onnxruntime-node runs it; the input is shown channels last); ${guess.why}` } : guess;
}

/** The starter `equilens.config.json` text: JSON with comments explaining each choice. */
export function starterConfigText(audits: readonly StarterAudit[]): string {
  const q = (v: unknown) => JSON.stringify(v);
  const entries = audits.map((a, i) => {
    const models = typeof a.models === 'string' ? q(a.models) : `[${a.models.map(q).join(', ')}]`;
    return [
      '    {',
      `      "name": ${q(a.name)},`,
      `      "models": ${models}, // ${a.members === 1 ? 'a single model' : `${a.members} members`}`,
      `      // ${a.why}`,
      `      "group": ${q(a.group)}`,
      `    }${i < audits.length - 1 ? ',' : ''}`,
    ].join('\n');
  });
  return [
    '// EquiLens: the audits `equilens check` runs, and the thresholds it enforces (docs/cli.md: "Code review").',
    '// Paths are relative to this file. Comments and trailing commas are allowed.',
    '{',
    '  "defaults": {',
    '    // Probes: seeded synthetic ones unless you give real inputs, e.g.',
    '    // "probes": { "path": "data/probes.npy", "count": 64 },',
    '    "thresholds": {',
    '      // The floor: relError the infinite ensemble tends to. Above 5 %, a condition of the theorem fails.',
    '      "maxFloor": 0.05',
    '      // "maxEnsembleRelError": 0.05,',
    '      // "maxMemberRelError": 0.5,',
    '      // "minAgreement": 0.9,',
    '      // "maxDiv": 0.1',
    '    }',
    '  },',
    '  "audits": [',
    ...entries,
    '  ]',
    '}',
    '',
  ].join('\n');
}
