import assert from 'node:assert/strict';
import { type Strategy, adaptiveStrategy, debounceStrategy } from '../../../src/completion/strategies';
import type { DocumentState } from '../../../src/completion/types';
import type { FimRequest } from '../../../src/llm/types';
import { doc, typed } from './helpers/fixture';
import { type Asked, EngineHarness } from './helpers/harness';
import type { ScriptedReply } from './helpers/scriptedProvider';

const FAST = { ttftMs: 150, msPerToken: 10 };
/** Code from elsewhere: never what the user types. */
const ALWAYS_WRONG = (): ScriptedReply => ({ ...FAST, text: 'zzz = qqq(1);\nwww();\n' });
const START = doc('function f(a) {\n  █\n}\n');
const WRITTEN = 'const b = a * 2;\n  const c = b + 1;\n  log(c);\n  return c;\n  ';

/** Key gaps with pauses of every length (some just over 350 ms), the same for every run. */
function gaps(count: number): number[] {
  const out: number[] = [];
  let seed = 11;
  for (let i = 0; i < count; i++) {
    seed = (seed * 48271) % 2147483647;
    const r = seed / 2147483647;
    out.push(r < 0.7 ? 90 + Math.round(r * 100) : r < 0.85 ? 300 + Math.round((r - 0.7) * 1000) : 600 + Math.round((r - 0.85) * 8000));
  }
  return out;
}

/** Types `text` key by key as VS Code drives the engine: it asks 50 ms after a key, and the next key cancels the call. */
async function typeAlong(h: EngineHarness, start: DocumentState, text: string, keyGaps: readonly number[]): Promise<DocumentState> {
  let state = start;
  let asked: Asked | undefined;
  for (let i = 0; i < text.length; i++) {
    asked?.cancel();
    state = h.key(typed(state, text[i]));
    await h.clock.advance(50);
    asked = h.ask(state);
    await h.clock.advance(Math.max(0, keyGaps[i] - 50));
  }
  await h.clock.advance(2000);
  return state;
}

async function requestsFor(strategy: Strategy, script: (r: FimRequest) => ScriptedReply): Promise<{ requests: number; h: EngineHarness }> {
  const h = new EngineHarness(script, { strategy });
  await typeAlong(h, START, WRITTEN.repeat(3), gaps(WRITTEN.length * 3));
  return { requests: h.requests.length, h };
}

describe('completion engine: back-off when suggestions keep being contradicted', () => {
  it('an always-wrong model: never more requests than a 350 ms debounce, on the same typing', async () => {
    const rill = await requestsFor(adaptiveStrategy(), ALWAYS_WRONG);
    const debounce = await requestsFor(debounceStrategy(350), ALWAYS_WRONG);
    const keys = WRITTEN.length * 3;
    assert.ok(debounce.requests > 5, `the trace has pauses (${debounce.requests} debounced requests)`);
    assert.ok(rill.requests <= debounce.requests, `Rill ${rill.requests} requests vs the debounce's ${debounce.requests} for ${keys} keys`);
    const unthrottled = await requestsFor({ ...adaptiveStrategy(), backoffOnRejection: false }, ALWAYS_WRONG);
    assert.ok(unthrottled.requests > debounce.requests, `without the back-off Rill would send ${unthrottled.requests}`);
  });

  it('while backed off, suggestions are shorter (one line, few tokens)', async () => {
    const { h } = await requestsFor(adaptiveStrategy(), ALWAYS_WRONG);
    const first = h.requests[0].request.maxTokens ?? 0;
    const last = h.requests[h.requests.length - 1].request.maxTokens ?? 0;
    assert.ok(last <= 32 && last < first, `max tokens ${first} -> ${last}`);
  });

  it('a model whose first line is right does not trigger it: a new line still asks at once', async () => {
    // The model knows the file up to the end of its suggestion's first line, then writes something wrong.
    const file = START.prefix + WRITTEN.repeat(3) + START.suffix;
    const script = (request: FimRequest): ScriptedReply => {
      const from = file.indexOf(request.prefix) + request.prefix.length;
      const firstText = file.slice(from).search(/\S/);
      const lineEnd = file.indexOf('\n', from + Math.max(0, firstText));
      return { ...FAST, text: `${file.slice(from, lineEnd)}\n  wrong();\n` };
    };
    const { h } = await requestsFor(adaptiveStrategy(), script);
    const before = h.requests.length;
    const state = h.key(typed({ ...START, prefix: START.prefix + WRITTEN.repeat(3) }, '\n  '));
    await h.clock.advance(50);
    h.ask(state);
    await h.clock.flush();
    assert.equal(h.requests.length, before + 1, 'the call after Enter went out at once');
  });

  it('recovers as soon as a suggestion is accepted', async () => {
    let right = false;
    const script = (): ScriptedReply => (right ? { ...FAST, text: 'return a;\n' } : ALWAYS_WRONG());
    const h = new EngineHarness(script);
    let state = await typeAlong(h, START, WRITTEN, gaps(WRITTEN.length));
    // Backed off: a new line waits for the debounce.
    const before = h.requests.length;
    state = h.key(typed(state, 'x'));
    await h.clock.advance(50);
    h.ask(state);
    await h.clock.flush();
    assert.equal(h.requests.length, before, 'backed off: no request at once');
    // The model is right again, and the user takes its suggestion with Tab.
    right = true;
    const answer = await h.answer(state, 'explicit');
    assert.ok(answer);
    h.engine.accepted(answer.sessionId);
    state = h.key(typed(state, answer.insertText + '\n  '));
    const after = h.requests.length;
    await h.clock.advance(50);
    h.ask(state);
    await h.clock.flush();
    assert.equal(h.requests.length, after + 1, 'recovered: the line start asks at once');
  });
});
