import assert from 'node:assert/strict';
import { ModelEndTrust } from '../../../src/completion/modelEndTrust';
import { type Strategy, adaptiveStrategy, blockPrefetchStrategy } from '../../../src/completion/strategies';
import type { FimRequest } from '../../../src/llm/types';
import { doc, typed } from './helpers/fixture';
import { EngineHarness, WHOLE_LINES } from './helpers/harness';
import type { ScriptedReply } from './helpers/scriptedProvider';

// Where a model ended its answer by itself, is there anything more to ask for? A FIM model ends
// where its text meets the text after the cursor, and asked again there it answers nothing; other
// models end after a line and go on when asked again. Rill learns which from the answers
// (modelEndTrust.ts): the state after Tab on a model-ended suggestion is asked for until two such
// requests in a row came back empty; then it is left unasked (every fourth asked anyway).

/**
 * Each function's body is one line; the model writes it and ends (after a line break, as FIM models
 * often do). `goesOn(n)`: asked after function n's line, the model writes another line.
 */
function bodyModel(goesOn: (n: number) => boolean): (request: FimRequest) => ScriptedReply {
  return (request) => {
    const opened = /function f(\d+)\(\) \{\n {2}$/.exec(request.prefix);
    if (opened) return { ...WHOLE_LINES, text: `return ${opened[1]};\n` };
    const after = /return (\d+);$/.exec(request.prefix);
    return { ...WHOLE_LINES, text: after && goesOn(Number(after[1])) ? '\n  log();' : '' };
  };
}

interface Written {
  readonly h: EngineHarness;
  /** Per function: prefetches of the state after its suggestion. */
  readonly prefetches: number[];
  /** Per function: requests sent by the editor's own call after Tab (prefetches aside). */
  readonly afterTab: number[];
}

/** A person opens function after function and takes each suggestion with Tab. */
async function writeFunctions(strategy: Strategy, goesOn: (n: number) => boolean, count: number): Promise<Written> {
  const h = new EngineHarness(bodyModel(goesOn), { strategy });
  const written: Written = { h, prefetches: [], afterTab: [] };
  for (let n = 1; n <= count; n++) {
    const state = doc(`function f${n}() {\n  █\n}\n`, { uri: `file:///work/f${n}.ts`, path: `f${n}.ts` });
    const prefetchesBefore = h.prefetches().length;
    const answer = await h.answer(state);
    assert.equal(answer?.insertText, `return ${n};`);
    // Whatever was asked for the state after it runs to its end.
    await h.clock.advance(1000);
    written.prefetches.push(h.prefetches().length - prefetchesBefore);
    h.engine.accepted(answer.sessionId);
    const after = h.key(typed(state, answer.insertText));
    const requestsBefore = h.demandRequests().length;
    await h.answer(after);
    written.afterTab.push(h.demandRequests().length - requestsBefore);
  }
  return written;
}

describe('completion engine: where a model ended its answer', () => {
  it('a model that ends where the hole is filled: after two empty answers there, such places go unasked (every fourth is checked)', async () => {
    const { prefetches, afterTab } = await writeFunctions(adaptiveStrategy(), () => false, 7);
    assert.deepEqual(prefetches, [1, 1, 0, 0, 0, 1, 0]);
    assert.deepEqual(afterTab, [0, 0, 0, 0, 0, 0, 0], "the editor's call after Tab sends nothing either");
  });

  it('a model that goes on when asked again: the state after each suggestion is always asked for', async () => {
    const { prefetches, afterTab } = await writeFunctions(adaptiveStrategy(), () => true, 5);
    assert.deepEqual(prefetches, [1, 1, 1, 1, 1]);
    assert.deepEqual(afterTab, [0, 0, 0, 0, 0], 'after Tab the next suggestion was already there');
  });

  it('one answer with text where a trusted model end was ends the trust, for ends already trusted too', async () => {
    // Functions 1-2 teach trust; 3-5 are trusted; 6 is the one in four asked anyway, and there the
    // model goes on; 7-8 teach trust again.
    const { h, prefetches } = await writeFunctions(adaptiveStrategy(), (n) => n === 6, 9);
    assert.deepEqual(prefetches, [1, 1, 0, 0, 0, 1, 1, 1, 0]);
    // The end of function 4, trusted before function 6 answered with text, is asked again.
    const end4 = doc('function f4() {\n  return 4;█\n}\n', { uri: 'file:///work/f4.ts', path: 'f4.ts' });
    h.key(end4);
    const before = h.requests.length;
    await h.answer(end4);
    assert.equal(h.requests.length, before + 1);
  });

  it("the bench's block-prefetch peer asks there as it always does", async () => {
    const { prefetches } = await writeFunctions(blockPrefetchStrategy(), () => false, 5);
    assert.ok(prefetches.every((n) => n >= 1), JSON.stringify(prefetches));
  });

  it('a suggestion cut by the token limit or by a rule is no model end: once model ends are trusted, the place after it is still asked', async () => {
    const cut: Record<string, ScriptedReply> = {
      '3': { ...WHOLE_LINES, text: 'return 3;', finish: 'length' },
      // The block ends at the dedent (nothing after the cursor for the text to run into): a rule ended it.
      '4': { ...WHOLE_LINES, text: 'return 4;\n}\n\nfunction g() {' },
    };
    const model = bodyModel(() => false);
    const h = new EngineHarness((request) => cut[/function f(\d+)\(\) \{\n {2}$/.exec(request.prefix)?.[1] ?? ''] ?? model(request));
    const prefetches: number[] = [];
    for (let n = 1; n <= 4; n++) {
      const state = doc(n <= 2 ? `function f${n}() {\n  █\n}\n` : `function f${n}() {\n  █`, { uri: `file:///work/f${n}.ts`, path: `f${n}.ts` });
      const before = h.prefetches().length;
      const answer = await h.answer(state);
      assert.equal(answer?.insertText, `return ${n};`);
      await h.clock.advance(1000);
      prefetches.push(h.prefetches().length - before);
    }
    // Functions 1 and 2 taught that model ends are worth nothing; 3 and 4 did not end by the model.
    assert.deepEqual(prefetches, [1, 1, 1, 1]);
    assert.deepEqual(h.engine.log.all().filter((r) => r.kind !== 'prefetch').map((r) => `${r.outcome} ${r.stopReason}`), ['done stop', 'done stop', 'done length', 'stopped block-end']);
  });
});

describe('ModelEndTrust', () => {
  it('trusts after two empty answers in a row, checks one end in four, and stops at the first answer with text', () => {
    const trust = new ModelEndTrust();
    assert.equal(trust.trustEnd(), false);
    trust.note(true);
    assert.equal(trust.trustEnd(), false);
    trust.note(true);
    assert.deepEqual([trust.trustEnd(), trust.trustEnd(), trust.trustEnd(), trust.trustEnd(), trust.trustEnd()], [true, true, true, false, true]);
    trust.note(false);
    assert.equal(trust.trustEnd(), false);
  });
});
