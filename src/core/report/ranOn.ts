import type { AuditReport, ComputeInfo } from './types';

const PLACES: Record<ComputeInfo['place'], string> = {
  cli: 'the CLI',
  extensionHost: 'the extension host',
  webview: 'the report webview',
  library: 'a library call',
};

/** Backend, place and device in one phrase: 'webgl (WebGL 2) in the report webview on … (software GPU)'. */
export function ranOn(r: Pick<AuditReport, 'backend' | 'compute'>): string {
  const c = r.compute;
  if (!c) return r.backend;
  const device = c.adapter ? ` on ${c.adapter}${c.software ? ' (software GPU: correct, not fast)' : ''}` : '';
  return `${r.backend} in ${PLACES[c.place]}${device}`;
}
