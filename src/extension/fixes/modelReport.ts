import { memberPaths } from '../auditRequest';
import { displayBaseOf } from '../labels';
import type { LastReport, LastReportStore } from '../lastReport';

/** The workspace's last report when it audited `modelPath` ('/'-form), alone or as an ensemble member. */
export async function reportForModel(store: LastReportStore, modelPath: string): Promise<LastReport | undefined> {
  const last = await store.get();
  if (!last?.request.targets.length) return undefined;
  const members = memberPaths(last.report, displayBaseOf(last.request.targets[0]!));
  return members.includes(modelPath) ? last : undefined;
}
