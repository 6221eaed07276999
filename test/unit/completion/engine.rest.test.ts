import assert from 'node:assert/strict';
import { REST_MS } from '../../../src/completion/restRequest';
import { debounceStrategy } from '../../../src/completion/strategies';
import { doc, typed } from './helpers/fixture';
import { EngineHarness, knowsFile } from './helpers/harness';

const FAST = { ttftMs: 150, msPerToken: 10 };
const FILE = 'function f(a) {\n  const b = a * 2;\n  return b;\n}\n\nfunction g(x) {\n  return f(x) + 1;\n}\n';
/** The user has typed in the document (on the first function's line), then clicks on the empty line after it. */
const WRITING = doc('function f(a) {\n  const b = a * 2;\n  return b;\n}█\n');
const EMPTY_LINE = doc('function f(a) {\n  const b = a * 2;\n  return b;\n}\n\n█');
const INSIDE = doc('function f(a) {\n  const b = a█ * 2;\n}\n');

function harness() {
  return new EngineHarness(knowsFile(FILE, FAST));
}

/** A keystroke, then the cursor moved to `to` (no edit). */
function typeThenMove(h: EngineHarness, to = EMPTY_LINE) {
  h.key(WRITING);
  h.engine.observe(to, false);
}

describe('completion engine: a suggestion where the cursor rests, before the first key', () => {
  it('the cursor rests on an empty line: the state is asked for and shown when its first line comes, with no key', async () => {
    const h = harness();
    typeThenMove(h);
    await h.clock.advance(REST_MS - 1);
    assert.equal(h.requests.length, 0, 'not before the cursor has rested');
    const grows = h.grows;
    await h.clock.advance(400);
    assert.equal(h.requests.length, 1);
    assert.equal(h.requests[0].request.prefix, EMPTY_LINE.prefix);
    assert.ok(h.grows > grows, 'the editor was asked to show it');
    const shown = await h.answer(EMPTY_LINE);
    assert.ok(shown?.insertText.startsWith('function g(x) {'), JSON.stringify(shown?.insertText));
    // Typing what it shows is type-through: no new request.
    const on = h.key(typed(EMPTY_LINE, 'fun'));
    const through = await h.answer(on);
    assert.ok(through?.insertText.startsWith('ction g(x)'), JSON.stringify(through?.insertText));
    assert.equal(through?.sessionId, shown?.sessionId);
    assert.ok(!h.requests.some((r) => r.request.prefix.endsWith('fun')), 'no request for the typed-through state');
  });

  it('navigating costs at most one request per typing burst', async () => {
    const h = harness();
    typeThenMove(h);
    await h.clock.advance(2000);
    assert.equal(h.requests.length, 1);
    // Clicking around without typing asks nothing more.
    for (const to of [doc('function f(a) {\n  const b = a * 2;█\n'), doc('function f(a) {█\n'), EMPTY_LINE]) {
      h.engine.observe(to, false);
      await h.clock.advance(2000);
    }
    assert.equal(h.requests.length, 1);
    // After a key, one more.
    typeThenMove(h, doc('function f(a) {\n  const b = a * 2;\n  return b;█\n'));
    await h.clock.advance(2000);
    assert.equal(h.requests.length, 2);
  });

  it('not inside a line, not before any key, not while moving, and not for the baselines', async () => {
    const inside = harness();
    typeThenMove(inside, INSIDE);
    await inside.clock.advance(2000);
    assert.equal(inside.requests.length, 0, 'inside a line');
    const fresh = harness();
    fresh.engine.observe(EMPTY_LINE, false);
    await fresh.clock.advance(2000);
    assert.equal(fresh.requests.length, 0, 'the user has not typed yet');
    const moving = harness();
    moving.key(WRITING);
    for (let i = 0; i < 5; i++) {
      moving.engine.observe(i % 2 ? EMPTY_LINE : doc('function f(a) {█\n'), false);
      await moving.clock.advance(REST_MS / 2);
    }
    assert.equal(moving.requests.length, 0, 'the cursor never rested');
    const naive = new EngineHarness(knowsFile(FILE, FAST), { strategy: debounceStrategy(350) });
    typeThenMove(naive);
    await naive.clock.advance(2000);
    assert.equal(naive.requests.length, 0, 'a baseline asks only when the editor calls');
  });
});
