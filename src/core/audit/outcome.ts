import { EquiLensError } from '../errors';
import { AuditCancelled } from './runAudit';

/** How an audit that threw ended, the way every front end reports it. */
export type AuditFailure = { kind: 'cancelled' } | { kind: 'failed'; message: string; inputError: boolean };

/** EquiLensError is bad input (one line, the CLI's exit 2); anything else is ours to fix. */
export function auditFailure(e: unknown): AuditFailure {
  if (e instanceof AuditCancelled) return { kind: 'cancelled' };
  if (e instanceof EquiLensError) return { kind: 'failed', message: e.message, inputError: true };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'failed', message: `internal error: ${message.split('\n')[0]} (please report this)`, inputError: false };
}
