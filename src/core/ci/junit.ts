import type { AuditOutcome, CheckRun } from './types';
import { droppedControls, plainStrings } from '../report/escape';
import { xmlEscape as x } from './xml';

/**
 * JUnit XML: one testsuite per audit, one testcase per threshold (and per metric compared with
 * a baseline). A failed threshold or a regression is a <failure>; a threshold that does not
 * apply is <skipped>. Whether they fail the run is --fail-on's business (the exit code).
 */
export function renderJunit(checkRun: CheckRun): string {
  // Plain text: names and messages from the config and model files lose their control characters.
  const run = plainStrings(checkRun, undefined, droppedControls);
  const suites = run.audits.map(suite);
  const count = (k: 'tests' | 'failures' | 'skipped') => suites.reduce((s, t) => s + t[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="equilens check" tests="${count('tests')}" failures="${count('failures')}" skipped="${count('skipped')}" time="${seconds(run.audits)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(a: AuditOutcome): { xml: string; tests: number; failures: number; skipped: number } {
  const cls = x(`equilens.${a.name}`);
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const c of a.checks) {
    const head = `    <testcase classname="${cls}" name="${x(c.threshold)}" time="0">`;
    if (c.status === 'fail') {
      failures++;
      const detail = c.members?.length ? `\nmembers over the limit: ${c.members.join(', ')}` : '';
      cases.push(`${head}\n      <failure type="${x(c.threshold)}" message="${x(c.message)}">${x(c.message + detail)}</failure>\n    </testcase>`);
    } else if (c.status === 'skip') {
      skipped++;
      cases.push(`${head}\n      <skipped message="${x(c.message)}"/>\n    </testcase>`);
    } else cases.push(`${head}\n      <system-out>${x(c.message)}</system-out>\n    </testcase>`);
  }
  for (const d of a.baseline ?? []) {
    const head = `    <testcase classname="${cls}" name="${x(`regression: ${d.metric}`)}" time="0">`;
    if (d.status === 'regressed') {
      failures++;
      cases.push(`${head}\n      <failure type="regression" message="${x(d.reason)}">${x(d.reason)}</failure>\n    </testcase>`);
    } else if (d.status === 'not-comparable') {
      skipped++;
      cases.push(`${head}\n      <skipped message="${x(d.reason)}"/>\n    </testcase>`);
    } else cases.push(`${head}\n      <system-out>${x(d.reason)}</system-out>\n    </testcase>`);
  }
  const r = a.report;
  const props = [
    ['group', r.group.name],
    ['members', String(r.members.length)],
    ['output', r.representation.description],
    ['probes', r.probes.description],
    ['backend', r.backend],
  ].map(([k, v]) => `      <property name="${x(k!)}" value="${x(v!)}"/>`);
  const tests = cases.length;
  const xml = [
    `  <testsuite name="${x(a.name)}" tests="${tests}" failures="${failures}" skipped="${skipped}" errors="0" time="${r.timing.totalSeconds.toFixed(3)}" timestamp="${x(r.createdAt)}">`,
    '    <properties>',
    ...props,
    '    </properties>',
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests, failures, skipped };
}

function seconds(audits: AuditOutcome[]): string {
  return audits.reduce((s, a) => s + a.report.timing.totalSeconds, 0).toFixed(3);
}
