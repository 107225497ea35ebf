// Diagnostics while typing (liveUpdate.ts): one analysis per typing pause per document, and
// half-typed JSON keeps the last diagnostics instead of clearing them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../../src/extension/diagnostics/findingDiagnostics';
import { diagnosticsUpdate, KeyedDebounce, type Timers } from '../../src/extension/diagnostics/liveUpdate';
import { ROOT } from '../helpers/cli';

const MEMBER = readFileSync(join(ROOT, 'examples', 'incompatible-augmented', 'member-01', 'model.json'), 'utf8');
const decide = (text: string) => diagnosticsUpdate(text, analyzeText(text, 'c4'));

/** A clock moved by hand: timers fire in order when `advance` passes their time. */
function fakeClock(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    set: (fn, ms) => (timers.set(++next, { at: now + ms, fn }), next),
    clear: (h) => void timers.delete(h as number),
    advance(ms) {
      now += ms;
      for (const [h, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        timers.delete(h);
        t.fn();
      }
    },
    pending: () => timers.size,
  };
}

test('a parsed model sets its findings; a model half typed keeps the last ones; other JSON clears them', () => {
  assert.equal(decide(MEMBER), 'set');
  // Typing a new property: the text is briefly invalid JSON, but still a model being edited.
  const at = MEMBER.indexOf('"kernel_size"');
  assert.equal(decide(`${MEMBER.slice(0, at)}"kern${MEMBER.slice(at)}`), 'keep');
  assert.equal(decide(MEMBER.trimEnd().slice(0, -1)), 'keep'); // the closing brace not typed yet
  // The keys gone (the content replaced by something else): not a model any more.
  assert.equal(decide('{"compilerOptions": {"strict": true}}'), 'clear');
  assert.equal(decide(''), 'clear');
});

test('keystrokes within 400 ms of each other: one run, with the last text; each document on its own', () => {
  const clock = fakeClock();
  const debounce = new KeyedDebounce<string>(400, clock);
  const runs: string[] = [];
  for (const text of ['a', 'ab', 'abc']) {
    debounce.schedule('model.json', () => runs.push(`model:${text}`));
    clock.advance(300);
  }
  debounce.schedule('other.json', () => runs.push('other'));
  assert.deepEqual(runs, []);
  clock.advance(100); // 400 ms after the last keystroke in model.json
  assert.deepEqual(runs, ['model:abc']);
  clock.advance(300);
  assert.deepEqual(runs, ['model:abc', 'other']);
  assert.equal(clock.pending(), 0);
});

test('cancel (save ran the update already, or the document closed) and dispose drop what is pending', () => {
  const clock = fakeClock();
  const debounce = new KeyedDebounce<string>(400, clock);
  const runs: string[] = [];
  debounce.schedule('a', () => runs.push('a'));
  debounce.schedule('b', () => runs.push('b'));
  debounce.cancel('a');
  debounce.cancel('never scheduled');
  clock.advance(400);
  assert.deepEqual(runs, ['b']);
  debounce.schedule('c', () => runs.push('c'));
  debounce.dispose();
  clock.advance(1000);
  assert.deepEqual(runs, ['b']);
  assert.equal(clock.pending(), 0);
});
