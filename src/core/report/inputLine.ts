import type { AuditReport } from './types';

/**
 * 'x:0 [1,3,416,416] uint8 NCHW · fixed: z:0 = zeros [1,2]' — said when the input is not a plain
 * float channels-last one, or other inputs were held fixed; null otherwise (nothing to add).
 */
export function auditedInput(r: AuditReport): string | null {
  const { input, fixedInputs } = r.model;
  const unusual = (input.dtype !== undefined && input.dtype !== 'float32') || input.layout === 'NCHW' || input.layout === 'NCW' || !!fixedInputs?.length;
  if (!unusual) return null;
  const shape = `[${input.shape.map((d) => d ?? '?').join(',')}]`;
  const fixed = fixedInputs?.length ? ` · fixed: ${fixedInputs.map((f) => `${f.name} = ${f.source}`).join(', ')}` : '';
  return `${input.name} ${shape} ${input.dtype ?? ''} ${input.layout ?? ''}`.replace(/\s+/g, ' ').trim() + fixed;
}
