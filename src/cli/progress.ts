import { SingleBar } from 'cli-progress';
import type { AuditEvent } from '../core/audit/spec';

/** A progress bar (members × group elements) on a TTY; silence otherwise (CI logs stay clean). */
export function progressReporter(stream: NodeJS.WriteStream): { onEvent: (e: AuditEvent) => void; stop: () => void } {
  if (!stream.isTTY) return { onEvent: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream,
    format: 'auditing [{bar}] {value}/{total} evaluations · member {member}/{members}',
    hideCursor: true,
    clearOnComplete: true,
  });
  let members = 0;
  return {
    onEvent(e) {
      if (e.kind === 'started') {
        members = e.members.length;
        bar.start(members * e.order, 0, { member: 1, members });
      } else if (e.kind === 'progress') bar.update(e.done, { member: e.member + 1, members });
    },
    stop: () => bar.stop(),
  };
}
