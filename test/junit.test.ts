// JUnit XML: parsed back with a strict little XML reader (well-formedness, entities) to the
// counts, names and messages that went in, hostile names included.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderJunit } from '../src/core/ci/junit';
import { compareReports } from '../src/core/ci/baseline';
import { evaluateThresholds } from '../src/core/ci/thresholds';
import { fakeOutcome, fakeReport, fakeRun } from './helpers/checkFixtures';
import { PROBES, workspace } from './helpers/checkWorkspace';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Parses the XML subset JUnit uses; throws on anything malformed (unclosed tags, bad entities, raw '<' or '&'). */
function parseXml(xml: string): El {
  let i = 0;
  const decode = (s: string) => {
    assert.ok(!/[<]/.test(s), `raw '<' in ${s}`);
    return s.replace(/&(#\d+|#x[0-9a-f]+|\w+);|&/gi, (m, e: string | undefined) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (!e) throw new Error(`raw '&' at ${i}`);
      if (e.startsWith('#')) return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      if (!(e in named)) throw new Error(`unknown entity ${m}`);
      return named[e]!;
    });
  };
  const m = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  assert.ok(m, 'XML declaration');
  i = m[0].length;
  const element = (): El => {
    const open = /^<([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/.exec(xml.slice(i));
    if (!open) throw new Error(`expected a tag at ${i}: ${xml.slice(i, i + 30)}`);
    i += open[0].length;
    const attrs: Record<string, string> = {};
    for (const a of open[2]!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1] !== undefined && a[1] in attrs) throw new Error(`attribute ${a[1]} twice`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const el: El = { name: open[1]!, attrs, children: [], text: '' };
    if (open[3]) return el;
    for (;;) {
      const textEnd = xml.indexOf('<', i);
      el.text += decode(xml.slice(i, textEnd));
      i = textEnd;
      if (xml.startsWith(`</${el.name}>`, i)) {
        i += el.name.length + 3;
        return el;
      }
      if (xml.startsWith('</', i)) throw new Error(`mismatched close at ${i}: ${xml.slice(i, i + 20)} in <${el.name}>`);
      el.children.push(element());
    }
  };
  const root = element();
  assert.equal(xml.slice(i).trim(), '', 'nothing after the root');
  return root;
}

const kids = (e: El, name: string) => e.children.filter((c) => c.name === name);

test('one testsuite per audit, one testcase per threshold; failures and skips counted at both levels', () => {
  const ens = fakeReport(
    [
      { relError: 0.3, agreement: 0.8, div: 0.2 },
      { relError: 0.5, agreement: 0.7, div: 0.3 },
    ],
    { relError: 0.2, floor: 0.15, floorCI: [0.1, 0.2], sdAtN: 0.02, agreement: 0.9, div: 0.1 },
  );
  const single = fakeReport([{ relError: 0.05, agreement: 0.95, div: 0.08 }]);
  const limits = { maxFloor: 0.05, maxEnsembleRelError: 0.25, maxMemberRelError: 0.4, minAgreement: 0.85, maxDiv: 0.05 };
  const run = fakeRun([fakeOutcome('ensemble', ens, evaluateThresholds(ens, limits)), fakeOutcome('single', single, evaluateThresholds(single, limits))]);
  const root = parseXml(renderJunit(run));
  assert.equal(root.name, 'testsuites');
  assert.deepEqual([root.attrs.tests, root.attrs.failures, root.attrs.skipped], ['10', '4', '1']);
  const [a, b] = kids(root, 'testsuite');
  assert.deepEqual([a!.attrs.name, a!.attrs.tests, a!.attrs.failures, a!.attrs.skipped], ['ensemble', '5', '3', '0']);
  assert.deepEqual(
    kids(a!, 'testcase').map((t) => [t.attrs.name, t.children.map((c) => c.name).join()]),
    [
      ['maxFloor', 'failure'],
      ['maxEnsembleRelError', 'system-out'],
      ['maxMemberRelError', 'failure'],
      ['minAgreement', 'system-out'],
      ['maxDiv', 'failure'],
    ],
  );
  const floor = kids(kids(a!, 'testcase')[0]!, 'failure')[0]!;
  assert.equal(floor.attrs.message, 'floor 15.00% (95% CI 10.00%–20.00%) > 5.00%');
  assert.equal(kids(kids(a!, 'testcase')[2]!, 'failure')[0]!.text, 'worst member relError 50.00% > 40.00%\nmembers over the limit: models/e/member-2/model.json');
  // A single model: no floor (skipped), DIV 0.08 > 0.05 fails, the other three hold.
  assert.deepEqual([b!.attrs.tests, b!.attrs.failures, b!.attrs.skipped], ['5', '1', '1']);
  assert.equal(kids(kids(b!, 'testcase')[0]!, 'skipped')[0]!.attrs.message, 'floor: not checked (a single model has no floor)');
  assert.deepEqual(
    kids(kids(a!, 'properties')[0]!, 'property')
      .map((p) => [p.attrs.name, p.attrs.value])
      .slice(0, 2),
    [
      ['group', 'c4'],
      ['members', '2'],
    ],
  );
});

test('names and messages with XML specials and control characters survive the round trip', () => {
  const r = fakeReport([{ relError: 0.3 }, { relError: 0.31 }], { relError: 0.2, floor: 0.15, floorCI: [0.1, 0.2], sdAtN: 0.02 });
  const name = `<a & "b"> 'c'\u0001]]>`;
  const checks = evaluateThresholds(r, { maxFloor: 0.05 });
  checks[0]!.message = `floor <15%> & "more" 'here'`;
  const root = parseXml(renderJunit(fakeRun([fakeOutcome(name, r, checks)])));
  const suite = kids(root, 'testsuite')[0]!;
  assert.equal(suite.attrs.name, `<a & "b"> 'c']]>`, 'the control character is dropped (XML 1.0 cannot hold it)');
  const tc = kids(suite, 'testcase')[0]!;
  assert.equal(tc.attrs.classname, `equilens.<a & "b"> 'c']]>`);
  assert.equal(kids(tc, 'failure')[0]!.attrs.message, `floor <15%> & "more" 'here'`);
});

test('with a baseline: one testcase per metric, a regression is a failure, not-comparable skipped', () => {
  const old = fakeReport(
    [
      { relError: 0.3, agreement: 0.8, div: 0.2 },
      { relError: 0.32, agreement: 0.82, div: 0.22 },
    ],
    { relError: 0.2, floor: 0.1, floorCI: [0.08, 0.12], sdAtN: 0.01, agreement: 0.9, div: 0.1 },
  );
  const now = fakeReport(
    [
      { relError: 0.3, agreement: 0.8, div: 0.2 },
      { relError: 0.32, agreement: 0.82, div: 0.22 },
    ],
    { relError: 0.2, floor: 0.2, floorCI: [0.15, 0.25], sdAtN: 0.01, agreement: 0.9, div: 0.1 },
  );
  const root = parseXml(renderJunit(fakeRun([fakeOutcome('e', now, [], compareReports(old, now))])));
  const cases = kids(kids(root, 'testsuite')[0]!, 'testcase');
  assert.deepEqual(
    cases.map((c) => [c.attrs.name, c.children[0]!.name]),
    [
      ['regression: floor', 'failure'],
      ['regression: ensembleRelError', 'system-out'],
      ['regression: memberRelError', 'system-out'],
      ['regression: agreement', 'system-out'],
      ['regression: div', 'system-out'],
    ],
  );
  assert.equal(cases[0]!.children[0]!.attrs.message, "95% CI [15.00%, 25.00%] wholly above the baseline's [8.00%, 12.00%]");
  assert.equal(root.attrs.failures, '1');
});

test('the reader is strict: it refuses what a broken renderer could produce', () => {
  assert.throws(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>'), /mismatched close/);
  assert.throws(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 & 2"/>'), /raw '&'/);
  assert.throws(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a>&nbsp;</a>'), /unknown entity/);
});

test('equilens check --format junit on the examples parses back to the measured floors', () => {
  const ws = workspace();
  try {
    ws.config({
      defaults: { group: 'c4', probes: PROBES, thresholds: { maxFloor: 0.05 } },
      audits: [
        { name: 'augmented', models: 'examples/compatible-augmented' },
        { name: 'plain', models: 'examples/compatible-plain' },
      ],
    });
    const r = ws.run(['check', '--format', 'junit', '-q']);
    assert.equal(r.code, 1, r.stderr);
    const root = parseXml(readFileSync(`${ws.dir}/equilens.junit.xml`, 'utf8'));
    assert.deepEqual([root.attrs.tests, root.attrs.failures], ['2', '1']);
    const [a, p] = kids(root, 'testsuite');
    assert.deepEqual([a!.attrs.name, a!.attrs.failures, kids(kids(a!, 'testcase')[0]!, 'system-out')[0]!.text], ['augmented', '0', 'floor 0.00% (95% CI 0.00%–3.71%) ≤ 5.00%']);
    assert.deepEqual([p!.attrs.name, p!.attrs.failures, kids(kids(p!, 'testcase')[0]!, 'failure')[0]!.attrs.message], ['plain', '1', 'floor 87.44% (95% CI 85.50%–89.35%) > 5.00%']);
  } finally {
    ws.cleanup();
  }
});
