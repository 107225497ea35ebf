import type { InputLayoutOption } from '../core/audit/inputLayout';
import type { AuditSpec } from '../core/audit/spec';
import type { Limits } from '../core/load/limits';
import { joinPath } from '../core/io/paths';
import type { AuditReport } from '../core/report/types';
import type { BackendSetting } from '../protocol';
import { groupLabel } from './results';

/** One audit the user asked for: what, under which group and output representation. */
export interface AuditRequest {
  /** Absolute '/'-paths: model JSONs and/or folders. */
  targets: string[];
  /** How the UI names the targets: 'examples/compatible-augmented'. */
  label: string;
  group: string;
  output: string;
}

/** The settings (and the per-workspace probe choice) an audit runs with. */
export interface AuditSettings {
  probes: string | undefined;
  /** Why the equilens.probes setting was refused (it leaves the workspace folders): audits fail with it. */
  probesRefused?: string;
  probesCount: number;
  seed: number;
  /** Undefined: estimated from the model (see src/core/load/batchSize.ts). */
  batchSize: number | undefined;
  backend: BackendSetting;
  /** equilens.outputKind: 'auto' (absent) or a kind overriding detection. */
  outputKind?: string;
  /** equilens.inputLayout: 'auto' (absent), 'nhwc' or 'nchw'. */
  inputLayout?: InputLayoutOption;
  /** Caps on model files from the equilens.limits.* settings; absent or {}: the defaults. */
  limits?: Partial<Limits>;
}

/** The engine's spec for a request; `pictures` > 0 when a panel will show probe pictures. */
export function buildSpec(req: AuditRequest, s: AuditSettings, o: { displayBase?: string; pictures: number }): AuditSpec {
  return {
    targets: req.targets,
    group: req.group,
    output: req.output,
    probes: s.probes,
    probesCount: s.probesCount,
    seed: s.seed,
    batchSize: s.batchSize,
    pictures: o.pictures,
    ...(s.outputKind && s.outputKind !== 'auto' && { outputKind: s.outputKind }),
    ...(s.inputLayout && s.inputLayout !== 'auto' && { inputLayout: s.inputLayout }),
    displayBase: o.displayBase,
    ...(s.limits && Object.keys(s.limits).length ? { limits: s.limits } : {}),
  };
}

/** The report panel's title; also the key that finds a request's panel again. */
export function panelTitle(req: AuditRequest): string {
  const output = req.output === 'invariant' ? '' : ` · ${req.output}`;
  return `EquiLens: ${req.label} · ${groupLabel(req.group)}${output}`;
}

/** The progress notification's title: what runs, under which group (and a non-default output). */
export function progressTitle(req: AuditRequest): string {
  const output = req.output === 'invariant' ? '' : `, output ${req.output}`;
  return `EquiLens: auditing ${req.label} under ${groupLabel(req.group)}${output}`;
}

/** The members' absolute paths: the report shows them relative to displayBase when inside it. */
export function memberPaths(report: AuditReport, displayBase: string | undefined): string[] {
  return report.members.map((m) => (displayBase && !isAbsolute(m.path) ? joinPath(displayBase, m.path) : m.path));
}

/** '/a/b' or a Windows drive path in '/' form ('C:/a/b'). */
export function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}
